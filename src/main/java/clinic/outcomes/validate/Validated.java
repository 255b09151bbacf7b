package clinic.outcomes.validate;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of validation.
 *
 * @param sessions accepted sessions, typed
 * @param scores accepted pain scores, typed (score in {@code score_tenths})
 * @param clients accepted clients, or null when no clients file was given
 * @param rejects every rejected row: file, line, reasons, raw
 * @param accounting per file name: read, accepted, rejected, duplicate
 */
public record Validated(
    Dataset<Row> sessions,
    Dataset<Row> scores,
    Dataset<Row> clients,
    Dataset<Row> rejects,
    Map<String, Accounting> accounting) {

  /** {@code read = accepted + rejected + duplicate}, for one file. */
  public record Accounting(long read, long accepted, long rejected, long duplicate) {
    /** True when the counts add up. */
    public boolean balances() {
      return read == accepted + rejected + duplicate;
    }
  }
}
