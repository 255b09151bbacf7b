package clinic.outcomes.analysis;

import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.CourseCells;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.ControlLimits;
import clinic.outcomes.stats.Ols;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code therapist_performance} table (SPEC "Expected against actual"; internal reports only,
 * never the case study): one OLS of {@code nrs_pain} course improvement on the baseline and
 * indicators of primary technique, age band, sex, condition and chronicity over the episodes whose
 * client has a {@code clients.csv} row; per therapist, the observed mean against the mean of the
 * fitted values, with funnel limits from the model's residual SD (Spiegelhalter, Stat Med 2005).
 * The model's X'X comes from the client pass's course cells, with the comparisons' models ({@link
 * CourseDesigns}), and each therapist's sums from its marginal sums there; the driver sees groups.
 */
public final class TherapistStage {
  static final String MEASURE = Measure.NRS_PAIN.code();

  public static final StructType SCHEMA =
      new StructType()
          .add("therapist", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("observed", DataTypes.DoubleType)
          .add("expected", DataTypes.DoubleType)
          .add("diff", DataTypes.DoubleType)
          .add("ci_low", DataTypes.DoubleType)
          .add("ci_high", DataTypes.DoubleType)
          .add("limit95_low", DataTypes.DoubleType)
          .add("limit95_high", DataTypes.DoubleType)
          .add("limit998_low", DataTypes.DoubleType)
          .add("limit998_high", DataTypes.DoubleType)
          .add("flag", DataTypes.StringType);

  private TherapistStage() {}

  /**
   * The table on its own; a run gets it from {@link ComparisonStage#run}, with every model.
   *
   * @param cells the complete course pairs added up by the client pass ({@link CourseCells})
   * @return the table's rows, by therapist; empty without a clients file
   */
  public static List<Row> run(Settings settings, CourseCells cells) {
    ComparisonModels models = new ComparisonModels(settings);
    ModelSpec spec = spec(settings, CourseDesigns.find(cells, models).therapistDesign);
    if (spec == null) {
      return List.of();
    }
    return rows(CourseDesigns.total(cells, models, Map.of(), spec).therapists, spec);
  }

  /** The table's rows from the model's and the therapists' totals, by therapist. */
  static List<Row> rows(Pass pass, ModelSpec spec) {
    int p = spec.predictors();
    Ols.Accumulator acc = pass.model;
    Ols.Fit fit = acc.n() == 0 ? null : Ols.fit(acc, StatsStage.CONFIDENCE);
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, double[]> t : pass.sums.entrySet()) {
      out.add(row(t.getKey(), t.getValue(), fit, p, spec.levels().size()));
    }
    return out;
  }

  /** The totals of one pass: the model's X'X and each therapist's sums. */
  static final class Pass {
    final int p;
    final Ols.Accumulator model;
    final TreeMap<String, double[]> sums = new TreeMap<>();

    Pass(int p) {
      this.p = p;
      this.model = new Ols.Accumulator(p);
    }

    /**
     * Adds one cell's pairs to the model when they are its episodes ({@code nrs_pain}, with a
     * client row). The baseline varies within the cell, every other predictor is shared.
     */
    void add(CourseCells.Cell c, CourseCells.Sums s, ModelSpec spec) {
      if (!MEASURE.equals(c.measure()) || !c.hasClient()) {
        return;
      }
      double[] x = spec.x(c.technique(), 0.0, ComparisonModels.covariateValues(c));
      CourseDesigns.addGroup(model, x, spec.levels().size(), s);
    }

    /**
     * Each therapist's sums from its pairs' marginal sums ({@link CourseCells#therapists}): {n,
     * improvement, every predictor}, the improvement and the baseline in tenths; a missing
     * therapist is {@code unknown}.
     */
    void therapists(CourseCells cells, ModelSpec spec) {
      int baselineAt = spec.levels().size();
      cells
          .therapists()
          .forEach(
              (name, t) -> {
                double[] sum =
                    sums.computeIfAbsent(name == null ? "unknown" : name, x -> new double[p + 2]);
                sum[0] += t.n();
                sum[1] += t.y();
                for (int j = 0; j < p; j++) {
                  sum[2 + j] +=
                      j == baselineAt
                          ? t.b()
                          : t.count(
                              j < baselineAt
                                  ? "technique=" + spec.levels().get(j)
                                  : spec.covariates().get(j - baselineAt - 1));
                }
              });
    }
  }

  /**
   * One therapist's row from its sums: {n, improvement, every predictor}, the improvement and the
   * baseline (predictor {@code baselineAt}) in tenths.
   */
  private static Row row(String therapist, double[] s, Ols.Fit fit, int p, int baselineAt) {
    long n = (long) s[0];
    double observed = s[1] / 10.0 / n;
    NamedRow row =
        new NamedRow(SCHEMA).set("therapist", therapist).set("n", n).set("observed", observed);
    if (fit == null) {
      return row.row();
    }
    double expected = fit.coefficient(0).estimate();
    for (int j = 0; j < p; j++) {
      double sum = j == baselineAt ? s[2 + j] / 10.0 : s[2 + j];
      expected += fit.coefficient(j + 1).estimate() * sum / n;
    }
    ControlLimits.Funnel f = ControlLimits.funnel(n, observed - expected, fit.residualSd());
    row.set("expected", expected).set("diff", observed - expected);
    if (f != null) {
      row.set("ci_low", f.ciLow())
          .set("ci_high", f.ciHigh())
          .set("limit95_low", f.limit95Low())
          .set("limit95_high", f.limit95High())
          .set("limit998_low", f.limit998Low())
          .set("limit998_high", f.limit998High())
          .set("flag", f.flag());
    }
    return row.row();
  }

  /**
   * The design: primary-technique indicators (the reference technique omitted, or the first
   * technique alphabetically when it is absent), the baseline, and indicators of each covariate's
   * categories present in the fitted data except the first alphabetically. Null without data.
   *
   * @param design the distinct (primary technique, age band, sex, condition, chronicity) of the
   *     model's episodes ({@link CourseDesigns.Found#therapistDesign})
   */
  static ModelSpec spec(Settings settings, Collection<List<String>> design) {
    TreeSet<String> techniques = new TreeSet<>();
    Map<String, TreeSet<String>> categories = new TreeMap<>();
    for (List<String> r : design) {
      techniques.add(r.get(0));
      for (int i = 0; i < ComparisonModels.COVARIATES.size(); i++) {
        String c = ComparisonModels.COVARIATES.get(i);
        categories.computeIfAbsent(c, x -> new TreeSet<>()).add(c + "=" + r.get(i + 1));
      }
    }
    if (techniques.isEmpty()) {
      return null;
    }
    String reference =
        techniques.contains(settings.referenceTechnique())
            ? settings.referenceTechnique()
            : techniques.first();
    techniques.remove(reference);
    List<String> covariates = new ArrayList<>();
    for (String c : ComparisonModels.COVARIATES) {
      List<String> cats = new ArrayList<>(categories.getOrDefault(c, new TreeSet<>()));
      covariates.addAll(cats.subList(Math.min(1, cats.size()), cats.size()));
    }
    return new ModelSpec(
        ModelKey.risk(MEASURE, "therapist"), List.copyOf(techniques), reference, covariates);
  }
}
