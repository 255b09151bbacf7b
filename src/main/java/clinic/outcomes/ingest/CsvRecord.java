package clinic.outcomes.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One CSV record as read by {@link CsvRecordReader}.
 *
 * @param line the physical line where the record starts (the header is line 1; blank lines are no
 *     record but still count as physical lines; a quoted line break counts as a line)
 * @param raw the record's exact text without its line terminator (it spans lines when a quoted
 *     field holds a line break)
 * @param fields the parsed values, unquoted ({@code ""} unescaped to {@code "}), not trimmed;
 *     unmodifiable when made by the reader
 * @param malformed true when the record breaks RFC 4180 quoting: a quote inside an unquoted field,
 *     or characters other than spaces or tabs after a closing quote. Its fields are then
 *     unreliable, and {@link RowRules} rejects it as {@code malformed_row}
 */
public record CsvRecord(long line, String raw, List<String> fields, boolean malformed)
    implements Serializable {

  /** Validates the components. */
  public CsvRecord {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(fields, "fields");
  }

  /** A well-formed record. */
  public CsvRecord(long line, String raw, List<String> fields) {
    this(line, raw, fields, false);
  }
}
