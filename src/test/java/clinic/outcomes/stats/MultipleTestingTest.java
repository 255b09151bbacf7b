package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference: R 4.2.2 {@code p.adjust}, {@code options(digits = 17)}. R excludes NA from the family
 * size (its default {@code n = length(p)} is evaluated after the NAs are dropped).
 */
class MultipleTestingTest {

  private static final Double[] P = {0.01, null, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9};

  private static void check(double[] expected, Double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertNull(actual[i], "entry " + i);
      } else {
        Tolerance.p(expected[i], actual[i], "entry " + i);
      }
    }
  }

  @Test
  void benjaminiHochbergWithNull() {
    // R: p.adjust(c(0.01, NA, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9), "BH") ->
    //    0.035 NA 0.056 0.056 0.035 0.58333333333333337 0.056 0.9
    check(
        new double[] {
          0.035000000000000003,
          Double.NaN,
          0.055999999999999994,
          0.055999999999999994,
          0.035000000000000003,
          0.583333333333333370,
          0.055999999999999994,
          0.900000000000000022
        },
        MultipleTesting.benjaminiHochberg(P));
    // R: p.adjust(c(0.2, 0.8, 0.6), "BH") -> 0.6 0.8 0.8
    check(
        new double[] {0.60000000000000009, 0.80000000000000004, 0.80000000000000004},
        MultipleTesting.benjaminiHochberg(new Double[] {0.2, 0.8, 0.6}));
  }

  @Test
  void holmWithNullAndCap() {
    // R: p.adjust(c(0.01, NA, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9), "holm") ->
    //    0.06 NA 0.16 0.15 0.035 1 0.16 1
    check(
        new double[] {
          0.059999999999999998,
          Double.NaN,
          0.160000000000000003,
          0.149999999999999994,
          0.035000000000000003,
          1,
          0.160000000000000003,
          1
        },
        MultipleTesting.holm(P));
    // R: p.adjust(c(0.2, 0.8, 0.6), "holm") -> 0.6 1 1
    check(
        new double[] {0.60000000000000009, 1, 1},
        MultipleTesting.holm(new Double[] {0.2, 0.8, 0.6}));
  }

  /**
   * Issue #12: an undefined Wilcoxon p (null, all differences zero) is skipped, not counted as 1.0.
   * Reference: scipy 1.17.1 {@code scipy.stats.false_discovery_control(p, method="bh")} on the
   * non-null p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9] -> [0.035, 0.055999999999999994,
   * 0.055999999999999994, 0.035, 0.5833333333333334, 0.055999999999999994, 0.9] (= R {@code
   * p.adjust(p[!is.na(p)], "BH")}). Had the undefined p entered as 1.0, the same call on the eight
   * values gives [0.04, 0.064, 0.064, 0.04, 0.6666666666666666, 0.064, 1.0, 1.0]: every q shifts.
   */
  @Test
  void benjaminiHochbergSkipsUndefinedWilcoxon() {
    Double undefined = WilcoxonSignedRank.test(Histogram.of(0, 0, 0)).p();
    assertNull(undefined);
    Double[] family = {0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9, undefined};
    check(
        new double[] {
          0.035,
          0.055999999999999994,
          0.055999999999999994,
          0.035,
          0.5833333333333334,
          0.055999999999999994,
          0.9,
          Double.NaN
        },
        MultipleTesting.benjaminiHochberg(family));
    // Holm likewise: R p.adjust(p[!is.na(p)], "holm") on the same seven ->
    // 0.06 0.16 0.15 0.035 1 0.16 1
    check(
        new double[] {0.06, 0.16, 0.15, 0.035, 1, 0.16, 1, Double.NaN},
        MultipleTesting.holm(family));
  }

  @Test
  void edgeCases() {
    assertArrayEquals(new Double[0], MultipleTesting.holm(new Double[0]));
    assertArrayEquals(
        new Double[] {null, null}, MultipleTesting.benjaminiHochberg(new Double[] {null, null}));
    assertArrayEquals(new Double[] {0.3}, MultipleTesting.holm(new Double[] {0.3}));
    assertThrows(
        IllegalArgumentException.class, () -> MultipleTesting.holm(new Double[] {Double.NaN}));
    assertThrows(
        IllegalArgumentException.class,
        () -> MultipleTesting.benjaminiHochberg(new Double[] {1.5}));
  }
}
