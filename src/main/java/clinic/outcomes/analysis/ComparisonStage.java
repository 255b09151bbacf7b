package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.episodes.Measures;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.stats.EpisodeSlopes;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.JointHistogram;
import clinic.outcomes.stats.MultipleTesting;
import clinic.outcomes.stats.Ols;
import clinic.outcomes.stats.Spearman;
import clinic.outcomes.stats.TwoSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The {@code comparisons} and {@code dose_response} tables, from course improvement. Welch and
 * Mann-Whitney use the per-level histograms the stats stage already built; the regressions are
 * accumulated in Spark as X'X sufficient statistics per model (one pass for all models), so the
 * driver never sees episodes. Nothing here is randomized: clients chose their technique.
 */
public final class ComparisonStage {
  static final List<String> COVARIATES = List.of("age_band", "sex", "condition", "chronicity");

  private final SparkSession spark;
  private final Settings settings;

  public ComparisonStage(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** The comparisons and dose-response tables. */
  public record Result(
      Dataset<Row> comparisons,
      Dataset<Row> doseResponse,
      List<Row> comparisonRows,
      List<Row> doseRows,
      Map<String, ModelSpec> models,
      Map<String, Ols.Accumulator> accumulators) {}

  /**
   * @param histograms course improvement histograms per group (from {@link StatsStage})
   * @param courseRows complete course rows: measure, primary_technique, adherence, baseline_tenths,
   *     improvement_tenths, n_sessions, has_client, age_band, sex, condition, chronicity
   * @param withClients whether a clients file was given (risk-adjusted models)
   */
  public Result run(
      Map<GroupKey, Histogram> histograms,
      Dataset<Row> courseRows,
      boolean withClients,
      Map<PairTotals.SlopeKey, ? extends Map<Double, Long>> slopes) {
    Dataset<Row> rows = withFactorLevels(courseRows).cache();
    Map<String, ModelSpec> specs = modelSpecs(histograms, rows, withClients);
    Map<String, Ols.Accumulator> accumulators = accumulateAll(rows, specs);
    Map<String, Ols.Fit> fits = new HashMap<>();
    accumulators.forEach((k, a) -> fits.put(k, Ols.fit(a, StatsStage.CONFIDENCE)));
    List<Row> comparisons = comparisonRows(histograms, specs, fits);
    List<Row> dose = doseRows(rows, fits, slopes);
    rows.unpersist();
    return new Result(
        spark.createDataFrame(comparisons, COMPARISONS),
        spark.createDataFrame(dose, DOSE),
        comparisons,
        dose,
        specs,
        accumulators);
  }

  /**
   * Adds the level of each factor: technique, technique_group (null when neither member nor
   * reference), adherence.
   */
  private Dataset<Row> withFactorLevels(Dataset<Row> d) {
    String ref = settings.referenceTechnique();
    Column group = null;
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      Column member = col("primary_technique").isin(g.getValue().toArray());
      group = group == null ? when(member, lit(g.getKey())) : group.when(member, lit(g.getKey()));
    }
    group =
        group == null
            ? when(col("primary_technique").equalTo(ref), lit(ref))
            : group.when(col("primary_technique").equalTo(ref), lit(ref));
    return d.withColumn("f_technique", col("primary_technique"))
        .withColumn("f_technique_group", group)
        .withColumn(
            "f_adherence",
            when(col("adherence").isin("adherent", "not_adherent"), col("adherence")));
  }

  private static final String[][] FACTORS = {
    {"technique", Groups.TECHNIQUE},
    {"technique_group", Groups.TECHNIQUE_GROUP},
    {"adherence", Groups.ADHERENCE}
  };

  private String reference(String factor) {
    return "adherence".equals(factor) ? "not_adherent" : settings.referenceTechnique();
  }

  /**
   * Levels per (measure, factor): the course groups that exist, minus the reference and unknown.
   */
  private Map<String, ModelSpec> modelSpecs(
      Map<GroupKey, Histogram> hist, Dataset<Row> rows, boolean withClients) {
    Map<String, TreeSet<String>> levels = new TreeMap<>();
    for (GroupKey k : hist.keySet()) {
      if (!"course".equals(k.analysis())) {
        continue;
      }
      for (String[] f : FACTORS) {
        if (f[1].equals(k.groupBy())
            && !k.group().equals(reference(f[0]))
            && !"unknown".equals(k.group())
            && hist.get(k).n() > 0) {
          levels.computeIfAbsent(k.measure() + "|" + f[0], x -> new TreeSet<>()).add(k.group());
        }
      }
    }
    Map<String, TreeSet<String>> covariates = withClients ? covariateCategories(rows) : Map.of();
    Map<String, ModelSpec> specs = new TreeMap<>();
    for (Map.Entry<String, TreeSet<String>> e : levels.entrySet()) {
      String factor = e.getKey().substring(e.getKey().indexOf('|') + 1);
      List<String> lv = List.copyOf(e.getValue());
      specs.put(
          e.getKey() + "|ancova",
          new ModelSpec(e.getKey() + "|ancova", lv, reference(factor), List.of()));
      if (withClients) {
        List<String> cov = new ArrayList<>();
        TreeSet<String> present = covariates.getOrDefault(e.getKey(), new TreeSet<>());
        for (String name : COVARIATES) {
          List<String> cats = present.stream().filter(c -> c.startsWith(name + "=")).toList();
          cov.addAll(
              cats.subList(
                  Math.min(1, cats.size()), cats.size())); // first category is the reference
        }
        specs.put(
            e.getKey() + "|risk", new ModelSpec(e.getKey() + "|risk", lv, reference(factor), cov));
      }
    }
    for (String m : Measures.ALL) {
      specs.put(m + "|dose", new ModelSpec(m + "|dose", List.of(), "", List.of()));
    }
    return specs;
  }

  /**
   * Covariate categories present among the episodes each risk model is fitted on, in one Spark job.
   * A missing covariate value is its own category {@code name=null}, as in {@link #accumulateAll}.
   */
  private Map<String, TreeSet<String>> covariateCategories(Dataset<Row> rows) {
    List<Column> items = new ArrayList<>();
    for (String[] f : FACTORS) {
      for (String c : COVARIATES) {
        items.add(
            when(
                col("has_client").and(col("f_" + f[0]).isNotNull()),
                struct(
                    lit(f[0]).as("factor"),
                    concat(lit(c + "="), coalesce(col(c).cast("string"), lit("null"))).as("cat"))));
      }
    }
    Dataset<Row> cats =
        rows.select(col("measure"), explode(array(items.toArray(new Column[0]))).as("x"))
            .filter(col("x").isNotNull())
            .select(col("measure"), col("x.factor"), col("x.cat"))
            .distinct();
    Map<String, TreeSet<String>> out = new HashMap<>();
    for (Row r : cats.collectAsList()) {
      out.computeIfAbsent(r.getString(0) + "|" + r.getString(1), x -> new TreeSet<>())
          .add(r.getString(2));
    }
    return out;
  }

  /** Accumulates every model's sufficient statistics in one pass over the episodes. */
  private Map<String, Ols.Accumulator> accumulateAll(
      Dataset<Row> rows, Map<String, ModelSpec> specs) {
    Map<String, ModelSpec> bySpec = specs;
    JavaPairRDD<String, double[]> points =
        rows.javaRDD()
            .flatMapToPair(
                r -> {
                  List<Tuple2<String, double[]>> out = new ArrayList<>();
                  String measure = r.getAs("measure");
                  double y = ((Number) r.getAs("improvement_tenths")).doubleValue() / 10.0;
                  double baseline = ((Number) r.getAs("baseline_tenths")).doubleValue() / 10.0;
                  for (String[] f : FACTORS) {
                    String level = r.getAs("f_" + f[0]);
                    if (level == null) {
                      continue;
                    }
                    ModelSpec a = bySpec.get(measure + "|" + f[0] + "|ancova");
                    if (a != null && (a.levels().contains(level) || a.reference().equals(level))) {
                      out.add(new Tuple2<>(a.key(), withY(a.x(level, baseline, List.of()), y)));
                      ModelSpec risk = bySpec.get(measure + "|" + f[0] + "|risk");
                      if (risk != null && Boolean.TRUE.equals(r.getAs("has_client"))) {
                        List<String> cv = new ArrayList<>();
                        for (String c : COVARIATES) {
                          cv.add(c + "=" + r.getAs(c));
                        }
                        out.add(new Tuple2<>(risk.key(), withY(risk.x(level, baseline, cv), y)));
                      }
                    }
                  }
                  ModelSpec dose = bySpec.get(measure + "|dose");
                  if (dose != null) {
                    out.add(
                        new Tuple2<>(
                            dose.key(),
                            new double[] {((Number) r.getAs("n_sessions")).doubleValue(), y}));
                  }
                  return out.iterator();
                });
    return new HashMap<>(
        points
            .combineByKey(
                p ->
                    new Ols.Accumulator(p.length - 1)
                        .add(java.util.Arrays.copyOf(p, p.length - 1), p[p.length - 1]),
                (a, p) -> a.add(java.util.Arrays.copyOf(p, p.length - 1), p[p.length - 1]),
                Ols.Accumulator::merge)
            .collectAsMap());
  }

  private static double[] withY(double[] x, double y) {
    double[] xy = java.util.Arrays.copyOf(x, x.length + 1);
    xy[x.length] = y;
    return xy;
  }

  private List<Row> comparisonRows(
      Map<GroupKey, Histogram> hist, Map<String, ModelSpec> specs, Map<String, Ols.Fit> fits) {
    List<Object[]> rows = new ArrayList<>();
    for (ModelSpec spec : specs.values()) {
      if (!spec.key().endsWith("|ancova")) {
        continue;
      }
      String[] parts = spec.key().split("\\|");
      String measure = parts[0];
      String factor = parts[1];
      String groupBy = "technique_group".equals(factor) ? Groups.TECHNIQUE : groupByOf(factor);
      Histogram ref =
          hist.getOrDefault(
              new GroupKey("course", measure, groupBy, spec.reference()), Histogram.empty());
      List<Object[]> family = new ArrayList<>();
      for (int i = 0; i < spec.levels().size(); i++) {
        String level = spec.levels().get(i);
        Histogram lv =
            hist.getOrDefault(
                new GroupKey("course", measure, groupByOf(factor), level), Histogram.empty());
        TwoSample.Welch w = TwoSample.welch(lv, ref, StatsStage.CONFIDENCE);
        Object[] o = new Object[COMPARISONS.size()];
        o[0] = measure;
        o[1] = factor;
        o[2] = level;
        o[3] = spec.reference();
        o[4] = lv.n();
        o[5] = ref.n();
        o[6] = w.meanLevel();
        o[7] = w.meanReference();
        o[8] = w.diff();
        o[9] = w.ciLow();
        o[10] = w.ciHigh();
        o[11] = w.p();
        o[12] = TwoSample.mannWhitneyP(lv, ref);
        fillModel(o, COMPARISONS.fieldIndex("ancova_diff"), fits.get(spec.key()), i + 1);
        fillModel(
            o,
            COMPARISONS.fieldIndex("risk_adjusted_diff"),
            fits.get(measure + "|" + factor + "|risk"),
            i + 1);
        family.add(o);
      }
      holm(family, "welch_p", "holm_p");
      holm(family, "ancova_p", "ancova_holm_p");
      holm(family, "risk_adjusted_p", "risk_adjusted_holm_p");
      rows.addAll(family);
    }
    return rows.stream().map(RowFactory::create).toList();
  }

  /**
   * Holm-adjusts one p column of a (measure, factor) family into another; null p-values stay out.
   */
  private static void holm(List<Object[]> family, String pColumn, String holmColumn) {
    int pi = COMPARISONS.fieldIndex(pColumn);
    int hi = COMPARISONS.fieldIndex(holmColumn);
    Double[] p = family.stream().map(o -> (Double) o[pi]).toArray(Double[]::new);
    Double[] adjusted = MultipleTesting.holm(p);
    for (int i = 0; i < adjusted.length; i++) {
      family.get(i)[hi] = adjusted[i];
    }
  }

  static String groupByOf(String factor) {
    for (String[] f : FACTORS) {
      if (f[0].equals(factor)) {
        return f[1];
      }
    }
    throw new IllegalArgumentException(factor);
  }

  private static void fillModel(Object[] o, int at, Ols.Fit fit, int coefficient) {
    if (fit == null) {
      return;
    }
    Ols.Coefficient c = fit.coefficient(coefficient);
    o[at] = c.estimate();
    o[at + 1] = c.ciLow();
    o[at + 2] = c.ciHigh();
    o[at + 3] = c.p();
  }

  private List<Row> doseRows(
      Dataset<Row> rows,
      Map<String, Ols.Fit> fits,
      Map<PairTotals.SlopeKey, ? extends Map<Double, Long>> slopes) {
    Map<String, List<double[]>> joint = new HashMap<>();
    for (Row r :
        rows.groupBy("measure", "n_sessions", "improvement_tenths").count().collectAsList()) {
      joint
          .computeIfAbsent(r.getString(0), x -> new ArrayList<>())
          .add(new double[] {r.getInt(1), r.getInt(2) / 10.0, r.getLong(3)});
    }
    List<Row> out = new ArrayList<>();
    for (String m : Measures.ALL) {
      List<double[]> j = joint.get(m);
      if (j != null) {
        out.add(betweenEpisodes(m, j, fits.get(m + "|dose")));
      }
      for (String model :
          List.of(ClientHistory.WITHIN_EPISODE, ClientHistory.WITHIN_EPISODE_LATE)) {
        Map<Double, Long> h = slopes.get(new PairTotals.SlopeKey(model, m));
        if (h != null) {
          EpisodeSlopes.Summary s =
              EpisodeSlopes.summarize(StatsStage.toHistogram(h), StatsStage.CONFIDENCE);
          out.add(
              RowFactory.create(
                  m, model, s.n(), s.slope(), s.ciLow(), s.ciHigh(), s.p(), null, null));
        }
      }
    }
    return out;
  }

  /** Course improvement on the episode's session count, over closed episodes with a course pair. */
  private static Row betweenEpisodes(String m, List<double[]> j, Ols.Fit fit) {
    long n = j.stream().mapToLong(v -> (long) v[2]).sum();
    Ols.Coefficient slope = fit == null ? null : fit.coefficient(1);
    double[] x = new double[j.size()];
    double[] y = new double[j.size()];
    long[] c = new long[j.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = j.get(i)[0];
      y[i] = j.get(i)[1];
      c[i] = (long) j.get(i)[2];
    }
    Spearman.Result s = Spearman.of(new JointHistogram(x, y, c));
    return RowFactory.create(
        m,
        ClientHistory.BETWEEN_EPISODES,
        n,
        slope == null ? null : slope.estimate(),
        slope == null ? null : slope.ciLow(),
        slope == null ? null : slope.ciHigh(),
        slope == null ? null : slope.p(),
        s == null ? null : s.rho(),
        s == null ? null : s.p());
  }

  static final StructType COMPARISONS =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("factor", DataTypes.StringType, false)
          .add("level", DataTypes.StringType, false)
          .add("reference", DataTypes.StringType, false)
          .add("n_level", DataTypes.LongType, false)
          .add("n_reference", DataTypes.LongType, false)
          .add("mean_level", DataTypes.DoubleType)
          .add("mean_reference", DataTypes.DoubleType)
          .add("diff", DataTypes.DoubleType)
          .add("welch_ci_low", DataTypes.DoubleType)
          .add("welch_ci_high", DataTypes.DoubleType)
          .add("welch_p", DataTypes.DoubleType)
          .add("mannwhitney_p", DataTypes.DoubleType)
          .add("holm_p", DataTypes.DoubleType)
          .add("ancova_diff", DataTypes.DoubleType)
          .add("ancova_ci_low", DataTypes.DoubleType)
          .add("ancova_ci_high", DataTypes.DoubleType)
          .add("ancova_p", DataTypes.DoubleType)
          .add("ancova_holm_p", DataTypes.DoubleType)
          .add("risk_adjusted_diff", DataTypes.DoubleType)
          .add("risk_adjusted_ci_low", DataTypes.DoubleType)
          .add("risk_adjusted_ci_high", DataTypes.DoubleType)
          .add("risk_adjusted_p", DataTypes.DoubleType)
          .add("risk_adjusted_holm_p", DataTypes.DoubleType);

  static final StructType DOSE =
      new StructType()
          .add("measure", DataTypes.StringType, false)
          .add("model", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("slope", DataTypes.DoubleType)
          .add("slope_ci_low", DataTypes.DoubleType)
          .add("slope_ci_high", DataTypes.DoubleType)
          .add("slope_p", DataTypes.DoubleType)
          .add("spearman_rho", DataTypes.DoubleType)
          .add("spearman_p", DataTypes.DoubleType);
}
