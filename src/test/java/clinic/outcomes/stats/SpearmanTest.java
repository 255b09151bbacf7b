package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * References: scipy 1.10.1 {@code scipy.stats.spearmanr(x, y)} (Debian python3-scipy) and R 4.2.2
 * {@code cor.test(x, y, method = "spearman", exact = FALSE)}, which for exact = FALSE also uses the
 * t approximation with n - 2 df; both agree to 2e-15 here.
 */
class SpearmanTest {

  static final double[] SESSIONS = {1, 2, 2, 3, 4, 4, 4, 5, 6, 6, 7, 8, 8, 10, 12, 12, 3, 5};
  static final double[] IMPROVEMENT = {
    0.5, 1, 2.5, 1, 3, 2, 2, 4.5, 3, 5, 4, 6, 5.5, 6, 7.5, 5, 2, 2
  };

  @Test
  void tiedDataMatchScipyAndR() {
    Spearman.Result r = Spearman.of(JointHistogram.of(SESSIONS, IMPROVEMENT));
    assertEquals(18, r.n());
    // scipy: spearmanr(sx, sy) -> correlation 0.8944638132809883, pvalue 5.530735495414478e-07
    // R: cor.test(sx, sy, method="spearman", exact=FALSE) -> rho 0.89446381328098834,
    //    p-value 5.530735495414489e-07
    Tolerance.estimate(0.8944638132809883, r.rho(), "rho");
    Tolerance.p(5.530735495414478e-07, r.p(), "p");
  }

  @Test
  void countsEqualRows() {
    JointHistogram rows =
        JointHistogram.of(new double[] {1, 1, 1, 2, 2, 3}, new double[] {0, 0, 1, 1, 1, 2});
    JointHistogram counts =
        new JointHistogram(
            new double[] {3, 2, 1, 1}, new double[] {2, 1, 1, 0}, new long[] {1, 2, 1, 2});
    assertEquals(rows, counts);
    assertEquals(Spearman.of(rows), Spearman.of(counts));
  }

  @Test
  void smallAndPerfect() {
    // scipy: spearmanr([1,2,3],[2,1,3]) -> 0.5, 0.6666666666666667
    // R: cor.test(c(1,2,3), c(2,1,3), method="spearman", exact=FALSE) -> 0.5, 0.66666666666666674
    Spearman.Result three =
        Spearman.of(JointHistogram.of(new double[] {1, 2, 3}, new double[] {2, 1, 3}));
    Tolerance.estimate(0.5, three.rho(), "rho3");
    Tolerance.p(0.6666666666666667, three.p(), "p3");
    // R: cor.test(1:4, 1:4, method="spearman", exact=FALSE) -> rho 1, p-value 0
    Spearman.Result perfect =
        Spearman.of(JointHistogram.of(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}));
    assertEquals(1.0, perfect.rho());
    assertEquals(0.0, perfect.p());
  }

  @Test
  void undefined() {
    assertNull(Spearman.of(JointHistogram.of(new double[0], new double[0])));
    assertNull(Spearman.of(JointHistogram.of(new double[] {1, 2}, new double[] {1, 2})));
    assertNull(Spearman.of(JointHistogram.of(new double[] {3, 3, 3}, new double[] {1, 2, 3})));
    assertNull(Spearman.of(JointHistogram.of(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
  }
}
