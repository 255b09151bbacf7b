package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
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
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  private final SparkSession spark;
  private final Settings settings;

  public SafetyStage(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public Dataset<Row> run(Dataset<Row> numbered, Dataset<Row> clients) {
    List<Column> slices = new ArrayList<>();
    slices.add(col("technique"));
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      slices.add(when(col("technique").isin(g.getValue().toArray()), lit(g.getKey())));
    }
    slices.add(lit("all"));
    Dataset<Row> s =
        numbered
            .filter(col("adverse_event").isNotNull())
            .select(
                col("episode_id"),
                col("adverse_event"),
                explode(array(slices.toArray(new Column[0]))).as("slice"))
            .filter(col("slice").isNotNull());
    List<Column> flags = new ArrayList<>();
    for (String e : EVENTS) {
      Column hit =
          "any".equals(e)
              ? col("adverse_event").notEqual(AdverseEvent.NONE.code())
              : col("adverse_event").equalTo(e);
      flags.add(when(hit, 1).otherwise(0).as("e_" + e));
    }
    List<Column> sel = new ArrayList<>(List.of(col("slice"), col("episode_id")));
    sel.addAll(flags);
    Dataset<Row> f = s.select(sel.toArray(new Column[0]));
    List<Column> perEpisode = new ArrayList<>();
    for (String e : EVENTS) {
      perEpisode.add(max("e_" + e).as("e_" + e));
    }
    Dataset<Row> episodes =
        f.groupBy("slice", "episode_id")
            .agg(
                perEpisode.get(0), perEpisode.subList(1, perEpisode.size()).toArray(new Column[0]));
    List<Row> out = new ArrayList<>();
    addRates(out, "session", f);
    addRates(out, "episode", episodes);
    if (clients != null) {
      Dataset<Row> flagged =
          clients
              .filter(
                  col("contraindications")
                      .isNotNull()
                      .and(col("contraindications").notEqual("none"))
                      .and(col("medical_clearance").equalTo("no")))
              .select(col("client_id").as("_c"));
      Row r =
          numbered
              .join(flagged, col("client_id").equalTo(col("_c")), "left")
              .agg(count(lit(1)), count(col("_c")))
              .first();
      long n = r.getLong(0); // count(1): every session
      long k = r.getLong(1); // count(_c): sessions of flagged clients
      out.add(row("session", "all", "contraindicated_without_clearance", n, k));
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  private static void addRates(List<Row> out, String unit, Dataset<Row> d) {
    List<Column> sums = new ArrayList<>();
    for (String e : EVENTS) {
      sums.add(sum("e_" + e).as("e_" + e));
    }
    for (Row r :
        d.groupBy("slice")
            .agg(count(lit(1)).as("n"), sums.toArray(new Column[0]))
            .orderBy("slice")
            .collectAsList()) {
      long n = r.getAs("n");
      for (String e : EVENTS) {
        out.add(row(unit, r.getAs("slice"), e, n, r.<Number>getAs("e_" + e).longValue()));
      }
    }
  }

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

  static final StructType SCHEMA =
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
