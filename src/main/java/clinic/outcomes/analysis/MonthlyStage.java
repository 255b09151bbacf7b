package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Measure;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.ControlLimits;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code monthly} table, one row per calendar month with any activity: sessions, distinct
 * clients seen, episodes started, episodes closed (by the month of their last session), mean
 * session relief on {@code nrs_pain} (before − after, sessions of the month with both), mean course
 * improvement on {@code nrs_pain} and the MCID responder rate (episodes ending that month, complete
 * only), and the adverse-event rate (sessions with an event other than {@code none} / sessions that
 * record one). These are descriptive monthly figures; the inferential ones are in {@code stats}.
 *
 * <p>The two rates carry p-chart control limits (SPEC {@code monthly}): centre = the pooled rate of
 * the months with data among the 12 calendar months before, limits centre ± 3 √(centre (1 − centre)
 * / n), flag {@code above}/{@code below} outside them; all null with fewer than 3 such months. A
 * trailing min-max range would flag about one month in seven per figure by chance.
 */
public final class MonthlyStage {
  private MonthlyStage() {}

  /**
   * The table's rows, by month, and the distinct clients of all months (for the reports), from one
   * Spark query.
   *
   * @param rows the {@code monthly} rows, by month
   * @param clients clients with a session in any month
   */
  public record Result(List<Row> rows, long clients) {}

  public static Result run(
      Dataset<Row> sessionsTable, Dataset<Row> episodes, Dataset<Row> outcomes) {
    // rollup: the row of month null holds the distinct clients of all months, from the same scan
    Dataset<Row> s =
        sessionsTable
            .rollup("month")
            .agg(
                count(lit(1)).as("sessions"),
                countDistinct("client_id").as("clients"),
                // in whole tenths: a sum of integers is exact, so the same in any partitioning
                avg(round(col("nrs_before").multiply(10))
                        .minus(round(col("nrs_after").multiply(10))))
                    .divide(10)
                    .as("mean_session_relief"),
                count(when(col("adverse_event").notEqual(AdverseEvent.NONE.code()), 1))
                    .as("adverse_events"),
                count(col("adverse_event")).as("adverse_event_rate_n"));
    Dataset<Row> started =
        episodes
            .groupBy(date_format(col("start_date"), "yyyy-MM").as("month"))
            .agg(count(lit(1)).as("new_episodes"));
    Dataset<Row> closed =
        episodes
            .filter(col("closed"))
            .groupBy(col("month"))
            .agg(count(lit(1)).as("closed_episodes"));
    Dataset<Row> course =
        outcomes
            .filter(col("measure").equalTo(Measure.NRS_PAIN.code()).and(col("complete")))
            .join(episodes.select("episode_id", "month"), "episode_id")
            .groupBy("month")
            .agg(
                avg("improvement_tenths").divide(10).as("mean_course_improvement"),
                count(when(col("responder_mcid"), 1)).as("responders_mcid"),
                count(lit(1)).as("responder_rate_mcid_n"));
    List<Row> months =
        s.join(started, new String[] {"month"}, "full_outer")
            .join(closed, new String[] {"month"}, "full_outer")
            .join(course, new String[] {"month"}, "full_outer")
            .na()
            .fill(
                0L,
                new String[] {
                  "sessions",
                  "clients",
                  "new_episodes",
                  "closed_episodes",
                  "adverse_events",
                  "adverse_event_rate_n",
                  "responders_mcid",
                  "responder_rate_mcid_n"
                })
            .orderBy("month")
            .collectAsList();
    List<Row> byMonth = new ArrayList<>();
    long clients = 0;
    for (Row r : months) {
      if (r.isNullAt(r.fieldIndex("month"))) { // the rollup's total (no session has no month)
        clients = r.<Long>getAs("clients");
      } else {
        byMonth.add(r);
      }
    }
    return new Result(withControlLimits(byMonth), clients);
  }

  private static final String[] RATES = {"responder_rate_mcid", "adverse_event_rate"};

  public static final StructType SCHEMA;

  static {
    StructType t =
        new StructType()
            .add("month", DataTypes.StringType, false)
            .add("sessions", DataTypes.LongType, false)
            .add("clients", DataTypes.LongType, false)
            .add("new_episodes", DataTypes.LongType, false)
            .add("closed_episodes", DataTypes.LongType, false)
            .add("mean_session_relief", DataTypes.DoubleType)
            .add("mean_course_improvement", DataTypes.DoubleType)
            .add("responder_rate_mcid", DataTypes.DoubleType)
            .add("adverse_event_rate", DataTypes.DoubleType);
    for (String r : RATES) {
      t =
          t.add(r + "_n", DataTypes.LongType, false)
              .add(r + "_center", DataTypes.DoubleType)
              .add(r + "_low", DataTypes.DoubleType)
              .add(r + "_high", DataTypes.DoubleType)
              .add(r + "_flag", DataTypes.StringType);
    }
    SCHEMA = t;
  }

  /**
   * The rows with their p-chart columns, over consecutive calendar months (a gap month has n = 0).
   */
  static List<Row> withControlLimits(List<Row> months) {
    if (months.isEmpty()) {
      return List.of();
    }
    YearMonth first = YearMonth.parse(months.get(0).getAs("month"));
    YearMonth last = YearMonth.parse(months.get(months.size() - 1).getAs("month"));
    int span = (int) ChronoUnit.MONTHS.between(first, last) + 1;
    Map<String, ControlLimits.PChart[]> charts = new HashMap<>();
    String[] counts = {"responders_mcid", "adverse_events"};
    for (int j = 0; j < RATES.length; j++) {
      long[] k = new long[span];
      long[] n = new long[span];
      for (Row r : months) {
        int i = (int) ChronoUnit.MONTHS.between(first, YearMonth.parse(r.getAs("month")));
        k[i] = r.<Long>getAs(counts[j]);
        n[i] = r.<Long>getAs(RATES[j] + "_n");
      }
      charts.put(RATES[j], ControlLimits.pCharts(k, n));
    }
    List<Row> out = new ArrayList<>();
    for (Row r : months) {
      int i = (int) ChronoUnit.MONTHS.between(first, YearMonth.parse(r.getAs("month")));
      NamedRow row = new NamedRow(SCHEMA);
      for (String c :
          List.of(
              "month",
              "sessions",
              "clients",
              "new_episodes",
              "closed_episodes",
              "mean_session_relief",
              "mean_course_improvement")) {
        row.set(c, r.getAs(c));
      }
      for (int j = 0; j < RATES.length; j++) {
        long k = r.<Long>getAs(counts[j]);
        long n = r.<Long>getAs(RATES[j] + "_n");
        ControlLimits.PChart c = charts.get(RATES[j])[i];
        row.set(RATES[j], n == 0 ? null : (double) k / n)
            .set(RATES[j] + "_n", n)
            .set(RATES[j] + "_center", c.center())
            .set(RATES[j] + "_low", c.low())
            .set(RATES[j] + "_high", c.high())
            .set(RATES[j] + "_flag", c.flag());
      }
      out.add(row.row());
    }
    return out;
  }
}
