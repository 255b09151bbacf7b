package clinic.outcomes.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.SortedSet;

/**
 * The result of the stateless rules on one record.
 *
 * @param line the physical line where the record starts
 * @param raw the record's exact text, for the rejects output
 * @param row the typed values; never null (all values null for a {@code malformed_row})
 * @param reasons the sorted, unmodifiable reason codes; empty when the row passes
 * @param fingerprint the UTF-8 bytes of a text equal for two records of one file iff they are
 *     identical in every field (all fields, unknown columns too, each trimmed); for a record with
 *     broken quoting, iff their raw texts are equal (see {@code RowCheck.fingerprint}; compared by
 *     content in {@link #equals})
 * @param <T> the row type
 */
public record Checked<T>(
    long line, String raw, T row, SortedSet<String> reasons, byte[] fingerprint)
    implements Serializable {

  /** Tells whether the row passed every stateless rule. */
  public boolean passed() {
    return reasons.isEmpty();
  }

  /** Returns the reason codes joined by {@code |}, as in the rejects output. */
  public String reasonText() {
    return reasons.isEmpty() ? "" : String.join("|", reasons);
  }

  /**
   * Equal when every component is, the fingerprint by its bytes: a record's own {@code equals}
   * would compare the array by identity, so that a copy (a serialized record read back) would
   * differ.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Checked<?> c
        && line == c.line
        && Objects.equals(raw, c.raw)
        && Objects.equals(row, c.row)
        && Objects.equals(reasons, c.reasons)
        && Arrays.equals(fingerprint, c.fingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, raw, row, reasons, Arrays.hashCode(fingerprint));
  }

  /** The components, the fingerprint as its text. */
  @Override
  public String toString() {
    return "Checked[line="
        + line
        + ", raw="
        + raw
        + ", row="
        + row
        + ", reasons="
        + reasons
        + ", fingerprint="
        + new String(fingerprint, StandardCharsets.UTF_8)
        + "]";
  }
}
