package clinic.outcomes.analysis;

import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.episodes.SafetyCounts;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * no} (event {@code contraindicated_without_clearance}). The counts come from the client pass
 * ({@link SafetyCounts}, added up in its {@link PairTotals}): no Spark job.
 */
public final class SafetyStage {
  /** Event types, then {@code any} (any event other than {@code none}). */
  public static final List<String> EVENTS = SafetyCounts.EVENTS;

  private SafetyStage() {}

  /**
   * The table's rows: unit by unit, slices by name, events in {@link #EVENTS} order, then the
   * contraindication row when there is a clients file.
   *
   * @param totals the client pass's totals
   * @param hasClients whether a clients file was given
   */
  public static List<Row> run(PairTotals totals, boolean hasClients) {
    // unit -> slice -> event -> {n, k}
    Map<String, TreeMap<String, Map<String, long[]>>> counts = new HashMap<>();
    totals
        .safety()
        .forEach(
            (key, c) ->
                counts
                    .computeIfAbsent(key.analysis(), u -> new TreeMap<>())
                    .computeIfAbsent(key.group(), g -> new HashMap<>())
                    .put(key.measure(), c));
    List<Row> out = new ArrayList<>();
    for (String unit : List.of(SafetyCounts.SESSION, SafetyCounts.EPISODE)) {
      for (Map.Entry<String, Map<String, long[]>> slice :
          counts.getOrDefault(unit, new TreeMap<>()).entrySet()) {
        long[] any = slice.getValue().get("any");
        long n = any == null ? 0 : any[0];
        if (n == 0) { // no session of this slice records adverse_event
          continue;
        }
        for (String e : EVENTS) {
          long[] c = slice.getValue().get(e);
          out.add(row(unit, slice.getKey(), e, n, c == null ? 0 : c[1]));
        }
      }
    }
    if (hasClients) {
      Map<String, long[]> all =
          counts.getOrDefault(SafetyCounts.SESSION, new TreeMap<>()).getOrDefault(ALL, Map.of());
      long[] c = all.get(SafetyCounts.CONTRAINDICATED);
      out.add(
          row(
              SafetyCounts.SESSION,
              ALL,
              SafetyCounts.CONTRAINDICATED,
              c == null ? 0 : c[0], // every session
              c == null ? 0 : c[1])); // of flagged clients
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
