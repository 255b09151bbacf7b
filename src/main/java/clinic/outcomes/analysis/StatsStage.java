package clinic.outcomes.analysis;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.MultipleTesting;
import clinic.outcomes.stats.PairedStats;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the pair totals of {@code ClientPass} into the {@code stats} table. Each partition of the
 * client pass totals its pairs per group (exact sums of tenths, counts and a histogram of the
 * distinct differences); the driver merges the partitions' totals, so it sees groups and distinct
 * values, never rows, and hands them to the pure statistics of {@code clinic.outcomes.stats}. Every
 * column is set and read by its name ({@link NamedRow}).
 */
public final class StatsStage {
  static final double CONFIDENCE = 0.95;
  private static final String[] RESPONDERS = {"mcid", "r30", "r50"};

  private final SparkSession spark;
  private final Settings settings;

  public StatsStage(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * Per-group results, in a stable order, with their difference histograms (used by comparisons).
   */
  public record Result(Dataset<Row> table, Map<GroupKey, Histogram> histograms, List<Row> rows) {}

  /** Builds the stats table from the merged pair totals of {@code ClientPass}. */
  public Result run(PairTotals totals) {
    List<Map.Entry<GroupKey, PairTotals.Group>> groups =
        new ArrayList<>(totals.groups().entrySet());
    groups.sort(Map.Entry.comparingByKey(KEY_ORDER));
    Map<GroupKey, Histogram> histograms = new LinkedHashMap<>();
    List<NamedRow> rows = new ArrayList<>();
    for (Map.Entry<GroupKey, PairTotals.Group> e : groups) {
      Histogram h = toHistogram(e.getValue().histogram.toMap());
      histograms.put(e.getKey(), h);
      rows.add(statsRow(e.getKey(), e.getValue(), h));
    }
    addFollowupRate(rows);
    addQValues(rows, "t_p", "t_q");
    addQValues(rows, "wilcoxon_p", "wilcoxon_q");
    List<Row> out = rows.stream().map(NamedRow::row).toList(); // read by name (ClaimEvidence)
    return new Result(spark == null ? null : spark.createDataFrame(out, SCHEMA), histograms, out);
  }

  /** Rows in the order of their key columns (analysis, measure, group_by, group), as text. */
  static final Comparator<GroupKey> KEY_ORDER =
      Comparator.comparing(GroupKey::analysis)
          .thenComparing(GroupKey::measure)
          .thenComparing(GroupKey::groupBy)
          .thenComparing(GroupKey::group);

  /** The key of a stats row. */
  static GroupKey key(Row r) {
    return new GroupKey(
        r.getAs("analysis"), r.getAs("measure"), r.getAs("group_by"), r.getAs("group"));
  }

  private static GroupKey key(NamedRow r) {
    return new GroupKey(r.get("analysis"), r.get("measure"), r.get("group_by"), r.get("group"));
  }

  static Histogram toHistogram(Map<Double, Long> values) {
    if (values.isEmpty()) {
      return Histogram.empty();
    }
    double[] v = new double[values.size()];
    long[] c = new long[values.size()];
    int i = 0;
    for (Map.Entry<Double, Long> e : values.entrySet()) {
      v[i] = e.getKey();
      c[i++] = e.getValue();
    }
    return new Histogram(v, c);
  }

  private NamedRow statsRow(GroupKey k, PairTotals.Group g, Histogram h) {
    long n = g.n;
    PairedStats s = PairedStats.of(h, CONFIDENCE);
    NamedRow o =
        new NamedRow(SCHEMA)
            .set("analysis", k.analysis())
            .set("measure", k.measure())
            .set("group_by", k.groupBy())
            .set("group", k.group())
            .set("n", n)
            .set("n_sessions", g.nSessions)
            .set("n_incomplete", g.nIncomplete)
            .set("n_open", g.nOpen)
            .set("small_n", n < settings.minGroupN())
            .set("mean_before", n == 0 ? null : g.sumEarlier() / n)
            .set("mean_after", n == 0 ? null : g.sumLater() / n)
            .set("mean_change", s.meanChange())
            .set("sd_change", s.sdChange())
            .set("ci_low", s.ciLow())
            .set("ci_high", s.ciHigh())
            .set("median_change", s.median())
            .set("t_p", s.tP())
            .set("wilcoxon_p", s.wilcoxonP())
            .set("wilcoxon_method", s.wilcoxonMethod())
            .set("wilcoxon_statistic", s.wilcoxonStatistic())
            .set("effect_dz", s.effectDz());
    responders(o, "mcid", n, g.mcidCount);
    responders(o, "r30", g.r30n, g.r30count);
    responders(o, "r50", g.r30n, g.r50count);
    return o;
  }

  /** The {@code responder_*} columns of one responder definition: k of n, rate and interval. */
  private static void responders(NamedRow o, String responder, long n, long k) {
    Wilson.Interval ci = Wilson.interval(k, n, CONFIDENCE);
    o.set(responder + "_n", n)
        .set(responder + "_count", k)
        .set(responder + "_rate", n == 0 ? null : (double) k / n)
        .set(responder + "_ci_low", ci == null ? null : ci.low())
        .set(responder + "_ci_high", ci == null ? null : ci.high());
  }

  /**
   * followup_eligible and followup_rate on both rows of each horizon: the eligible episodes are the
   * completers' n plus their n_incomplete (eligible without a score), which is also the n of the
   * baseline-carried-forward row; the rate is completers / eligible.
   */
  private void addFollowupRate(List<NamedRow> rows) {
    Map<String, String> completersOf = new HashMap<>();
    for (String h : settings.followupHorizons().keySet()) {
      completersOf.put(Settings.followupAnalysis(h), Settings.followupAnalysis(h));
      completersOf.put(Settings.followupBocfAnalysis(h), Settings.followupAnalysis(h));
    }
    Map<GroupKey, long[]> completers = new HashMap<>();
    for (NamedRow o : rows) {
      String analysis = o.get("analysis");
      if (analysis.equals(completersOf.get(analysis))) {
        long n = o.<Long>get("n");
        completers.put(key(o), new long[] {n, n + o.<Long>get("n_incomplete")});
      }
    }
    for (NamedRow o : rows) {
      GroupKey k = key(o);
      String c = completersOf.get(k.analysis());
      if (c != null) {
        long[] ce =
            completers.getOrDefault(
                new GroupKey(c, k.measure(), k.groupBy(), k.group()), new long[2]);
        o.set("followup_eligible", ce[1]);
        o.set("followup_rate", ce[1] == 0 ? null : (double) ce[0] / ce[1]);
      }
    }
  }

  /** Benjamini-Hochberg within each family (analysis, measure, group_by). */
  private static void addQValues(List<NamedRow> rows, String pColumn, String qColumn) {
    Map<List<String>, List<NamedRow>> families = new LinkedHashMap<>();
    for (NamedRow o : rows) {
      GroupKey k = key(o);
      families
          .computeIfAbsent(List.of(k.analysis(), k.measure(), k.groupBy()), x -> new ArrayList<>())
          .add(o);
    }
    for (List<NamedRow> family : families.values()) {
      Double[] p = family.stream().map(o -> o.<Double>get(pColumn)).toArray(Double[]::new);
      Double[] q = MultipleTesting.benjaminiHochberg(p);
      for (int i = 0; i < p.length; i++) {
        family.get(i).set(qColumn, q[i]);
      }
    }
  }

  /** The stats table layout (SPEC names); every value is set and read by its name. */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType s =
        new StructType()
            .add("analysis", DataTypes.StringType, false)
            .add("measure", DataTypes.StringType, false)
            .add("group_by", DataTypes.StringType, false)
            .add("group", DataTypes.StringType, false)
            .add("n", DataTypes.LongType, false)
            .add("n_sessions", DataTypes.LongType, false)
            .add("n_incomplete", DataTypes.LongType, false)
            .add("n_open", DataTypes.LongType, false)
            .add("followup_eligible", DataTypes.LongType)
            .add("small_n", DataTypes.BooleanType, false)
            .add("mean_before", DataTypes.DoubleType)
            .add("mean_after", DataTypes.DoubleType)
            .add("mean_change", DataTypes.DoubleType)
            .add("sd_change", DataTypes.DoubleType)
            .add("ci_low", DataTypes.DoubleType)
            .add("ci_high", DataTypes.DoubleType)
            .add("median_change", DataTypes.DoubleType)
            .add("t_p", DataTypes.DoubleType)
            .add("t_q", DataTypes.DoubleType)
            .add("wilcoxon_p", DataTypes.DoubleType)
            .add("wilcoxon_q", DataTypes.DoubleType)
            .add("wilcoxon_method", DataTypes.StringType)
            .add("wilcoxon_statistic", DataTypes.DoubleType)
            .add("effect_dz", DataTypes.DoubleType);
    for (String r : RESPONDERS) {
      s =
          s.add(r + "_n", DataTypes.LongType, false)
              .add(r + "_count", DataTypes.LongType, false)
              .add(r + "_rate", DataTypes.DoubleType)
              .add(r + "_ci_low", DataTypes.DoubleType)
              .add(r + "_ci_high", DataTypes.DoubleType);
    }
    return s.add("followup_rate", DataTypes.DoubleType);
  }
}
