package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.pipeline.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The grouping of SPEC "Statistics": which {@code (group_by, group)} slices a row falls in. A
 * missing attribute forms the group {@code unknown}; technique groups are only formed for members.
 */
public final class Groups {
  /** group_by names, as in the tables. */
  public static final String OVERALL = "overall";
  public static final String TECHNIQUE = "technique";
  public static final String TECHNIQUE_GROUP = "technique_group";
  public static final String SESSION_BUCKET = "session_bucket";
  public static final String SESSION_NUMBER_GROUP = "session_number_group";
  public static final String MONTH = "month";
  public static final String BASELINE_BAND = "baseline_band";
  public static final String CONDITION = "condition";
  public static final String CHRONICITY = "chronicity";
  public static final String ADHERENCE = "adherence";
  public static final String THERAPIST = "therapist";
  public static final String TECHNIQUE_BY_SESSION = "technique×session_number";

  private final Settings settings;

  public Groups(Settings settings) {
    this.settings = settings;
  }

  /** One slice: a group_by name and the column giving the group (null = not in any group). */
  public record Slice(String groupBy, Column group) {}

  /** Slices: overall, then the given attribute columns. */
  public Column explode(List<Slice> slices) {
    List<Column> items = new ArrayList<>();
    for (Slice s : slices) {
      items.add(struct(lit(s.groupBy()).as("group_by"), s.group().cast("string").as("group")));
    }
    return org.apache.spark.sql.functions.explode(array(items.toArray(new Column[0])));
  }

  /** The overall slice. */
  public static Slice overall() {
    return new Slice(OVERALL, lit("all"));
  }

  /** A slice on an attribute column, with {@code unknown} for nulls. */
  public static Slice attribute(String groupBy, Column value) {
    return new Slice(groupBy, coalesce(value, lit("unknown")));
  }

  /** The technique-group slices of a technique column (one per configured group; null if not a member). */
  public List<Slice> techniqueGroups(Column technique) {
    List<Slice> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      out.add(new Slice(TECHNIQUE_GROUP,
          when(technique.isin(g.getValue().toArray()), lit(g.getKey()))));
    }
    return out;
  }

  /** Baseline band from the nrs_pain baseline in tenths: <= 3 mild, <= 6 moderate, above severe. */
  public static Column baselineBand(Column nrsBaselineTenths) {
    return when(nrsBaselineTenths.isNull(), lit("unknown"))
        .when(nrsBaselineTenths.leq(30), lit("mild"))
        .when(nrsBaselineTenths.leq(60), lit("moderate"))
        .otherwise(lit("severe"));
  }

  /** Chronicity from symptom weeks at intake: acute < 6, subacute 6-12, chronic > 12. */
  public static Column chronicity(Column symptomWeeks) {
    return when(symptomWeeks.isNull(), lit("unknown"))
        .when(symptomWeeks.lt(6), lit("acute"))
        .when(symptomWeeks.leq(12), lit("subacute"))
        .otherwise(lit("chronic"));
  }

  /**
   * Episode attributes used for grouping course and follow-up analyses: primary technique and
   * therapist, session bucket, month of the last session, baseline band, condition, chronicity,
   * adherence.
   */
  public static Dataset<Row> episodeAttributes(
      Dataset<Row> episodes, Dataset<Row> outcomes, Dataset<Row> clients) {
    Dataset<Row> nrsBaseline =
        outcomes.filter(col("measure").equalTo("nrs_pain"))
            .select(col("episode_id"), col("baseline_tenths").as("_nrs_baseline"));
    Dataset<Row> a =
        episodes.join(nrsBaseline, new String[] {"episode_id"}, "left")
            .withColumn("baseline_band", baselineBand(col("_nrs_baseline")))
            .drop("_nrs_baseline");
    if (clients != null) {
      Dataset<Row> c =
          clients.select(
              col("client_id"), col("condition"), col("symptom_weeks"), col("age_band"), col("sex"),
              lit(true).as("has_client"));
      a = a.join(c, new String[] {"client_id"}, "left")
          .withColumn("has_client", coalesce(col("has_client"), lit(false)));
    } else {
      a = a.withColumn("condition", lit(null).cast("string"))
          .withColumn("symptom_weeks", lit(null).cast("int"))
          .withColumn("age_band", lit(null).cast("string"))
          .withColumn("sex", lit(null).cast("string"))
          .withColumn("has_client", lit(false));
    }
    return a.withColumn("chronicity", chronicity(col("symptom_weeks")));
  }
}
