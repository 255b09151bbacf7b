package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.CourseCells;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.stats.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The comparison stage alone on six course pairs of pain, deep tissue against the reference
 * (swedish), without a clients file (no risk-adjusted model):
 *
 * <pre>
 * technique    baseline  improvement  sessions
 * deep_tissue  5.0       3.0          2
 * deep_tissue  7.0       4.0          3
 * deep_tissue  6.0       5.0          4
 * swedish      5.0       1.0          1
 * swedish      6.0       2.0          2
 * swedish      7.0       3.0          3
 * </pre>
 *
 * By hand: means 4.0 and 2.0, difference 2.0; both variances 1, so the Welch standard error is
 * sqrt(2/3) with 4 degrees of freedom ((2/3)^2 / (2 (1/3)^2 / 2)); the t quantile and p from
 * commons-math3. The ANCOVA coefficient (improvement on a deep-tissue indicator and the baseline)
 * and the dose-response slope (improvement on sessions) come from commons-math3's
 * OLSMultipleLinearRegression and SimpleRegression on the same points, Spearman's rho from its
 * SpearmansCorrelation (average ranks for ties).
 */
class ComparisonStageTest {
  private static final Settings SETTINGS = Settings.defaults();

  private static final Object[][] POINTS = {
    {"deep_tissue", 50, 30, 2},
    {"deep_tissue", 70, 40, 3},
    {"deep_tissue", 60, 50, 4},
    {"swedish", 50, 10, 1},
    {"swedish", 60, 20, 2},
    {"swedish", 70, 30, 3}
  };

  /**
   * The points as the client pass adds them up, in {@code tasks} tasks (point i in task i mod
   * tasks) whose cells are merged in reverse order.
   */
  private static ComparisonStage.Result run(int tasks) {
    List<CourseCells> parts = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      parts.add(new CourseCells());
    }
    for (int i = 0; i < POINTS.length; i++) {
      Object[] p = POINTS[i];
      parts
          .get(i % tasks)
          .add(
              "nrs_pain",
              (String) p[0],
              "T1",
              "unknown",
              false,
              null,
              null,
              null,
              "unknown",
              (Integer) p[1],
              (Integer) p[2],
              (Integer) p[3]);
    }
    CourseCells cells = new CourseCells();
    for (int t = tasks - 1; t >= 0; t--) {
      cells.merge(parts.get(t));
    }
    Map<GroupKey, Histogram> histograms =
        Map.of(
            new GroupKey("course", "nrs_pain", "technique", "deep_tissue"),
            Histogram.of(3.0, 4.0, 5.0),
            new GroupKey("course", "nrs_pain", "technique", "swedish"),
            Histogram.of(1.0, 2.0, 3.0));
    return new ComparisonStage(null, SETTINGS).run(histograms, cells, false, Map.of());
  }

  @Test
  void deepTissueAgainstSwedish() {
    ComparisonStage.Result result = run(2);
    assertEquals(1, result.comparisonRows().size());
    Row r = result.comparisonRows().get(0);
    assertEquals(
        "nrs_pain technique deep_tissue swedish",
        String.join(
            " ", r.getAs("measure"), r.getAs("factor"), r.getAs("level"), r.getAs("reference")));
    assertEquals(3L, r.<Long>getAs("n_level"));
    assertEquals(3L, r.<Long>getAs("n_reference"));
    assertEquals(4.0, r.<Double>getAs("mean_level"), 1e-12);
    assertEquals(2.0, r.<Double>getAs("mean_reference"), 1e-12);
    assertEquals(2.0, r.<Double>getAs("diff"), 1e-12);
    double se = Math.sqrt(2.0 / 3);
    TDistribution t4 = new TDistribution(4);
    double half = t4.inverseCumulativeProbability(0.975) * se;
    assertEquals(2.0 - half, r.<Double>getAs("welch_ci_low"), 1e-9);
    assertEquals(2.0 + half, r.<Double>getAs("welch_ci_high"), 1e-9);
    double p = 2 * (1 - t4.cumulativeProbability(2.0 / se));
    assertEquals(p, r.<Double>getAs("welch_p"), 1e-9);
    assertEquals(p, r.<Double>getAs("holm_p"), 1e-9); // one comparison in its family

    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    double[] y = new double[POINTS.length];
    double[][] x = new double[POINTS.length][];
    for (int i = 0; i < POINTS.length; i++) {
      y[i] = (Integer) POINTS[i][2] / 10.0;
      x[i] =
          new double[] {"deep_tissue".equals(POINTS[i][0]) ? 1 : 0, (Integer) POINTS[i][1] / 10.0};
    }
    ols.newSampleData(y, x);
    double beta = ols.estimateRegressionParameters()[1];
    double seBeta = ols.estimateRegressionParametersStandardErrors()[1];
    TDistribution t3 = new TDistribution(POINTS.length - 3);
    assertEquals(beta, r.<Double>getAs("ancova_diff"), 1e-9);
    assertEquals(
        beta - t3.inverseCumulativeProbability(0.975) * seBeta,
        r.<Double>getAs("ancova_ci_low"),
        1e-9);
    assertEquals(
        2 * (1 - t3.cumulativeProbability(Math.abs(beta / seBeta))),
        r.<Double>getAs("ancova_p"),
        1e-9);
    assertNull(r.getAs("risk_adjusted_diff"));

    SimpleRegression dose = new SimpleRegression();
    double[] sessions = new double[POINTS.length];
    for (int i = 0; i < POINTS.length; i++) {
      sessions[i] = (Integer) POINTS[i][3];
      dose.addData(sessions[i], y[i]);
    }
    Row d = result.doseRows().get(0);
    assertEquals("nrs_pain between_episodes", d.getAs("measure") + " " + d.getAs("model"));
    assertEquals(6L, d.<Long>getAs("n"));
    assertEquals(dose.getSlope(), d.<Double>getAs("slope"), 1e-9);
    assertEquals(dose.getSignificance(), d.<Double>getAs("slope_p"), 1e-9);
    assertEquals(
        new SpearmansCorrelation().correlation(sessions, y), d.<Double>getAs("spearman_rho"), 1e-9);
    assertEquals(1, result.doseRows().size()); // no within-episode slopes were given
  }

  @Test
  void theSameRowsFromOneTwoAndSevenTasks() {
    ComparisonStage.Result one = run(1);
    for (int n : new int[] {2, 7}) {
      ComparisonStage.Result other = run(n);
      assertEquals(one.comparisonRows(), other.comparisonRows(), n + " tasks");
      assertEquals(one.doseRows(), other.doseRows(), n + " tasks");
    }
  }
}
