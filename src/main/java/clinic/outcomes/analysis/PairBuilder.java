package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.analysis.Groups.Slice;
import clinic.outcomes.episodes.EpisodeStage;
import clinic.outcomes.pipeline.Settings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the paired data of every analysis as one long table, one row per (analysis, measure,
 * group_by, group, episode): the unit of analysis is the episode, so that pairs are independent.
 *
 * <p>Columns: analysis, measure, group_by, group, episode_id, {@code k} (how many sessions stand
 * behind the pair: they are averaged), {@code e_sum} and {@code l_sum} (sums of the earlier and
 * later scores over those k, in integer tenths, so that means and thresholds stay exact), and
 * {@code complete} (false for an episode that has scores of the measure but no usable pair: it
 * counts in {@code n_incomplete}).
 */
public final class PairBuilder {
  private final Settings settings;
  private final Groups groups;

  public PairBuilder(Settings settings) {
    this.settings = settings;
    this.groups = new Groups(settings);
  }

  /**
   * @param numbered sessions with episode columns
   * @param scores accepted scores
   * @param attributes episode attributes ({@link Groups#episodeAttributes})
   * @param outcomes episode outcomes
   */
  public Dataset<Row> pairs(
      Dataset<Row> numbered, Dataset<Row> scores, Dataset<Row> attributes, Dataset<Row> outcomes) {
    return sessionRelief(numbered, scores, attributes)
        .unionByName(course(attributes, outcomes))
        .unionByName(trajectory("trajectory", numbered, scores, attributes, outcomes, false))
        .unionByName(trajectory("trajectory_cohort", numbered, scores, attributes, outcomes, true))
        .unionByName(followup(attributes, outcomes, false))
        .unionByName(followup(attributes, outcomes, true));
  }

  private Dataset<Row> sessionRelief(Dataset<Row> numbered, Dataset<Row> scores, Dataset<Row> attributes) {
    Dataset<Row> perSession =
        scores.filter(col("moment").isin("before", "after"))
            .groupBy("session_id", "measure")
            .agg(
                max(when(col("moment").equalTo("before"), col("score_tenths"))).as("_b"),
                max(when(col("moment").equalTo("after"), col("score_tenths"))).as("_a"))
            .join(numbered.select("session_id", "episode_id", "technique", "therapist_id", "month", "session_number"),
                "session_id")
            .join(attributes.select("episode_id", "adherence", "condition", "chronicity"), "episode_id");
    List<Slice> slices = new ArrayList<>();
    slices.add(Groups.overall());
    slices.add(Groups.attribute(Groups.TECHNIQUE, col("technique")));
    slices.addAll(groups.techniqueGroups(col("technique")));
    slices.add(Groups.attribute(Groups.SESSION_NUMBER_GROUP, EpisodeStage.sessionNumberGroup(col("session_number"))));
    slices.add(Groups.attribute(Groups.MONTH, col("month")));
    slices.add(Groups.attribute(Groups.CONDITION, col("condition")));
    slices.add(Groups.attribute(Groups.CHRONICITY, col("chronicity")));
    slices.add(Groups.attribute(Groups.ADHERENCE, col("adherence")));
    slices.add(Groups.attribute(Groups.THERAPIST, col("therapist_id")));
    Column both = col("_b").isNotNull().and(col("_a").isNotNull());
    return aggregate("session_relief", perSession, slices, both, col("_b"), col("_a"));
  }

  private List<Slice> episodeSlices(boolean withBucket) {
    List<Slice> slices = new ArrayList<>();
    slices.add(Groups.overall());
    slices.add(Groups.attribute(Groups.TECHNIQUE, col("primary_technique")));
    slices.addAll(groups.techniqueGroups(col("primary_technique")));
    if (withBucket) {
      slices.add(Groups.attribute(Groups.SESSION_BUCKET, col("session_bucket")));
    }
    slices.add(Groups.attribute(Groups.MONTH, col("month")));
    slices.add(Groups.attribute(Groups.BASELINE_BAND, col("baseline_band")));
    slices.add(Groups.attribute(Groups.CONDITION, col("condition")));
    slices.add(Groups.attribute(Groups.CHRONICITY, col("chronicity")));
    slices.add(Groups.attribute(Groups.ADHERENCE, col("adherence")));
    slices.add(Groups.attribute(Groups.THERAPIST, col("primary_therapist")));
    return slices;
  }

  private Dataset<Row> course(Dataset<Row> attributes, Dataset<Row> outcomes) {
    Dataset<Row> d = outcomes.join(attributes, "episode_id");
    return aggregate("course", d, episodeSlices(true), col("complete"),
        col("baseline_tenths"), col("final_tenths"));
  }

  private Dataset<Row> followup(Dataset<Row> attributes, Dataset<Row> outcomes, boolean worstCase) {
    Dataset<Row> d =
        outcomes.join(attributes, "episode_id")
            .filter(col("closed").and(col("baseline_tenths").isNotNull()));
    Column later = worstCase
        ? coalesce(col("followup_tenths"), col("baseline_tenths"))
        : col("followup_tenths");
    Column usable = worstCase ? lit(true) : col("followup_tenths").isNotNull();
    return aggregate(worstCase ? "followup_worst_case" : "followup", d, episodeSlices(false), usable,
        col("baseline_tenths"), later);
  }

  private Dataset<Row> trajectory(
      String analysis, Dataset<Row> numbered, Dataset<Row> scores, Dataset<Row> attributes,
      Dataset<Row> outcomes, boolean cohort) {
    Dataset<Row> before =
        scores.filter(col("moment").equalTo("before"))
            .select("session_id", "measure", "score_tenths")
            .join(numbered.select("session_id", "episode_id", "session_number"), "session_id")
            .filter(col("session_number").geq(2));
    Dataset<Row> d =
        before.join(outcomes.filter(col("baseline_tenths").isNotNull())
                    .select("episode_id", "measure", "baseline_tenths"),
                new String[] {"episode_id", "measure"})
            .join(attributes.select("episode_id", "primary_technique", "n_sessions"), "episode_id");
    if (cohort) {
      d = d.filter(col("n_sessions").geq(settings.cohortSessions())
          .and(col("session_number").leq(settings.cohortSessions())));
    }
    Column sng = EpisodeStage.sessionNumberGroup(col("session_number"));
    List<Slice> slices = List.of(
        Groups.attribute(Groups.SESSION_NUMBER_GROUP, sng),
        Groups.attribute(Groups.TECHNIQUE_BY_SESSION,
            concat(coalesce(col("primary_technique"), lit("unknown")), lit("|"), sng)));
    return aggregate(analysis, d, slices, lit(true), col("baseline_tenths"), col("score_tenths"));
  }

  /**
   * Explodes rows into their slices and averages each episode's rows within a slice into one
   * pair. {@code usable} marks rows whose (earlier, later) both exist.
   */
  private Dataset<Row> aggregate(
      String analysis, Dataset<Row> d, List<Slice> slices, Column usable, Column earlier, Column later) {
    Dataset<Row> x =
        d.select(
            col("measure"), col("episode_id"),
            when(usable, earlier).as("_e"), when(usable, later).as("_l"),
            groups.explode(slices).as("_g"));
    return x.filter(col("_g.group").isNotNull())
        .groupBy(col("measure"), col("_g.group_by").as("group_by"), col("_g.group").as("group"), col("episode_id"))
        .agg(count(col("_e")).as("k"), sum(col("_e")).as("e_sum"), sum(col("_l")).as("l_sum"))
        .withColumn("complete", col("k").gt(0))
        .withColumn("analysis", lit(analysis))
        .select("analysis", "measure", "group_by", "group", "episode_id", "k", "e_sum", "l_sum", "complete");
  }
}
