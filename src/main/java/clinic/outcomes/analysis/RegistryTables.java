package clinic.outcomes.analysis;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.KaplanMeier;
import clinic.outcomes.stats.RiskDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code time_to_mcid}, {@code time_to_mcid_median} and {@code benefit_harm} tables (SPEC "Time
 * to MCID", "Benefit and harm"), from the sufficient counts of the client pass and the {@code
 * stats} rows: the driver sees counts per group, never episodes.
 */
public final class RegistryTables {
  private RegistryTables() {}

  public static final StructType TIME_TO_MCID =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("group_by", DataTypes.StringType, false)
          .add("group", DataTypes.StringType, false)
          .add("sessions", DataTypes.LongType, false)
          .add("at_risk", DataTypes.LongType, false)
          .add("events", DataTypes.LongType, false)
          .add("censored", DataTypes.LongType, false)
          .add("survival", DataTypes.DoubleType, false)
          .add("ci_low", DataTypes.DoubleType)
          .add("ci_high", DataTypes.DoubleType);

  public static final StructType TIME_TO_MCID_MEDIAN =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("group_by", DataTypes.StringType, false)
          .add("group", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("events", DataTypes.LongType, false)
          .add("median", DataTypes.DoubleType)
          .add("median_ci_low", DataTypes.DoubleType)
          .add("median_ci_high", DataTypes.DoubleType);

  public static final StructType BENEFIT_HARM =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("level", DataTypes.StringType, false)
          .add("reference", DataTypes.StringType, false)
          .add("responders_level", DataTypes.LongType, false)
          .add("n_level", DataTypes.LongType, false)
          .add("responders_reference", DataTypes.LongType, false)
          .add("n_reference", DataTypes.LongType, false)
          .add("benefit_diff", DataTypes.DoubleType)
          .add("benefit_ci_low", DataTypes.DoubleType)
          .add("benefit_ci_high", DataTypes.DoubleType)
          .add("nnt", DataTypes.DoubleType)
          .add("nnt_ci_low", DataTypes.DoubleType)
          .add("nnt_ci_high", DataTypes.DoubleType)
          .add("events_level", DataTypes.LongType, false)
          .add("episodes_level", DataTypes.LongType, false)
          .add("events_reference", DataTypes.LongType, false)
          .add("episodes_reference", DataTypes.LongType, false)
          .add("harm_diff", DataTypes.DoubleType)
          .add("harm_ci_low", DataTypes.DoubleType)
          .add("harm_ci_high", DataTypes.DoubleType)
          .add("nnh", DataTypes.DoubleType)
          .add("nnh_ci_low", DataTypes.DoubleType)
          .add("nnh_ci_high", DataTypes.DoubleType);

  /** The Kaplan-Meier curves and medians of every (measure, group_by, group). */
  public record TimeToMcid(
      List<Row> curves, List<Row> medians, Map<GroupKey, KaplanMeier.Curve> fits) {}

  /** Fits one Kaplan-Meier curve per group from its counts per number of sessions. */
  public static TimeToMcid timeToMcid(Map<GroupKey, TreeMap<Integer, long[]>> counts) {
    List<Row> curves = new ArrayList<>();
    List<Row> medians = new ArrayList<>();
    Map<GroupKey, KaplanMeier.Curve> fits = new TreeMap<>(StatsStage.KEY_ORDER);
    for (Map.Entry<GroupKey, TreeMap<Integer, long[]>> e : counts.entrySet()) {
      TreeMap<Integer, long[]> byTime = e.getValue();
      long[] times = new long[byTime.size()];
      long[] events = new long[times.length];
      long[] censored = new long[times.length];
      int i = 0;
      for (Map.Entry<Integer, long[]> t : byTime.entrySet()) {
        times[i] = t.getKey();
        events[i] = t.getValue()[0];
        censored[i++] = t.getValue()[1];
      }
      fits.put(e.getKey(), KaplanMeier.fromCounts(times, events, censored, StatsStage.CONFIDENCE));
    }
    for (Map.Entry<GroupKey, KaplanMeier.Curve> f : fits.entrySet()) {
      GroupKey k = f.getKey();
      KaplanMeier.Curve c = f.getValue();
      for (KaplanMeier.Row r : c.rows()) {
        curves.add(
            new NamedRow(TIME_TO_MCID)
                .set("measure", k.measure())
                .set("group_by", k.groupBy())
                .set("group", k.group())
                .set("sessions", r.time())
                .set("at_risk", r.atRisk())
                .set("events", r.events())
                .set("censored", r.censored())
                .set("survival", r.survival())
                .set("ci_low", r.ciLow())
                .set("ci_high", r.ciHigh())
                .row());
      }
      medians.add(
          new NamedRow(TIME_TO_MCID_MEDIAN)
              .set("measure", k.measure())
              .set("group_by", k.groupBy())
              .set("group", k.group())
              .set("n", c.n())
              .set("events", c.events())
              .set("median", c.median())
              .set("median_ci_low", c.medianCiLow())
              .set("median_ci_high", c.medianCiHigh())
              .row());
    }
    return new TimeToMcid(curves, medians, fits);
  }

  /**
   * Benefit and harm of each primary technique other than the reference, and of each technique
   * group, against the reference technique, per measure with course pairs.
   *
   * @param stats the stats rows (course MCID responders per technique and technique group)
   * @param harm episodes recording adverse_event and those with any event, per (group_by, group)
   */
  public static List<Row> benefitHarm(
      Settings settings, List<Row> stats, Map<GroupKey, long[]> harm) {
    String ref = settings.referenceTechnique();
    Map<String, Map<String, long[]>> benefit =
        new TreeMap<>(); // measure -> level -> {responders, n}
    for (Row r : stats) {
      String by = r.getAs("group_by");
      if ("course".equals(r.getAs("analysis"))
          && (Groups.TECHNIQUE.equals(by) || Groups.TECHNIQUE_GROUP.equals(by))
          && r.<Long>getAs("n") > 0) {
        benefit
            .computeIfAbsent(r.getAs("measure"), x -> new TreeMap<>())
            .put(
                r.getAs("group"),
                new long[] {r.<Long>getAs("mcid_count"), r.<Long>getAs("mcid_n")});
      }
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, long[]>> m : benefit.entrySet()) {
      TreeSet<String> levels = new TreeSet<>();
      m.getValue().keySet().stream()
          .filter(l -> !settings.techniqueGroups().containsKey(l))
          .forEach(levels::add);
      harm.keySet().stream()
          .filter(k -> Groups.TECHNIQUE.equals(k.groupBy()))
          .forEach(k -> levels.add(k.group()));
      levels.remove(ref);
      List<String> ordered = new ArrayList<>(levels);
      ordered.addAll(settings.techniqueGroups().keySet());
      for (String level : ordered) {
        String by =
            settings.techniqueGroups().containsKey(level)
                ? Groups.TECHNIQUE_GROUP
                : Groups.TECHNIQUE;
        long[] b = m.getValue().getOrDefault(level, new long[2]);
        long[] bRef = m.getValue().getOrDefault(ref, new long[2]);
        long[] h = harm.getOrDefault(new GroupKey(PairTotals.HARM, "any", by, level), new long[2]);
        long[] hRef =
            harm.getOrDefault(
                new GroupKey(PairTotals.HARM, "any", Groups.TECHNIQUE, ref), new long[2]);
        NamedRow row =
            new NamedRow(BENEFIT_HARM)
                .set("measure", m.getKey())
                .set("level", level)
                .set("reference", ref)
                .set("responders_level", b[0])
                .set("n_level", b[1])
                .set("responders_reference", bRef[0])
                .set("n_reference", bRef[1])
                .set("events_level", h[1])
                .set("episodes_level", h[0])
                .set("events_reference", hRef[1])
                .set("episodes_reference", hRef[0]);
        difference(row, "benefit", "nnt", b[0], b[1], bRef[0], bRef[1]);
        difference(row, "harm", "nnh", h[1], h[0], hRef[1], hRef[0]);
        out.add(row.row());
      }
    }
    return out;
  }

  /** Newcombe's hybrid score interval of x1/n1 - x2/n2 and the number needed (Altman 1998). */
  private static void difference(
      NamedRow row, String name, String number, long x1, long n1, long x2, long n2) {
    RiskDifference.Difference d = RiskDifference.newcombe(x1, n1, x2, n2, StatsStage.CONFIDENCE);
    if (d == null) {
      return;
    }
    RiskDifference.NumberNeeded nn = RiskDifference.numberNeeded(d);
    row.set(name + "_diff", d.diff())
        .set(name + "_ci_low", d.ciLow())
        .set(name + "_ci_high", d.ciHigh())
        .set(number, nn.value())
        .set(number + "_ci_low", nn.ciLow())
        .set(number + "_ci_high", nn.ciHigh());
  }
}
