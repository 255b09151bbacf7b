package clinic.outcomes.analysis;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.MultipleTesting;
import clinic.outcomes.stats.PairedStats;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the pair totals of {@code ClientPass} into the {@code stats} table. The client pass reduces
 * each partition's pairs to per-group exact sums, counts and a histogram of the distinct
 * improvement values; the driver merges those, so it sees groups and distinct values, never rows,
 * and hands them to the pure statistics of {@code clinic.outcomes.stats}.
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
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<GroupKey, PairTotals.Group> e : groups) {
      Histogram h = toHistogram(e.getValue().histogram);
      histograms.put(e.getKey(), h);
      rows.add(statsRow(e.getKey(), e.getValue(), h));
    }
    addFollowupRate(rows);
    addQValues(rows, Columns.T_P, Columns.T_Q);
    addQValues(rows, Columns.W_P, Columns.W_Q);
    List<Row> out = new ArrayList<>();
    for (Object[] o : rows) {
      out.add(new GenericRowWithSchema(o, Columns.SCHEMA)); // read by column name (ClaimEvidence)
    }
    return new Result(spark.createDataFrame(out, Columns.SCHEMA), histograms, out);
  }

  /** Rows in the order of their key columns (analysis, measure, group_by, group), as text. */
  static final java.util.Comparator<GroupKey> KEY_ORDER =
      java.util.Comparator.comparing(GroupKey::analysis)
          .thenComparing(GroupKey::measure)
          .thenComparing(GroupKey::groupBy)
          .thenComparing(GroupKey::group);

  static GroupKey key(Row r) {
    return new GroupKey(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
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

  private Object[] statsRow(GroupKey k, PairTotals.Group g, Histogram h) {
    Object[] o = new Object[Columns.SCHEMA.size()];
    o[0] = k.analysis();
    o[1] = k.measure();
    o[2] = k.groupBy();
    o[3] = k.group();
    long n = g.n;
    o[Columns.N] = n;
    o[Columns.N_SESSIONS] = g.nSessions;
    o[Columns.N_INCOMPLETE] = g.nIncomplete;
    o[Columns.N_OPEN] = g.nOpen;
    o[Columns.SMALL_N] = n < settings.minGroupN();
    o[Columns.MEAN_BEFORE] = n == 0 ? null : g.sumEarlier() / n;
    o[Columns.MEAN_AFTER] = n == 0 ? null : g.sumLater() / n;
    PairedStats s = PairedStats.of(h, CONFIDENCE);
    o[Columns.MEAN_CHANGE] = s.meanChange();
    o[Columns.SD] = s.sdChange();
    o[Columns.CI_LOW] = s.ciLow();
    o[Columns.CI_HIGH] = s.ciHigh();
    o[Columns.MEDIAN] = s.median();
    o[Columns.T_P] = s.tP();
    o[Columns.W_P] = s.wilcoxonP();
    o[Columns.W_METHOD] = s.wilcoxonMethod();
    o[Columns.W_STAT] = s.wilcoxonStatistic();
    o[Columns.DZ] = s.effectDz();
    long[][] responders = {{n, g.mcidCount}, {g.r30n, g.r30count}, {g.r30n, g.r50count}};
    for (int j = 0; j < RESPONDERS.length; j++) {
      long rn = responders[j][0];
      long rc = responders[j][1];
      int base = Columns.RESPONDER_START + 5 * j;
      o[base] = rn;
      o[base + 1] = rc;
      Wilson.Interval ci = Wilson.interval(rc, rn, CONFIDENCE);
      o[base + 2] = rn == 0 ? null : (double) rc / rn;
      o[base + 3] = ci == null ? null : ci.low();
      o[base + 4] = ci == null ? null : ci.high();
    }
    return o;
  }

  /**
   * followup_eligible and followup_rate on both rows of each horizon: the eligible episodes are the
   * completers' n plus their n_incomplete (eligible without a score), which is also the n of the
   * baseline-carried-forward row; the rate is completers / eligible.
   */
  private void addFollowupRate(List<Object[]> rows) {
    Map<String, String> completersOf = new HashMap<>();
    for (String h : settings.followupHorizons().keySet()) {
      completersOf.put(Settings.followupAnalysis(h), Settings.followupAnalysis(h));
      completersOf.put(Settings.followupBocfAnalysis(h), Settings.followupAnalysis(h));
    }
    Map<List<Object>, long[]> completers = new HashMap<>();
    for (Object[] o : rows) {
      if (completersOf.containsKey(o[0]) && completersOf.get(o[0]).equals(o[0])) {
        completers.put(
            List.of(o[0], o[1], o[2], o[3]),
            new long[] {(Long) o[Columns.N], (Long) o[Columns.N] + (Long) o[Columns.N_INCOMPLETE]});
      }
    }
    for (Object[] o : rows) {
      String c = completersOf.get(o[0]);
      if (c != null) {
        long[] ce = completers.getOrDefault(List.of(c, o[1], o[2], o[3]), new long[2]);
        o[Columns.FOLLOWUP_ELIGIBLE] = ce[1];
        o[Columns.FOLLOWUP_RATE] = ce[1] == 0 ? null : (double) ce[0] / ce[1];
      }
    }
  }

  /** Benjamini-Hochberg within each family (analysis, measure, group_by). */
  private static void addQValues(List<Object[]> rows, int pCol, int qCol) {
    Map<List<Object>, List<Object[]>> families = new LinkedHashMap<>();
    for (Object[] o : rows) {
      families.computeIfAbsent(List.of(o[0], o[1], o[2]), x -> new ArrayList<>()).add(o);
    }
    for (List<Object[]> family : families.values()) {
      Double[] p = new Double[family.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = (Double) family.get(i)[pCol];
      }
      Double[] q = MultipleTesting.benjaminiHochberg(p);
      for (int i = 0; i < p.length; i++) {
        family.get(i)[qCol] = q[i];
      }
    }
  }

  /** The stats table layout (SPEC names). */
  static final class Columns {
    static final StructType SCHEMA;
    static final int N = 4;
    static final int N_SESSIONS = 5;
    static final int N_INCOMPLETE = 6;
    static final int N_OPEN = 7;
    static final int FOLLOWUP_ELIGIBLE = 8;
    static final int SMALL_N = 9;
    static final int MEAN_BEFORE = 10;
    static final int MEAN_AFTER = 11;
    static final int MEAN_CHANGE = 12;
    static final int SD = 13;
    static final int CI_LOW = 14;
    static final int CI_HIGH = 15;
    static final int MEDIAN = 16;
    static final int T_P = 17;
    static final int T_Q = 18;
    static final int W_P = 19;
    static final int W_Q = 20;
    static final int W_METHOD = 21;
    static final int W_STAT = 22;
    static final int DZ = 23;
    static final int RESPONDER_START = 24;
    static final int FOLLOWUP_RATE = 39;

    static {
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
      SCHEMA = s.add("followup_rate", DataTypes.DoubleType);
      // Every index above names its column: a shifted index fails at class load, not silently.
      Map<String, Integer> named =
          Map.ofEntries(
              Map.entry("n", N),
              Map.entry("n_sessions", N_SESSIONS),
              Map.entry("n_incomplete", N_INCOMPLETE),
              Map.entry("n_open", N_OPEN),
              Map.entry("followup_eligible", FOLLOWUP_ELIGIBLE),
              Map.entry("small_n", SMALL_N),
              Map.entry("mean_before", MEAN_BEFORE),
              Map.entry("mean_after", MEAN_AFTER),
              Map.entry("mean_change", MEAN_CHANGE),
              Map.entry("sd_change", SD),
              Map.entry("ci_low", CI_LOW),
              Map.entry("ci_high", CI_HIGH),
              Map.entry("median_change", MEDIAN),
              Map.entry("t_p", T_P),
              Map.entry("t_q", T_Q),
              Map.entry("wilcoxon_p", W_P),
              Map.entry("wilcoxon_q", W_Q),
              Map.entry("wilcoxon_method", W_METHOD),
              Map.entry("wilcoxon_statistic", W_STAT),
              Map.entry("effect_dz", DZ),
              Map.entry("mcid_n", RESPONDER_START),
              Map.entry("followup_rate", FOLLOWUP_RATE));
      named.forEach(
          (name, index) -> {
            if (SCHEMA.fieldIndex(name) != index) {
              throw new IllegalStateException(
                  "stats column " + name + " is at " + SCHEMA.fieldIndex(name) + ", not " + index);
            }
          });
    }

    private Columns() {}
  }
}
