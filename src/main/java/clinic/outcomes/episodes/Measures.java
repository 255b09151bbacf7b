package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The four measures, their direction, best possible score and MCID (SPEC data contract and
 * "Outcomes"): the one place these rules live, used by episode outcomes and by the statistics.
 */
public final class Measures {
  private Measures() {}

  /** In table order. */
  public static final List<String> ALL = List.of("nrs_pain", "odi", "rmdq", "slr_deg");

  /** Improvement (positive = better) of a sum of earlier vs later tenths. */
  public static Column improvement(Column measure, Column earlier, Column later) {
    return when(measure.equalTo("slr_deg"), later.minus(earlier)).otherwise(earlier.minus(later));
  }

  /** Best possible score in tenths: 900 for {@code slr_deg}, else 0. */
  public static Column bestTenths(Column measure) {
    return when(measure.equalTo("slr_deg"), lit(900)).otherwise(lit(0));
  }

  /** The MCID in tenths per measure as a column expression. */
  public static Column mcidTenths(Column measure, Map<String, Integer> mcid) {
    Column c = null;
    for (Map.Entry<String, Integer> e : mcid.entrySet()) {
      c = c == null
          ? when(measure.equalTo(e.getKey()), lit(e.getValue()))
          : c.when(measure.equalTo(e.getKey()), lit(e.getValue()));
    }
    return c;
  }
}
