package clinic.outcomes.analysis;

import clinic.outcomes.core.Measure;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.EpisodeSlopes;
import clinic.outcomes.stats.JointHistogram;
import clinic.outcomes.stats.Ols;
import clinic.outcomes.stats.Spearman;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code dose_response} table (SPEC "Dose-response"): per measure, course improvement on the
 * episode's session count between episodes (the OLS slope of the dose model and Spearman's rho over
 * the joint histogram), and the within-episode slopes' summaries from the client pass's totals.
 */
final class DoseResponse {
  public static final StructType SCHEMA =
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

  private DoseResponse() {}

  /**
   * @param found the course pairs' joint counts of (measure, sessions, improvement) ({@link
   *     CourseDesigns#find})
   * @param fits the fitted models (the dose models are used)
   * @param slopes within-episode slope histograms per (model, measure)
   */
  static List<Row> rows(
      CourseDesigns.Found found,
      Map<ModelKey, Ols.Fit> fits,
      Map<PairTotals.SlopeKey, ? extends Map<Double, Long>> slopes) {
    List<Row> out = new ArrayList<>();
    for (Measure measure : Measure.ALL) {
      String m = measure.code();
      List<double[]> j = found.joint(m);
      if (j != null) {
        out.add(betweenEpisodes(m, j, fits.get(ModelKey.dose(m))));
      }
      for (String model :
          List.of(ClientHistory.WITHIN_EPISODE, ClientHistory.WITHIN_EPISODE_LATE)) {
        Map<Double, Long> h = slopes.get(new PairTotals.SlopeKey(model, m));
        if (h != null) {
          EpisodeSlopes.Summary s =
              EpisodeSlopes.summarize(StatsStage.toHistogram(h), StatsStage.CONFIDENCE);
          out.add(
              new NamedRow(SCHEMA)
                  .set("measure", m)
                  .set("model", model)
                  .set("n", s.n())
                  .set("slope", s.slope())
                  .set("slope_ci_low", s.ciLow())
                  .set("slope_ci_high", s.ciHigh())
                  .set("slope_p", s.p())
                  .row());
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
    return new NamedRow(SCHEMA)
        .set("measure", m)
        .set("model", ClientHistory.BETWEEN_EPISODES)
        .set("n", n)
        .set("slope", slope == null ? null : slope.estimate())
        .set("slope_ci_low", slope == null ? null : slope.ciLow())
        .set("slope_ci_high", slope == null ? null : slope.ciHigh())
        .set("slope_p", slope == null ? null : slope.p())
        .set("spearman_rho", s == null ? null : s.rho())
        .set("spearman_p", s == null ? null : s.p())
        .row();
  }
}
