package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code safety} table.
 *
 * @param unit session or episode
 * @param technique technique code, group or all
 * @param event event type or any
 * @param n denominator
 * @param events numerator
 * @param rate rate with its Wilson 95 % interval
 */
public record SafetyRow(
    String unit, String technique, String event, long n, long events, Interval rate) {
  static SafetyRow of(Row r) {
    Long n = Cols.lng(r, "n");
    Long e = Cols.lng(r, "n_events");
    return new SafetyRow(
        Cols.str(r, "unit"),
        Cols.str(r, "technique"),
        Cols.str(r, "event"),
        n == null ? 0 : n,
        e == null ? 0 : e,
        new Interval(Cols.dbl(r, "rate"), Cols.dbl(r, "ci_low"), Cols.dbl(r, "ci_high")));
  }
}
