package clinic.outcomes.validate;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of validation (judged in the client pass, see {@link ClientJudge}).
 *
 * @param rejects every rejected row: file, line, reasons, raw
 * @param accounting per file name: read, accepted, rejected, duplicate
 */
public record Validated(Dataset<Row> rejects, Map<String, Accounting> accounting) {

  /** {@code read = accepted + rejected + duplicate}, for one file. */
  public record Accounting(long read, long accepted, long rejected, long duplicate) {
    /** True when the counts add up. */
    public boolean balances() {
      return read == accepted + rejected + duplicate;
    }
  }
}
