package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.pipeline.Settings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Builds episodes of care from accepted sessions (SPEC "Derived structure").
 *
 * <p>A client's sessions are ordered by date, then {@code session_id}; a new episode starts when
 * the gap since the previous session exceeds {@code episodeGapDays}. The primary technique (and
 * primary therapist) is the one of most sessions, a tie going to the earliest session's.
 */
public final class EpisodeStage {
  private final Settings settings;

  /** {@code settings.asOf()} must be resolved (non-null). */
  public EpisodeStage(Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.settings = settings;
  }

  /** Sessions with {@code episode_number}, {@code episode_id}, {@code session_number}, {@code month}. */
  public Dataset<Row> numberSessions(Dataset<Row> sessions) {
    WindowSpec byClient = Window.partitionBy("client_id").orderBy("session_date", "session_id");
    Column gap = datediff(col("session_date"), lag("session_date", 1).over(byClient));
    Dataset<Row> s =
        sessions
            .withColumn("_new", when(gap.isNull().or(gap.gt(settings.episodeGapDays())), 1).otherwise(0))
            .withColumn("episode_number", sum("_new").over(byClient.rowsBetween(Window.unboundedPreceding(), Window.currentRow())).cast("int"))
            .drop("_new");
    WindowSpec byEpisode =
        Window.partitionBy("client_id", "episode_number").orderBy("session_date", "session_id");
    return s.withColumn("episode_id", concat(col("client_id"), lit("-E"), col("episode_number").cast("string")))
        .withColumn("session_number", row_number().over(byEpisode))
        .withColumn("month", date_format(col("session_date"), "yyyy-MM"));
  }

  /**
   * One row per episode: episode_id, client_id, episode_number, start_date, end_date, n_sessions,
   * primary_technique, primary_therapist, session_bucket, adherence, closed, closed_by,
   * next_start_date, month (of the last session).
   *
   * @param numbered the output of {@link #numberSessions}
   * @param scores accepted pain scores (for discharge)
   */
  public Dataset<Row> episodes(Dataset<Row> numbered, Dataset<Row> scores) {
    Dataset<Row> base =
        numbered
            .groupBy("episode_id", "client_id", "episode_number")
            .agg(
                min("session_date").as("start_date"),
                max("session_date").as("end_date"),
                count(lit(1)).cast("int").as("n_sessions"),
                sum(when(col("home_exercise").equalTo("yes"), 1).otherwise(0)).as("_hx_yes"),
                count(col("home_exercise")).as("_hx_recorded"));
    Dataset<Row> ep =
        base.join(primary(numbered, "technique", "primary_technique"), "episode_id")
            .join(primary(numbered, "therapist_id", "primary_therapist"), "episode_id")
            .withColumn("session_bucket", bucket(col("n_sessions")))
            .withColumn(
                "adherence",
                when(col("_hx_recorded").equalTo(0), lit("unknown"))
                    .when(col("_hx_yes").multiply(2).geq(col("_hx_recorded")), lit("adherent"))
                    .otherwise(lit("not_adherent")))
            .withColumn(
                "next_start_date",
                lead("start_date", 1).over(Window.partitionBy("client_id").orderBy("episode_number")))
            .withColumn("month", date_format(col("end_date"), "yyyy-MM"))
            .drop("_hx_yes", "_hx_recorded");

    Dataset<Row> discharged =
        scores.filter(col("moment").equalTo("discharge"))
            .select(col("client_id").as("d_client"), col("recorded_on").as("d_date"))
            .distinct();
    Column inWindow =
        col("d_client").equalTo(col("client_id"))
            .and(col("d_date").geq(col("start_date")))
            .and(col("next_start_date").isNull().or(col("d_date").lt(col("next_start_date"))));
    Dataset<Row> withDischarge =
        ep.join(discharged, inWindow, "left")
            .groupBy("episode_id")
            .agg(count(col("d_date")).as("_discharges"));
    Column byGap = datediff(lit(settings.asOf()), col("end_date")).gt(settings.episodeGapDays());
    return ep.join(withDischarge, "episode_id")
        .withColumn(
            "closed_by",
            when(col("_discharges").gt(0), lit("discharge")).when(byGap, lit("gap")))
        .withColumn("closed", col("closed_by").isNotNull())
        .drop("_discharges");
  }

  /** The value of {@code column} in most of an episode's sessions; ties to the earliest session. */
  private static Dataset<Row> primary(Dataset<Row> numbered, String column, String as) {
    Dataset<Row> counts =
        numbered
            .groupBy(col("episode_id"), col(column).as("_v"))
            .agg(count(lit(1)).as("_n"), min("session_number").as("_first"));
    WindowSpec rank = Window.partitionBy("episode_id").orderBy(col("_n").desc(), col("_first").asc());
    return counts
        .withColumn("_rank", row_number().over(rank))
        .filter(col("_rank").equalTo(1))
        .select(col("episode_id"), col("_v").as(as));
  }

  /** Session bucket of an episode by its session count: 1, 2-3, 4-6, 7-10, 11+. */
  public static Column bucket(Column n) {
    return when(n.equalTo(1), lit("1"))
        .when(n.leq(3), lit("2-3"))
        .when(n.leq(6), lit("4-6"))
        .when(n.leq(10), lit("7-10"))
        .otherwise(lit("11+"));
  }

  /** Session-number group: 1 ... 9, 10+. */
  public static Column sessionNumberGroup(Column k) {
    return when(k.geq(10), lit("10+")).otherwise(k.cast("string"));
  }
}
