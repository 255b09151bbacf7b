package clinic.outcomes.analysis;

import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.ControlLimits;
import clinic.outcomes.stats.Ols;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code therapist_performance} table (SPEC "Expected against actual"; internal reports only,
 * never the case study): one OLS of {@code nrs_pain} course improvement on the baseline and
 * indicators of primary technique, age band, sex, condition and chronicity over the episodes whose
 * client has a {@code clients.csv} row; per therapist, the observed mean against the mean of the
 * fitted values, with funnel limits from the model's residual SD (Spiegelhalter, Stat Med 2005).
 * One Spark pass accumulates the model's X'X and each therapist's sums, in the same read of the
 * course rows as the comparisons' models ({@link CourseScans}); the driver sees groups.
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
   * The table on its own, in two Spark jobs over {@code courseRows} ({@link CourseScans}); a run
   * gets it from {@link ComparisonStage#run}, which reads the course rows for every model at once.
   *
   * @param courseRows complete course rows with measure, baseline_tenths, improvement_tenths,
   *     primary_technique, primary_therapist, has_client and the case-mix covariates
   * @return the table's rows, by therapist; empty without a clients file
   */
  public static List<Row> run(Settings settings, Dataset<Row> courseRows) {
    CourseScans.Found found =
        CourseScans.find(courseRows, new CourseScans.Wanted(false, false, true));
    ModelSpec spec = spec(settings, found.therapistDesign);
    if (spec == null) {
      return List.of();
    }
    return rows(CourseScans.total(courseRows, Map.of(), spec).therapists, spec);
  }

  /** The table's rows from the model's and the therapists' totals, by therapist. */
  static List<Row> rows(Pass pass, ModelSpec spec) {
    int p = spec.predictors();
    Ols.Accumulator acc = pass.model;
    Ols.Fit fit = acc.n() == 0 ? null : Ols.fit(acc, StatsStage.CONFIDENCE);
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, double[]> t : pass.sums.entrySet()) {
      out.add(row(t.getKey(), t.getValue(), fit, p));
    }
    return out;
  }

  /** The totals of one pass: the model's X'X and each therapist's sums. */
  static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;

    final int p;
    final Ols.Accumulator model;
    final TreeMap<String, double[]> sums = new TreeMap<>();

    Pass(int p) {
      this.p = p;
      this.model = new Ols.Accumulator(p);
    }

    /**
     * Adds one course row when it is one of the model's episodes ({@code nrs_pain}, with a client
     * row); a missing therapist is {@code unknown}.
     */
    void add(Row r, ModelSpec spec) {
      if (!MEASURE.equals(r.getAs("measure")) || !Boolean.TRUE.equals(r.getAs("has_client"))) {
        return;
      }
      String therapist = r.getAs("primary_therapist");
      List<String> cv = new ArrayList<>();
      for (String c : ComparisonModels.COVARIATES) {
        cv.add(c + "=" + r.getAs(c));
      }
      double[] x =
          spec.x(r.getAs("primary_technique"), r.<Integer>getAs("baseline_tenths") / 10.0, cv);
      double[] xy = Arrays.copyOf(x, p + 1);
      xy[p] = r.<Integer>getAs("improvement_tenths") / 10.0;
      add(therapist == null ? "unknown" : therapist, xy);
    }

    Pass add(String therapist, double[] xy) {
      model.add(Arrays.copyOf(xy, p), xy[p]);
      TherapistStage.add(sums.computeIfAbsent(therapist, t -> new double[p + 2]), xy);
      return this;
    }

    Pass merge(Pass o) {
      model.merge(o.model);
      o.sums.forEach((t, s) -> sums.merge(t, s, TherapistStage::merge));
      return this;
    }
  }

  /** Per-therapist sums: {n, sum y, sum x_1 .. sum x_p}; integer-valued, so exact in any order. */
  private static double[] add(double[] s, double[] xy) {
    int p = xy.length - 1;
    s[0]++;
    s[1] += xy[p];
    for (int j = 0; j < p; j++) {
      s[2 + j] += xy[j];
    }
    return s;
  }

  private static double[] merge(double[] a, double[] b) {
    double[] s = a.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += b[i];
    }
    return s;
  }

  private static Row row(String therapist, double[] s, Ols.Fit fit, int p) {
    long n = (long) s[0];
    double observed = s[1] / n;
    NamedRow row =
        new NamedRow(SCHEMA).set("therapist", therapist).set("n", n).set("observed", observed);
    if (fit == null) {
      return row.row();
    }
    double expected = fit.coefficient(0).estimate();
    for (int j = 0; j < p; j++) {
      expected += fit.coefficient(j + 1).estimate() * s[2 + j] / n;
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
   *     model's episodes ({@link CourseScans.Found#therapistDesign})
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
