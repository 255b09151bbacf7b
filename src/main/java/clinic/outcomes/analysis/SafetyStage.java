package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Settings;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code safety} table: adverse-event rates per session and per episode, by technique,
 * technique group and overall ({@code all}), per event type and {@code any}, with Wilson 95 %
 * intervals. Per session: sessions with the event / sessions that record {@code adverse_event}. Per
 * episode: episodes with at least one such event / episodes with a recorded session (for a
 * technique, only the episode's sessions of that technique count). Also, overall, the sessions
 * given to clients with a contraindication other than {@code none} and {@code medical_clearance =
 * no} (event {@code contraindicated_without_clearance}).
 */
public final class SafetyStage {
  /** Event types, then {@code any} (any event other than {@code none}). */
  public static final List<String> EVENTS =
      Stream.concat(
              Arrays.stream(AdverseEvent.values())
                  .filter(e -> e != AdverseEvent.NONE)
                  .map(AdverseEvent::code),
              Stream.of("any"))
          .toList();

  private final Settings settings;

  public SafetyStage(Settings settings) {
    this.settings = settings;
  }

  /**
   * The table's rows in one aggregate over the sessions (one Spark query: per slice and episode,
   * then per slice), unit by unit, slices by name, events in {@link #EVENTS} order, then the
   * contraindication row when there is a clients file.
   *
   * @param numbered the published {@code sessions} table (technique, adverse_event, episode_id,
   *     client_id)
   * @param clients accepted client records, or null without a clients file
   */
  public List<Row> run(Dataset<Row> numbered, Dataset<Row> clients) {
    List<Column> slices = new ArrayList<>();
    slices.add(col("technique"));
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      slices.add(when(col("technique").isin(g.getValue().toArray()), lit(g.getKey())));
    }
    slices.add(lit(ALL));
    Dataset<Row> sessions =
        numbered.select("episode_id", "client_id", "technique", "adverse_event");
    if (clients == null) {
      sessions = sessions.withColumn("_flag", lit(0));
    } else {
      Dataset<Row> flagged =
          clients
              .filter(
                  col("contraindications")
                      .isNotNull()
                      .and(col("contraindications").notEqual("none"))
                      .and(col("medical_clearance").equalTo("no")))
              .select(col("client_id").as("_c"));
      sessions =
          sessions
              .join(flagged, col("client_id").equalTo(col("_c")), "left")
              .withColumn("_flag", when(col("_c").isNotNull(), 1).otherwise(0));
    }
    // Every session, in each of its slices: sessions that do not record adverse_event count only
    // towards the contraindication row (slice all).
    List<Column> perEpisode = new ArrayList<>();
    perEpisode.add(count(col("adverse_event")).as("rec"));
    perEpisode.add(count(lit(1)).as("all"));
    perEpisode.add(sum("_flag").as("flag"));
    List<Column> perSlice = new ArrayList<>();
    perSlice.add(sum("rec").as("s_n"));
    perSlice.add(count(when(col("rec").gt(0), 1)).as("e_n"));
    perSlice.add(sum("all").as("all"));
    perSlice.add(sum("flag").as("flag"));
    for (String e : EVENTS) {
      Column hit =
          "any".equals(e)
              ? col("adverse_event").notEqual(AdverseEvent.NONE.code())
              : col("adverse_event").equalTo(e);
      perEpisode.add(count(when(hit, 1)).as("k_" + e));
      perSlice.add(sum("k_" + e).as("s_" + e));
      perSlice.add(count(when(col("k_" + e).gt(0), 1)).as("e_" + e));
    }
    TreeMap<String, Row> bySlice = new TreeMap<>();
    for (Row r :
        sessions
            .select(
                col("episode_id"),
                col("adverse_event"),
                col("_flag"),
                explode(array(slices.toArray(new Column[0]))).as("slice"))
            .filter(col("slice").isNotNull())
            .groupBy("slice", "episode_id")
            .agg(perEpisode.get(0), perEpisode.subList(1, perEpisode.size()).toArray(new Column[0]))
            .groupBy("slice")
            .agg(perSlice.get(0), perSlice.subList(1, perSlice.size()).toArray(new Column[0]))
            .collectAsList()) {
      bySlice.put(r.getAs("slice"), r);
    }
    List<Row> out = new ArrayList<>();
    for (String unit : List.of("session", "episode")) {
      String prefix = unit.substring(0, 1);
      for (Row r : bySlice.values()) {
        long n = r.<Number>getAs(prefix + "_n").longValue();
        if (n == 0) { // no session of this slice records adverse_event
          continue;
        }
        for (String e : EVENTS) {
          long k = r.<Number>getAs(prefix + "_" + e).longValue();
          out.add(row(unit, r.getAs("slice"), e, n, k));
        }
      }
    }
    if (clients != null) {
      Row all = bySlice.get(ALL);
      long n = all == null ? 0 : all.<Number>getAs("all").longValue(); // every session
      long k = all == null ? 0 : all.<Number>getAs("flag").longValue(); // of flagged clients
      out.add(row("session", ALL, "contraindicated_without_clearance", n, k));
    }
    return out;
  }

  private static final String ALL = "all";

  private static Row row(String unit, String technique, String event, long n, long k) {
    Wilson.Interval ci = Wilson.interval(k, n, StatsStage.CONFIDENCE);
    return new NamedRow(SCHEMA)
        .set("unit", unit)
        .set("technique", technique)
        .set("event", event)
        .set("n", n)
        .set("n_events", k)
        .set("rate", n == 0 ? null : (double) k / n)
        .set("ci_low", ci == null ? null : ci.low())
        .set("ci_high", ci == null ? null : ci.high())
        .row();
  }

  public static final StructType SCHEMA =
      new StructType()
          .add("unit", DataTypes.StringType, false)
          .add("technique", DataTypes.StringType, false)
          .add("event", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("n_events", DataTypes.LongType, false)
          .add("rate", DataTypes.DoubleType)
          .add("ci_low", DataTypes.DoubleType)
          .add("ci_high", DataTypes.DoubleType);
}
