package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code monthly} table, one row per calendar month with any activity: sessions, distinct
 * clients seen, episodes started, episodes closed (by the month of their last session), mean
 * session relief on {@code nrs_pain} (before − after, sessions of the month with both), mean course
 * improvement on {@code nrs_pain} and the MCID responder rate (episodes ending that month, complete
 * only), and the adverse-event rate (sessions with an event other than {@code none} / sessions
 * that record one). These are descriptive monthly figures; the inferential ones are in {@code stats}.
 */
public final class MonthlyStage {
  private MonthlyStage() {}

  public static Dataset<Row> run(Dataset<Row> sessionsTable, Dataset<Row> episodes, Dataset<Row> outcomes) {
    Dataset<Row> s =
        sessionsTable.groupBy("month")
            .agg(
                count(lit(1)).as("sessions"),
                countDistinct("client_id").as("clients"),
                // in whole tenths: a sum of integers is exact, so the same in any partitioning
                avg(round(col("nrs_before").multiply(10)).minus(round(col("nrs_after").multiply(10))))
                    .divide(10).as("mean_session_relief"),
                count(when(col("adverse_event").notEqual("none"), 1))
                    .divide(count(col("adverse_event"))).as("adverse_event_rate"));
    Dataset<Row> started =
        episodes.groupBy(date_format(col("start_date"), "yyyy-MM").as("month")).agg(count(lit(1)).as("new_episodes"));
    Dataset<Row> closed =
        episodes.filter(col("closed")).groupBy(col("month")).agg(count(lit(1)).as("closed_episodes"));
    Dataset<Row> course =
        outcomes.filter(col("measure").equalTo("nrs_pain").and(col("complete")))
            .join(episodes.select("episode_id", "month"), "episode_id")
            .groupBy("month")
            .agg(
                avg("improvement_tenths").divide(10).as("mean_course_improvement"),
                avg(when(col("responder_mcid"), 1.0).otherwise(0.0)).as("responder_rate_mcid"));
    return s.join(started, new String[] {"month"}, "full_outer")
        .join(closed, new String[] {"month"}, "full_outer")
        .join(course, new String[] {"month"}, "full_outer")
        .na().fill(0L, new String[] {"sessions", "clients", "new_episodes", "closed_episodes"})
        .select("month", "sessions", "clients", "new_episodes", "closed_episodes", "mean_session_relief",
            "mean_course_improvement", "responder_rate_mcid", "adverse_event_rate")
        .orderBy("month");
  }
}
