package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Reference: R 4.2.2 {@code t.test(a, b)} (Welch, the default) and {@code wilcox.test(a, b, exact =
 * FALSE, correct = TRUE)}, {@code options(digits = 17)}.
 */
class TwoSampleTest {

  static final double[] A = {3.5, 2, 4, 5.5, 3, 2.5, 6, 4, 3};
  static final double[] B = {1, 2, 2, 3, 0.5, 1.5, 2, 4, 2.5, 1, 2};

  @Test
  void welchMatchesR() {
    TwoSample.Welch w = TwoSample.welch(Histogram.of(A), Histogram.of(B), 0.95);
    assertEquals(9, w.nLevel());
    assertEquals(11, w.nReference());
    // R: mean(a) - mean(b) -> 1.7676767676767677
    Tolerance.estimate(1.7676767676767677, w.diff(), "diff");
    // R: t.test(a, b)$parameter -> 14.507768824651878
    Tolerance.estimate(14.507768824651878, w.df(), "df");
    // R: t.test(a, b)$conf.int -> 0.62913689385588722 2.90621664149764847
    Tolerance.estimate(0.62913689385588722, w.ciLow(), "ciLow");
    Tolerance.estimate(2.90621664149764847, w.ciHigh(), "ciHigh");
    // R: t.test(a, b)$p.value -> 0.0048577315112637229
    Tolerance.p(0.0048577315112637229, w.p(), "p");
    // R: t.test(a, b, conf.level=0.9)$conf.int -> 0.83194543563155487 2.70340809972198048
    TwoSample.Welch w90 = TwoSample.welch(Histogram.of(A), Histogram.of(B), 0.9);
    Tolerance.estimate(0.83194543563155487, w90.ciLow(), "ciLow90");
    Tolerance.estimate(2.70340809972198048, w90.ciHigh(), "ciHigh90");
  }

  @Test
  void welchOneZeroVariance() {
    // R: t.test(c(3, 3, 3), c(1, 2, 4, 5)) -> df 3, conf.int -2.905162715754765
    //    2.905162715754765, p-value 1
    TwoSample.Welch w = TwoSample.welch(Histogram.of(3, 3, 3), Histogram.of(1, 2, 4, 5), 0.95);
    Tolerance.estimate(0, w.diff(), "diff");
    Tolerance.estimate(3, w.df(), "df");
    Tolerance.estimate(-2.905162715754765, w.ciLow(), "ciLow");
    Tolerance.estimate(2.905162715754765, w.ciHigh(), "ciHigh");
    Tolerance.p(1, w.p(), "p");
  }

  @Test
  void welchLargeHistograms() {
    // R: xa <- rep(0:5, c(400, 900, 1200, 800, 300, 100));
    //    xb <- rep(0:5, c(500, 1000, 1100, 600, 200, 50)); t.test(xa, xb)
    //    -> diff 0.24637681159420288, df 7141.9183152366304,
    //       conf.int 0.19146923500946003 0.30128438817894571, p 1.7537880067932044e-18
    Histogram xa =
        new Histogram(new double[] {0, 1, 2, 3, 4, 5}, new long[] {400, 900, 1200, 800, 300, 100});
    Histogram xb =
        new Histogram(new double[] {0, 1, 2, 3, 4, 5}, new long[] {500, 1000, 1100, 600, 200, 50});
    TwoSample.Welch w = TwoSample.welch(xa, xb, 0.95);
    Tolerance.estimate(0.24637681159420288, w.diff(), "diff");
    Tolerance.estimate(7141.9183152366304, w.df(), "df");
    Tolerance.estimate(0.19146923500946003, w.ciLow(), "ciLow");
    Tolerance.estimate(0.30128438817894571, w.ciHigh(), "ciHigh");
    Tolerance.p(1.7537880067932044e-18, w.p(), "p");
    // R: wilcox.test(xa, xb, exact=FALSE, correct=TRUE) -> W = 7112500,
    //    p-value = 5.5416787342474341e-18
    Tolerance.estimate(7112500, TwoSample.mannWhitneyU(xa, xb), "W");
    Tolerance.p(5.5416787342474341e-18, TwoSample.mannWhitneyP(xa, xb), "mw p");
  }

  @Test
  void welchUndefined() {
    // n < 2 in one group: R t.test stops ("not enough 'x' observations")
    TwoSample.Welch one = TwoSample.welch(Histogram.of(4), Histogram.of(B), 0.95);
    assertEquals(4.0 - Histogram.of(B).mean(), one.diff());
    assertNull(one.df());
    assertNull(one.ciLow());
    assertNull(one.p());
    // both variances 0: R t.test stops ("data are essentially constant")
    TwoSample.Welch flat = TwoSample.welch(Histogram.of(2, 2), Histogram.of(5, 5, 5), 0.95);
    assertEquals(-3.0, flat.diff());
    assertNull(flat.p());
    assertNull(flat.ciHigh());
    // an empty group
    TwoSample.Welch empty = TwoSample.welch(Histogram.empty(), Histogram.of(B), 0.95);
    assertNull(empty.meanLevel());
    assertNull(empty.diff());
    assertNull(empty.p());
  }

  @Test
  void mannWhitneyMatchesR() {
    // R: wilcox.test(a, b, exact=FALSE, correct=TRUE) -> W = 86.5, p = 0.0050339247710661696
    Tolerance.estimate(86.5, TwoSample.mannWhitneyU(Histogram.of(A), Histogram.of(B)), "W");
    Tolerance.p(
        0.0050339247710661696, TwoSample.mannWhitneyP(Histogram.of(A), Histogram.of(B)), "p");
    // R: wilcox.test(c(0,1,1,2,2,2,3,1,0,2), c(2,3,3,2,4,1,3,3), exact=FALSE, correct=TRUE)
    //    -> W = 14.5, p-value = 0.021388566852794385
    Histogram x = Histogram.of(0, 1, 1, 2, 2, 2, 3, 1, 0, 2);
    Histogram y = Histogram.of(2, 3, 3, 2, 4, 1, 3, 3);
    Tolerance.estimate(14.5, TwoSample.mannWhitneyU(x, y), "W2");
    Tolerance.p(0.021388566852794385, TwoSample.mannWhitneyP(x, y), "p2");
    // R: wilcox.test(5, c(1, 2), exact=FALSE, correct=TRUE) -> W = 2, p = 0.54029137460742005
    Tolerance.p(
        0.54029137460742005, TwoSample.mannWhitneyP(Histogram.of(5), Histogram.of(1, 2)), "p3");
  }

  @Test
  void mannWhitneyUndefined() {
    // R: wilcox.test(c(2, 2), c(2, 2, 2), exact=FALSE, correct=TRUE)$p.value -> NaN
    assertNull(TwoSample.mannWhitneyP(Histogram.of(2, 2), Histogram.of(2, 2, 2)));
    assertNull(TwoSample.mannWhitneyP(Histogram.empty(), Histogram.of(1, 2)));
    assertNull(TwoSample.mannWhitneyP(Histogram.of(1, 2), Histogram.empty()));
    assertNull(TwoSample.mannWhitneyU(Histogram.empty(), Histogram.of(1, 2)));
  }
}
