package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.pipeline.Settings;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per episode and measure: baseline, final, improvement, percent improvement, responder flags and
 * follow-up (SPEC "Outcomes"). All arithmetic is on integer tenths, so that thresholds are exact
 * (65.6 − 55.6 is exactly 10.0, an MCID of 10 is met).
 *
 * <ul>
 *   <li>Baseline: the {@code before} score of session 1, else the latest {@code intake} score 0-30
 *       days before session 1.
 *   <li>Final: the {@code after} score of the last session, else the earliest {@code discharge}
 *       score 0-30 days after it.
 *   <li>Follow-up: the earliest {@code followup} score 14-365 days after the last session and before
 *       the client's next episode.
 * </ul>
 *
 * An episode has a row for a measure when any of its sessions has a before/after score of that
 * measure, or a baseline, final or follow-up candidate was found; a row missing baseline or final
 * is incomplete (improvement null), never dropped.
 */
public final class OutcomeStage {
  private final Settings settings;

  public OutcomeStage(Settings settings) {
    this.settings = settings;
  }

  /**
   * @param numbered sessions with episode columns ({@link EpisodeStage#numberSessions})
   * @param episodes episodes ({@link EpisodeStage#episodes})
   * @param scores accepted scores
   */
  public Dataset<Row> outcomes(Dataset<Row> numbered, Dataset<Row> episodes, Dataset<Row> scores) {
    Dataset<Row> ep =
        episodes.select("episode_id", "client_id", "start_date", "end_date", "n_sessions", "next_start_date");
    Dataset<Row> linked =
        scores
            .filter(col("moment").isin("before", "after"))
            .join(numbered.select("session_id", "episode_id", "session_number"), "session_id")
            .join(ep.select("episode_id", "n_sessions"), "episode_id");
    Dataset<Row> sessionPairs =
        linked
            .groupBy("episode_id", "measure")
            .agg(
                max(when(col("moment").equalTo("before").and(col("session_number").equalTo(1)),
                        col("score_tenths"))).as("_before1"),
                max(when(col("moment").equalTo("after").and(col("session_number").equalTo(col("n_sessions"))),
                        col("score_tenths"))).as("_after_last"));

    Dataset<Row> clientScores =
        scores.select(
            col("client_id").as("s_client"), col("moment").as("s_moment"),
            col("measure"), col("recorded_on").as("s_date"), col("score_tenths").as("s_score"));
    Column sameClient = col("s_client").equalTo(col("client_id"));
    Dataset<Row> intake =
        ep.join(clientScores,
                sameClient.and(col("s_moment").equalTo("intake"))
                    .and(col("s_date").between(date_sub(col("start_date"), 30), col("start_date"))))
            .groupBy("episode_id", "measure")
            .agg(max(struct(col("s_date"), col("s_score"))).getField("s_score").as("_intake"));
    Dataset<Row> discharge =
        ep.join(clientScores,
                sameClient.and(col("s_moment").equalTo("discharge"))
                    .and(col("s_date").between(col("end_date"), date_add(col("end_date"), 30))))
            .groupBy("episode_id", "measure")
            .agg(min(struct(col("s_date"), col("s_score"))).getField("s_score").as("_discharge"));
    Dataset<Row> followup =
        ep.join(clientScores,
                sameClient.and(col("s_moment").equalTo("followup"))
                    .and(col("s_date").between(date_add(col("end_date"), 14), date_add(col("end_date"), 365)))
                    .and(col("next_start_date").isNull().or(col("s_date").lt(col("next_start_date")))))
            .groupBy("episode_id", "measure")
            .agg(min(struct(col("s_date"), col("s_score"))).as("_fu"))
            .select(col("episode_id"), col("measure"),
                col("_fu").getField("s_score").as("followup_tenths"),
                col("_fu").getField("s_date").as("followup_date"));

    Dataset<Row> keys =
        sessionPairs.select("episode_id", "measure")
            .union(intake.select("episode_id", "measure"))
            .union(discharge.select("episode_id", "measure"))
            .union(followup.select("episode_id", "measure"))
            .distinct();
    Dataset<Row> joined =
        keys.join(sessionPairs, new String[] {"episode_id", "measure"}, "left")
            .join(intake, new String[] {"episode_id", "measure"}, "left")
            .join(discharge, new String[] {"episode_id", "measure"}, "left")
            .join(followup, new String[] {"episode_id", "measure"}, "left");
    Column m = col("measure");
    Column baseline = col("baseline_tenths");
    Column fin = col("final_tenths");
    Column distanceToBest = Measures.bestTenths(m).minus(baseline);
    Column absDistance = when(distanceToBest.lt(0), distanceToBest.unary_$minus()).otherwise(distanceToBest);
    Dataset<Row> out =
        joined
            .withColumn("baseline_source",
                when(col("_before1").isNotNull(), lit("before")).when(col("_intake").isNotNull(), lit("intake")))
            .withColumn("baseline_tenths", when(col("_before1").isNotNull(), col("_before1")).otherwise(col("_intake")))
            .withColumn("final_source",
                when(col("_after_last").isNotNull(), lit("after")).when(col("_discharge").isNotNull(), lit("discharge")))
            .withColumn("final_tenths", when(col("_after_last").isNotNull(), col("_after_last")).otherwise(col("_discharge")))
            .withColumn("improvement_tenths", Measures.improvement(m, baseline, fin))
            .withColumn("_dist", absDistance)
            .withColumn("percent", when(col("_dist").gt(0), col("improvement_tenths").divide(col("_dist"))))
            .withColumn("responder_mcid", col("improvement_tenths").geq(Measures.mcidTenths(m, settings.mcidTenths())))
            // exact: improvement / distance >= 30 %  <=>  100 * improvement >= 30 * distance
            .withColumn("responder_30", when(col("_dist").gt(0),
                col("improvement_tenths").multiply(100).geq(col("_dist").multiply(30))))
            .withColumn("responder_50", when(col("_dist").gt(0),
                col("improvement_tenths").multiply(100).geq(col("_dist").multiply(50))))
            .withColumn("followup_improvement_tenths", Measures.improvement(m, baseline, col("followup_tenths")))
            .withColumn("complete", baseline.isNotNull().and(fin.isNotNull()));
    return out.select(
        col("episode_id"), col("measure"),
        tenthsToDouble("baseline"), tenthsToDouble("final"), tenthsToDouble("improvement"),
        col("percent"), col("responder_mcid"), col("responder_30"), col("responder_50"),
        tenthsToDouble("followup"), tenthsToDouble("followup_improvement"),
        col("followup_date"), col("baseline_source"), col("final_source"), col("complete"),
        col("baseline_tenths"), col("final_tenths"), col("improvement_tenths"),
        col("followup_tenths"), col("followup_improvement_tenths"));
  }

  private static Column tenthsToDouble(String name) {
    return col(name + "_tenths").cast("double").divide(10.0).as(name);
  }

}
