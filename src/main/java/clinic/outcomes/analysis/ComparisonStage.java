package clinic.outcomes.analysis;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.CourseCells;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.MultipleTesting;
import clinic.outcomes.stats.Ols;
import clinic.outcomes.stats.TwoSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code comparisons}, {@code dose_response} and {@code therapist_performance} tables, from
 * course improvement. Welch and Mann-Whitney use the per-level histograms the stats stage already
 * built; the regressions' X'X sufficient statistics per model ({@link ComparisonModels}, {@link
 * TherapistStage}) come from the course cells the client pass added up ({@link CourseDesigns}), so
 * the driver never sees episodes and no table is read. Nothing here is randomized: clients chose
 * their technique.
 */
public final class ComparisonStage {
  /** The comparisons table layout; every value is set and read by its name. */
  public static final StructType COMPARISONS =
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

  /** The dose_response table layout. */
  public static final StructType DOSE_RESPONSE = DoseResponse.SCHEMA;

  private final SparkSession spark;
  private final Settings settings;
  private final ComparisonModels models;

  public ComparisonStage(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
    this.models = new ComparisonModels(settings);
  }

  /**
   * The comparisons, dose-response and therapist tables, and the models (for the claims' evidence).
   *
   * @param therapistRows the {@code therapist_performance} table's rows ({@link TherapistStage});
   *     empty without a clients file
   */
  public record Result(
      Dataset<Row> comparisons,
      Dataset<Row> doseResponse,
      List<Row> comparisonRows,
      List<Row> doseRows,
      Map<ModelKey, ModelSpec> models,
      Map<ModelKey, Ols.Accumulator> accumulators,
      List<Row> therapistRows) {}

  /**
   * The models' designs and sufficient statistics from the course cells ({@link CourseDesigns}),
   * then the tables.
   *
   * @param histograms course improvement histograms per group (from {@link StatsStage})
   * @param cells the complete course pairs added up by the client pass ({@link CourseCells})
   * @param withClients whether a clients file was given (risk-adjusted models, therapists)
   * @param slopes within-episode slope histograms (from the client pass's totals)
   */
  public Result run(
      Map<GroupKey, Histogram> histograms,
      CourseCells cells,
      boolean withClients,
      Map<PairTotals.SlopeKey, ? extends Map<Double, Long>> slopes) {
    CourseDesigns.Found found = CourseDesigns.find(cells, models);
    Map<ModelKey, ModelSpec> specs =
        models.specs(histograms, found.covariateCategories(), withClients);
    ModelSpec therapist = withClients ? TherapistStage.spec(settings, found.therapistDesign) : null;
    CourseDesigns.Totals totals = CourseDesigns.total(cells, models, specs, therapist);
    Map<ModelKey, Ols.Accumulator> accumulators = totals.models;
    Map<ModelKey, Ols.Fit> fits = new HashMap<>();
    accumulators.forEach((k, a) -> fits.put(k, Ols.fit(a, StatsStage.CONFIDENCE)));
    List<Row> comparisons = comparisonRows(histograms, specs, fits);
    List<Row> dose = DoseResponse.rows(found, fits, slopes);
    List<Row> therapists =
        therapist == null ? List.of() : TherapistStage.rows(totals.therapists, therapist);
    return new Result(
        spark == null ? null : spark.createDataFrame(comparisons, COMPARISONS),
        spark == null ? null : spark.createDataFrame(dose, DoseResponse.SCHEMA),
        comparisons,
        dose,
        specs,
        accumulators,
        therapists);
  }

  /** The group_by of a factor's groups in the stats table. */
  static String groupByOf(String factor) {
    return ComparisonModels.groupByOf(factor);
  }

  /** One row per compared level of each (measure, factor), in model order. */
  private static List<Row> comparisonRows(
      Map<GroupKey, Histogram> hist, Map<ModelKey, ModelSpec> specs, Map<ModelKey, Ols.Fit> fits) {
    List<Row> rows = new ArrayList<>();
    for (ModelSpec spec : specs.values()) {
      ModelKey key = spec.key();
      if (key.kind() != ModelKey.Kind.ANCOVA) {
        continue;
      }
      String measure = key.measure();
      String factor = key.factor();
      // technique groups are compared with the reference technique
      String refGroupBy = "technique_group".equals(factor) ? Groups.TECHNIQUE : groupByOf(factor);
      Histogram ref = course(hist, measure, refGroupBy, spec.reference());
      List<NamedRow> family = new ArrayList<>();
      for (int i = 0; i < spec.levels().size(); i++) {
        String level = spec.levels().get(i);
        Histogram lv = course(hist, measure, groupByOf(factor), level);
        TwoSample.Welch w = TwoSample.welch(lv, ref, StatsStage.CONFIDENCE);
        NamedRow o =
            new NamedRow(COMPARISONS)
                .set("measure", measure)
                .set("factor", factor)
                .set("level", level)
                .set("reference", spec.reference())
                .set("n_level", lv.n())
                .set("n_reference", ref.n())
                .set("mean_level", w.meanLevel())
                .set("mean_reference", w.meanReference())
                .set("diff", w.diff())
                .set("welch_ci_low", w.ciLow())
                .set("welch_ci_high", w.ciHigh())
                .set("welch_p", w.p())
                .set("mannwhitney_p", TwoSample.mannWhitneyP(lv, ref));
        // coefficient i + 1: the level's indicator (0 is the intercept)
        model(o, "ancova", fits.get(key), i + 1);
        model(o, "risk_adjusted", fits.get(key.as(ModelKey.Kind.RISK)), i + 1);
        family.add(o);
      }
      holm(family, "welch_p", "holm_p");
      holm(family, "ancova_p", "ancova_holm_p");
      holm(family, "risk_adjusted_p", "risk_adjusted_holm_p");
      family.forEach(o -> rows.add(o.row()));
    }
    return rows;
  }

  private static Histogram course(
      Map<GroupKey, Histogram> hist, String measure, String groupBy, String group) {
    return hist.getOrDefault(
        new GroupKey(ClientHistory.COURSE, measure, groupBy, group), Histogram.empty());
  }

  /** The {@code prefix_diff, _ci_low, _ci_high, _p} columns of one coefficient of a fit. */
  private static void model(NamedRow o, String prefix, Ols.Fit fit, int coefficient) {
    if (fit == null) {
      return;
    }
    Ols.Coefficient c = fit.coefficient(coefficient);
    o.set(prefix + "_diff", c.estimate())
        .set(prefix + "_ci_low", c.ciLow())
        .set(prefix + "_ci_high", c.ciHigh())
        .set(prefix + "_p", c.p());
  }

  /**
   * Holm-adjusts one p column of a (measure, factor) family into another; null p-values stay out.
   */
  private static void holm(List<NamedRow> family, String pColumn, String holmColumn) {
    Double[] p = family.stream().map(o -> o.<Double>get(pColumn)).toArray(Double[]::new);
    Double[] adjusted = MultipleTesting.holm(p);
    for (int i = 0; i < adjusted.length; i++) {
      family.get(i).set(holmColumn, adjusted[i]);
    }
  }
}
