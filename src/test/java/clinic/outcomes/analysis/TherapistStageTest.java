package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.CourseCells;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The funnel on a fixture with one therapist planted outside the limits: six therapists with 30
 * episodes each, improvement 2.0 ± 0.5 points in a fixed pattern, baseline 5-8, except T6, whose
 * episodes improve 1.5 points more. The residual SD comes independently from commons-math3's
 * OLSMultipleLinearRegression on the same design (intercept and baseline; technique and case mix
 * are constant here, so they get no indicator).
 */
class TherapistStageTest {
  @Test
  void aTherapistPlantedAboveTheLimitsIsFlaggedAndNoOneElse() {
    // two tasks' cells, merged as the client pass merges its partitions'
    CourseCells even = new CourseCells();
    CourseCells odd = new CourseCells();
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int t = 1; t <= 6; t++) {
      for (int i = 0; i < 30; i++) {
        int baseline = 50 + 10 * (i % 4);
        int improvement = 20 + 5 * ((i % 3) - 1) + (t == 6 ? 15 : 0);
        (i % 2 == 0 ? even : odd)
            .add(
                "nrs_pain",
                "deep_tissue",
                "T" + t,
                "adherent",
                true,
                "40-49",
                "female",
                "piriformis",
                "chronic",
                baseline,
                improvement,
                4);
        x.add(new double[] {baseline / 10.0});
        y.add(improvement / 10.0);
      }
    }
    List<Row> out =
        TherapistStage.run(Settings.defaults(), new CourseCells().merge(odd).merge(even));
    assertEquals(6, out.size());
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(
        y.stream().mapToDouble(Double::doubleValue).toArray(), x.toArray(double[][]::new));
    double s = ols.estimateRegressionStandardError();
    for (Row r : out) {
      String t = r.getAs("therapist");
      // Observed: the fixture's own mean; the pattern 20 + 5*(i%3 - 1) over 30 episodes averages
      // 2.0.
      assertEquals(t.equals("T6") ? 3.5 : 2.0, r.<Double>getAs("observed"), 1e-12, t);
      assertEquals(3.09 * s / Math.sqrt(30), r.<Double>getAs("limit998_high"), 1e-9, t);
      assertEquals(-1.96 * s / Math.sqrt(30), r.<Double>getAs("limit95_low"), 1e-9, t);
      if (t.equals("T6")) {
        assertEquals("above", r.getAs("flag"));
      } else {
        assertNull(r.getAs("flag"), t);
      }
    }
  }
}
