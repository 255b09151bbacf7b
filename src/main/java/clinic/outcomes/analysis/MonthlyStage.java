package clinic.outcomes.analysis;

import clinic.outcomes.episodes.MonthlyCounts;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.ControlLimits;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code monthly} table, one row per calendar month with any activity, built without a Spark
 * job from the counts the client pass adds up as it writes the tables ({@link MonthlyCounts}):
 * sessions, distinct clients seen, episodes started, episodes closed (by the month of their last
 * session), mean session relief on {@code nrs_pain} (before − after, sessions of the month with
 * both), mean course improvement on {@code nrs_pain} and the MCID responder rate (episodes ending
 * that month, complete only), and the adverse-event rate (sessions with an event other than {@code
 * none} / sessions that record one). These are descriptive monthly figures; the inferential ones
 * are in {@code stats}.
 *
 * <p>The two rates carry p-chart control limits (SPEC {@code monthly}): centre = the pooled rate of
 * the months with data among the 12 calendar months before, limits centre ± 3 √(centre (1 − centre)
 * / n), flag {@code above}/{@code below} outside them; all null with fewer than 3 such months. A
 * trailing min-max range would flag about one month in seven per figure by chance.
 */
public final class MonthlyStage {
  private MonthlyStage() {}

  /**
   * The table's rows, by month, and the distinct clients of all months (for the reports).
   *
   * @param rows the {@code monthly} rows, by month
   * @param clients clients with a session in any month
   */
  public record Result(List<Row> rows, long clients) {}

  /** The rows from the client pass's counts (no Spark job). */
  public static Result run(MonthlyCounts counts) {
    return new Result(withControlLimits(counts.months()), counts.clients());
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
   * The means are Spark's {@code avg} of the whole tenths, then divided by 10: the sum (exact in a
   * double) over the count, then over 10.
   */
  static List<Row> withControlLimits(Map<String, MonthlyCounts.Month> months) {
    if (months.isEmpty()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(months.keySet());
    YearMonth first = YearMonth.parse(keys.get(0));
    YearMonth last = YearMonth.parse(keys.get(keys.size() - 1));
    int span = (int) ChronoUnit.MONTHS.between(first, last) + 1;
    long[][] k = new long[RATES.length][span];
    long[][] n = new long[RATES.length][span];
    months.forEach(
        (month, m) -> {
          int i = (int) ChronoUnit.MONTHS.between(first, YearMonth.parse(month));
          k[0][i] = m.respondersMcid;
          n[0][i] = m.courses;
          k[1][i] = m.adverseEvents;
          n[1][i] = m.adverseRecorded;
        });
    ControlLimits.PChart[][] charts = new ControlLimits.PChart[RATES.length][];
    for (int j = 0; j < RATES.length; j++) {
      charts[j] = ControlLimits.pCharts(k[j], n[j]);
    }
    List<Row> out = new ArrayList<>();
    months.forEach(
        (month, m) -> {
          int i = (int) ChronoUnit.MONTHS.between(first, YearMonth.parse(month));
          NamedRow row =
              new NamedRow(SCHEMA)
                  .set("month", month)
                  .set("sessions", m.sessions)
                  .set("clients", m.clients)
                  .set("new_episodes", m.newEpisodes)
                  .set("closed_episodes", m.closedEpisodes)
                  .set("mean_session_relief", mean(m.reliefSumTenths, m.reliefN))
                  .set("mean_course_improvement", mean(m.courseSumTenths, m.courseN));
          for (int j = 0; j < RATES.length; j++) {
            ControlLimits.PChart c = charts[j][i];
            row.set(RATES[j], n[j][i] == 0 ? null : (double) k[j][i] / n[j][i])
                .set(RATES[j] + "_n", n[j][i])
                .set(RATES[j] + "_center", c.center())
                .set(RATES[j] + "_low", c.low())
                .set(RATES[j] + "_high", c.high())
                .set(RATES[j] + "_flag", c.flag());
          }
          out.add(row.row());
        });
    return out;
  }

  /** A mean of whole tenths in points, null over none. */
  private static Double mean(long sumTenths, long n) {
    return n == 0 ? null : (double) sumTenths / n / 10;
  }
}
