package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.episodes.Measures;
import clinic.outcomes.pipeline.Settings;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.MultipleTesting;
import clinic.outcomes.stats.PairedStats;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the pairs of {@link PairBuilder} into the {@code stats} table. Spark reduces the pairs to
 * per-group sums and counts and to a histogram of the distinct improvement values per group; the
 * driver sees groups and distinct values, never rows, and hands them to the pure statistics of
 * {@code clinic.outcomes.stats}.
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

  /** Group key: analysis, measure, group_by, group. */
  public record Key(String analysis, String measure, String groupBy, String group) {}

  /** Per-group results, in a stable order, with their difference histograms (used by comparisons). */
  public record Result(Dataset<Row> table, Map<Key, Histogram> histograms, List<Row> rows) {}

  public Result run(Dataset<Row> pairs) {
    Column m = col("measure");
    Column imp = Measures.improvement(m, col("e_sum"), col("l_sum"));
    Column k10 = col("k").multiply(10.0);
    Column dist = abs(col("e_sum").minus(col("k").multiply(Measures.bestTenths(m))));
    Dataset<Row> p =
        pairs
            .withColumn("_imp", imp)
            .withColumn("diff", imp.divide(k10))
            .withColumn("_dist", dist)
            .cache();
    String[] keys = {"analysis", "measure", "group_by", "group"};
    Column done = col("complete");
    Column mcidHit = col("_imp").geq(col("k").multiply(Measures.mcidTenths(m, settings.mcidTenths())));
    Column defined = done.and(col("_dist").gt(0));
    List<Row> sums =
        p.groupBy(keys[0], keys[1], keys[2], keys[3])
            .agg(
                count(when(done, 1)).as("n"),
                sum(when(done, col("k"))).as("n_sessions"),
                count(when(not(done), 1)).as("n_incomplete"),
                sum(when(done, col("e_sum").divide(k10))).as("sum_before"),
                sum(when(done, col("l_sum").divide(k10))).as("sum_after"),
                count(when(done, 1)).as("mcid_n"),
                count(when(done.and(mcidHit), 1)).as("mcid_count"),
                count(when(defined, 1)).as("r30_n"),
                count(when(defined.and(col("_imp").multiply(100).geq(col("_dist").multiply(30))), 1)).as("r30_count"),
                count(when(defined, 1)).as("r50_n"),
                count(when(defined.and(col("_imp").multiply(100).geq(col("_dist").multiply(50))), 1)).as("r50_count"))
            .orderBy(keys[0], keys[1], keys[2], keys[3])
            .collectAsList();
    Map<Key, List<double[]>> hist = new HashMap<>();
    for (Row r : p.filter(done).groupBy(keys[0], keys[1], keys[2], keys[3], "diff").count().collectAsList()) {
      hist.computeIfAbsent(key(r), x -> new ArrayList<>()).add(new double[] {r.getDouble(4), r.getLong(5)});
    }
    p.unpersist();
    Map<Key, Histogram> histograms = new LinkedHashMap<>();
    for (Row r : sums) {
      histograms.put(key(r), toHistogram(hist.get(key(r))));
    }
    List<Object[]> rows = new ArrayList<>();
    for (Row r : sums) {
      rows.add(statsRow(r, histograms.get(key(r))));
    }
    addFollowupRate(rows);
    addQValues(rows, Columns.T_P, Columns.T_Q);
    addQValues(rows, Columns.W_P, Columns.W_Q);
    List<Row> out = new ArrayList<>();
    for (Object[] o : rows) {
      out.add(RowFactory.create(o));
    }
    return new Result(spark.createDataFrame(out, Columns.SCHEMA), histograms, out);
  }

  static Key key(Row r) {
    return new Key(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
  }

  static Histogram toHistogram(List<double[]> values) {
    if (values == null || values.isEmpty()) {
      return Histogram.empty();
    }
    double[] v = new double[values.size()];
    long[] c = new long[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i)[0];
      c[i] = (long) values.get(i)[1];
    }
    return new Histogram(v, c);
  }

  private Object[] statsRow(Row r, Histogram h) {
    Object[] o = new Object[Columns.SCHEMA.size()];
    for (int i = 0; i < 4; i++) {
      o[i] = r.get(i);
    }
    long n = r.getLong(4);
    o[Columns.N] = n;
    o[Columns.N_SESSIONS] = r.isNullAt(5) ? 0L : r.getLong(5);
    o[Columns.N_INCOMPLETE] = r.getLong(6);
    o[Columns.SMALL_N] = n < settings.minGroupN();
    o[Columns.MEAN_BEFORE] = n == 0 ? null : r.getDouble(7) / n;
    o[Columns.MEAN_AFTER] = n == 0 ? null : r.getDouble(8) / n;
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
    for (int j = 0; j < RESPONDERS.length; j++) {
      long rn = r.getLong(9 + 2 * j);
      long rc = r.getLong(10 + 2 * j);
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

  /** followup_rate = completers / closed episodes with a baseline, on both follow-up analyses. */
  private static void addFollowupRate(List<Object[]> rows) {
    Map<List<Object>, Long> worst = new HashMap<>();
    Map<List<Object>, Long> completers = new HashMap<>();
    for (Object[] o : rows) {
      List<Object> k = List.of(o[1], o[2], o[3]);
      if ("followup_worst_case".equals(o[0])) {
        worst.put(k, (Long) o[Columns.N]);
      } else if ("followup".equals(o[0])) {
        completers.put(k, (Long) o[Columns.N]);
      }
    }
    for (Object[] o : rows) {
      if ("followup".equals(o[0]) || "followup_worst_case".equals(o[0])) {
        List<Object> k = List.of(o[1], o[2], o[3]);
        Long d = worst.get(k);
        Long c = completers.getOrDefault(k, 0L);
        o[Columns.FOLLOWUP_RATE] = d == null || d == 0 ? null : (double) c / d;
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
    static final int SMALL_N = 7;
    static final int MEAN_BEFORE = 8;
    static final int MEAN_AFTER = 9;
    static final int MEAN_CHANGE = 10;
    static final int SD = 11;
    static final int CI_LOW = 12;
    static final int CI_HIGH = 13;
    static final int MEDIAN = 14;
    static final int T_P = 15;
    static final int T_Q = 16;
    static final int W_P = 17;
    static final int W_Q = 18;
    static final int W_METHOD = 19;
    static final int W_STAT = 20;
    static final int DZ = 21;
    static final int RESPONDER_START = 22;
    static final int FOLLOWUP_RATE = 37;

    static {
      StructType s = new StructType()
          .add("analysis", DataTypes.StringType, false)
          .add("measure", DataTypes.StringType, false)
          .add("group_by", DataTypes.StringType, false)
          .add("group", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("n_sessions", DataTypes.LongType, false)
          .add("n_incomplete", DataTypes.LongType, false)
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
        s = s.add(r + "_n", DataTypes.LongType, false)
            .add(r + "_count", DataTypes.LongType, false)
            .add(r + "_rate", DataTypes.DoubleType)
            .add(r + "_ci_low", DataTypes.DoubleType)
            .add(r + "_ci_high", DataTypes.DoubleType);
      }
      SCHEMA = s.add("followup_rate", DataTypes.DoubleType);
    }

    private Columns() {}
  }

}
