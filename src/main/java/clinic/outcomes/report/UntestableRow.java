package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code claims_untestable} table: a published sentence these records cannot test.
 *
 * @param statement the sentence as published
 * @param reason why the records cannot test it
 */
public record UntestableRow(String statement, String reason) {
  static UntestableRow of(Row r) {
    return new UntestableRow(Cols.str(r, "statement"), Cols.str(r, "reason"));
  }
}
