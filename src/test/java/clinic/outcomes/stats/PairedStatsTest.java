package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference values: R 4.2.2 (Debian bookworm package r-base-core), run with {@code options(digits =
 * 17)}; the command is quoted above each assertion. {@code t.test} is R's one-sample {@code
 * t.test(d, mu = 0)}.
 */
class PairedStatsTest {

  /** Zero- and tie-heavy pain differences (improvements in NRS points). */
  static final double[] A = {
    2, 2, 1, 0, 0, 3, -1, 2, 0, 1, 4, -2, 1, 1, 0, 2, 3, -1, 2, 0.5, 0, 1, -0.5, 2, 1
  };

  @Test
  void zeroAndTieHeavyDifferences() {
    PairedStats s = PairedStats.of(Histogram.of(A), 0.95);
    assertEquals(25, s.n());
    // R: mean(A) -> 0.95999999999999996
    Tolerance.estimate(0.95999999999999996, s.meanChange(), "mean");
    // R: sd(A) -> 1.4062361110425234
    Tolerance.estimate(1.4062361110425234, s.sdChange(), "sd");
    // R: median(A) -> 1
    Tolerance.estimate(1, s.median(), "median");
    // R: t.test(A)$conf.int -> 0.37953426262198953 1.54046573737801040
    Tolerance.estimate(0.37953426262198953, s.ciLow(), "ciLow");
    Tolerance.estimate(1.54046573737801040, s.ciHigh(), "ciHigh");
    // R: t.test(A)$p.value -> 0.0022813597242687914
    Tolerance.p(0.0022813597242687914, s.tP(), "tP");
    // R: mean(A)/sd(A) -> 0.6826734091533867
    Tolerance.estimate(0.6826734091533867, s.effectDz(), "dz");
    // R: wilcox.test(A, mu=0, exact=FALSE, correct=TRUE) -> V = 181.5, p = 0.0040653867054183052
    Tolerance.estimate(181.5, s.wilcoxonStatistic(), "V");
    Tolerance.p(0.0040653867054183052, s.wilcoxonP(), "wilcoxon p");
    assertEquals("normal", s.wilcoxonMethod());
  }

  @Test
  void untiedDifferencesWithOtherConfidence() {
    double[] b = {1.5, -0.3, 2.7, 4.1, 0.9, -1.2, 3.3, 2.2, 5.0, -0.7};
    PairedStats s = PairedStats.of(Histogram.of(b), 0.99);
    // R: mean(B) -> 1.75 ; sd(B) -> 2.0892582415776175 ; median(B) -> 1.8500000000000001
    Tolerance.estimate(1.75, s.meanChange(), "mean");
    Tolerance.estimate(2.0892582415776175, s.sdChange(), "sd");
    Tolerance.estimate(1.8500000000000001, s.median(), "median");
    // R: t.test(B, conf.level=0.99)$conf.int -> -0.39710611106858984 3.89710611106858984
    Tolerance.estimate(-0.39710611106858984, s.ciLow(), "ciLow");
    Tolerance.estimate(3.89710611106858984, s.ciHigh(), "ciHigh");
    // R: t.test(B)$p.value -> 0.02652918683171275
    Tolerance.p(0.02652918683171275, s.tP(), "tP");
    // R: wilcox.test(B, mu=0, exact=TRUE) -> V = 48, p-value = 0.037109375
    Tolerance.p(0.037109375, s.wilcoxonP(), "wilcoxon p");
    assertEquals("exact", s.wilcoxonMethod());
  }

  @Test
  void largeHistogramNeedsNoRows() {
    // R: v <- c(-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 5);
    //    cnt <- c(300, 700, 1500, 410, 2100, 390, 1550, 720, 280, 20, 5); E <- rep(v, cnt)
    Histogram h =
        new Histogram(
            new double[] {-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 5},
            new long[] {300, 700, 1500, 410, 2100, 390, 1550, 720, 280, 20, 5});
    PairedStats s = PairedStats.of(h, 0.95);
    assertEquals(7975, s.n());
    // R: mean(E) -> 0.015673981191222597 ; sd(E) -> 1.3528036986373111 ; median(E) -> 0
    Tolerance.estimate(0.015673981191222597, s.meanChange(), "mean");
    Tolerance.estimate(1.3528036986373111, s.sdChange(), "sd");
    Tolerance.estimate(0, s.median(), "median");
    // R: t.test(E)$conf.int -> -0.014021027248588554 0.045368989631033745
    Tolerance.estimate(-0.014021027248588554, s.ciLow(), "ciLow");
    Tolerance.estimate(0.045368989631033745, s.ciHigh(), "ciHigh");
    // R: t.test(E)$p.value -> 0.30084549315360609 ; mean(E)/sd(E) -> 0.011586293862894602
    Tolerance.p(0.30084549315360609, s.tP(), "tP");
    Tolerance.estimate(0.011586293862894602, s.effectDz(), "dz");
    // R: wilcox.test(E, exact=FALSE, correct=TRUE) -> V = 8747795, p = 0.35679993303504476
    Tolerance.estimate(8747795, s.wilcoxonStatistic(), "V");
    Tolerance.p(0.35679993303504476, s.wilcoxonP(), "wilcoxon p");
  }

  @Test
  void emptyGroupIsAllNull() {
    PairedStats s = PairedStats.of(Histogram.empty(), 0.95);
    assertEquals(new PairedStats(0, null, null, null, null, null, null, null, null, null, null), s);
  }

  @Test
  void oneDifference() {
    PairedStats s = PairedStats.of(Histogram.of(2), 0.95);
    assertEquals(1, s.n());
    assertEquals(2.0, s.meanChange());
    assertEquals(2.0, s.median());
    assertNull(s.sdChange());
    assertNull(s.ciLow());
    assertNull(s.ciHigh());
    assertNull(s.tP());
    assertNull(s.effectDz());
    // R: wilcox.test(2, exact=TRUE) -> V = 1, p-value = 1
    assertEquals(1.0, s.wilcoxonStatistic());
    Tolerance.p(1, s.wilcoxonP(), "wilcoxon p");
    assertEquals("exact", s.wilcoxonMethod());
  }

  @Test
  void twoDifferences() {
    PairedStats s = PairedStats.of(Histogram.of(1, 3), 0.95);
    // R: t.test(c(1, 3)) -> conf.int -10.706204736174694 14.706204736174694,
    //    p.value 0.29516723530086642 ; sd(c(1,3)) -> 1.4142135623730951
    Tolerance.estimate(1.4142135623730951, s.sdChange(), "sd");
    Tolerance.estimate(-10.706204736174694, s.ciLow(), "ciLow");
    Tolerance.estimate(14.706204736174694, s.ciHigh(), "ciHigh");
    Tolerance.p(0.29516723530086642, s.tP(), "tP");
    // R: mean(c(1,3))/sd(c(1,3)) -> 1.4142135623730949
    Tolerance.estimate(1.4142135623730949, s.effectDz(), "dz");
    // R: wilcox.test(c(1, 3), exact=TRUE) -> V = 3, p-value = 0.5
    Tolerance.p(0.5, s.wilcoxonP(), "wilcoxon p");
  }

  @Test
  void allDifferencesZero() {
    PairedStats s = PairedStats.of(new Histogram(new double[] {0}, new long[] {12}), 0.95);
    assertEquals(12, s.n());
    assertEquals(0.0, s.meanChange());
    assertEquals(0.0, s.median());
    assertEquals(0.0, s.sdChange());
    assertNull(s.ciLow());
    assertNull(s.tP());
    assertNull(s.effectDz());
    assertNull(s.wilcoxonP());
    assertNull(s.wilcoxonStatistic());
    assertNull(s.wilcoxonMethod());
  }

  @Test
  void allTiedNonZero() {
    PairedStats s = PairedStats.of(Histogram.of(2, 2, 2, 2), 0.95);
    assertEquals(0.0, s.sdChange());
    assertNull(s.ciLow());
    assertNull(s.ciHigh());
    assertNull(s.tP());
    assertNull(s.effectDz());
    // R: wilcox.test(c(2, 2, 2, 2), exact=FALSE, correct=TRUE) -> V = 10,
    //    p-value = 0.071860638225851606
    assertEquals(10.0, s.wilcoxonStatistic());
    Tolerance.p(0.071860638225851606, s.wilcoxonP(), "wilcoxon p");
    assertEquals("normal", s.wilcoxonMethod());
  }

  @Test
  void rejectsBadConfidence() {
    assertThrows(IllegalArgumentException.class, () -> PairedStats.of(Histogram.of(1), 1.0));
    assertThrows(IllegalArgumentException.class, () -> PairedStats.of(Histogram.of(1), Double.NaN));
  }
}
