package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@link RiskDifference} against Newcombe, Stat Med 1998;17:873-890, Table II, method 10 (the
 * hybrid score interval), published to 4 decimals, and against Altman's rule for the NNT interval
 * (BMJ 1998;317:1309).
 *
 * <p>The full-precision values are an independent Python derivation of method 10 (Wilson bounds by
 * the closed formula, z = {@code scipy.stats.norm.ppf(0.975)}), checked to round to the published
 * figures. Note on example (c), 6/7 - 2/7: the derivation gives 0.0582 to 0.8062 (method 10); the
 * brief quoted 0.0342 to 0.8423, whose upper bound is that of the continuity-corrected method 11
 * (-0.0290 to 0.8423 by the same derivation), so those figures are not method 10's. Examples (a)
 * and (b) are also asserted in the test suite of the R package propint ({@code ci.two.indep.props}:
 * 0.0524, 0.3339 and 0.1705, 0.8090). Example (a) is 0.0524 to 0.3339 (both positive: d = 0.2).
 */
class RiskDifferenceTest {

  /** Published precision: 4 decimals. */
  private static final double TABLE = 0.5e-4;

  private static void example(
      long x1,
      long n1,
      long x2,
      long n2,
      double paperLow,
      double paperHigh,
      double low,
      double high) {
    RiskDifference.Difference d = RiskDifference.newcombe(x1, n1, x2, n2, 0.95);
    String what = x1 + "/" + n1 + " - " + x2 + "/" + n2;
    Tolerance.estimate((double) x1 / n1 - (double) x2 / n2, d.diff(), what + " diff");
    assertEquals(paperLow, d.ciLow(), TABLE, what + " low (Table II)");
    assertEquals(paperHigh, d.ciHigh(), TABLE, what + " high (Table II)");
    Tolerance.estimate(low, d.ciLow(), what + " low");
    Tolerance.estimate(high, d.ciHigh(), what + " high");
  }

  @Test
  void newcombeTableTwoMethodTen() {
    // (a) 56/70 - 48/80: Table II 0.0524, 0.3339
    example(56, 70, 48, 80, 0.0524, 0.3339, 0.05243147240236498, 0.333872654036906);
    // (b) 9/10 - 3/10: 0.1705, 0.8090
    example(9, 10, 3, 10, 0.1705, 0.8090, 0.17052272393450302, 0.8090179735354881);
    // (c) 6/7 - 2/7: 0.0582, 0.8062
    example(6, 7, 2, 7, 0.0582, 0.8062, 0.0582279274823122, 0.8062496375242277);
    // (d) 5/56 - 0/29: -0.0381, 0.1926
    example(5, 56, 0, 29, -0.0381, 0.1926, -0.03813714790353688, 0.19256001385511162);
    // (e) 0/10 - 0/20: -0.1611, 0.2775
    example(0, 10, 0, 20, -0.1611, 0.2775, -0.16112515805281938, 0.2775327998628892);
    // (f) 0/10 - 0/10: -0.2775, 0.2775
    example(0, 10, 0, 10, -0.2775, 0.2775, -0.2775327998628892, 0.2775327998628892);
    // (g) 10/10 - 0/20: 0.6791, 1.0000
    example(10, 10, 0, 20, 0.6791, 1.0, 0.6790860371419147, 1.0);
    // (h) 10/10 - 0/10: 0.6075, 1.0000
    example(10, 10, 0, 10, 0.6075, 1.0, 0.6075093504305242, 1.0);
  }

  @Test
  void swappedGroupsMirrorTheInterval() {
    RiskDifference.Difference ab = RiskDifference.newcombe(56, 70, 48, 80, 0.95);
    RiskDifference.Difference ba = RiskDifference.newcombe(48, 80, 56, 70, 0.95);
    Tolerance.estimate(-ab.ciHigh(), ba.ciLow(), "mirror low");
    Tolerance.estimate(-ab.ciLow(), ba.ciHigh(), "mirror high");
  }

  @Test
  void emptyGroupIsUndefined() {
    assertNull(RiskDifference.newcombe(0, 0, 3, 10, 0.95));
    assertNull(RiskDifference.newcombe(3, 10, 0, 0, 0.95));
    assertEquals(
        new RiskDifference.NumberNeeded(null, null, null), RiskDifference.numberNeeded(null));
  }

  /**
   * Altman's rule: NNT = 1 / ARR; its interval the reciprocals of the ARR's bounds, exchanged.
   * Worked example (Barrowman, CMAJ 2002;166:1676, applying Altman 1998): ARR 16.6 %, 95 % CI 0.9 %
   * to 32.2 % -> NNT 1/0.166 = 6.02, CI 1/0.322 = 3.1 to 1/0.009 = 111.1. Altman's own example of a
   * non-significant difference, ARR -5 % to +25 %, gives "NNTB 4 to infinity to NNTH 20": an
   * interval through infinity, which the SPEC reports as null.
   */
  @Test
  void numberNeededAltman() {
    RiskDifference.NumberNeeded n =
        RiskDifference.numberNeeded(new RiskDifference.Difference(0.166, 0.009, 0.322));
    Tolerance.estimate(1 / 0.166, n.value(), "NNT");
    assertEquals(3.1, n.ciLow(), 0.05, "NNT low, published 3.1");
    assertEquals(111.1, n.ciHigh(), 0.05, "NNT high, published 111.1");
    Tolerance.estimate(1 / 0.322, n.ciLow(), "NNT low");
    Tolerance.estimate(1 / 0.009, n.ciHigh(), "NNT high");
    RiskDifference.NumberNeeded through =
        RiskDifference.numberNeeded(new RiskDifference.Difference(0.10, -0.05, 0.25));
    Tolerance.estimate(10, through.value(), "NNT of 10 %");
    assertNull(through.ciLow());
    assertNull(through.ciHigh());
  }

  /**
   * Hand arithmetic on Newcombe's example (a): d = 0.8 - 0.6 = 0.2, NNT = 5, interval
   * 1/0.333872654036906 = 2.99515... to 1/0.05243147240236498 = 19.07251...; a harm-type negative
   * difference (level worse, (a) swapped): NNH = -5 with interval -19.07 to -2.995; a zero
   * difference: NNT null; a bound exactly 0 does not exclude 0.
   */
  @Test
  void numberNeededFromNewcombe() {
    RiskDifference.NumberNeeded a =
        RiskDifference.numberNeeded(RiskDifference.newcombe(56, 70, 48, 80, 0.95));
    Tolerance.estimate(5, a.value(), "NNT (a)");
    Tolerance.estimate(1 / 0.333872654036906, a.ciLow(), "NNT low (a)");
    Tolerance.estimate(1 / 0.05243147240236498, a.ciHigh(), "NNT high (a)");
    RiskDifference.NumberNeeded swapped =
        RiskDifference.numberNeeded(RiskDifference.newcombe(48, 80, 56, 70, 0.95));
    Tolerance.estimate(-5, swapped.value(), "NNH swapped");
    Tolerance.estimate(-1 / 0.05243147240236498, swapped.ciLow(), "low swapped");
    Tolerance.estimate(-1 / 0.333872654036906, swapped.ciHigh(), "high swapped");
    RiskDifference.NumberNeeded zero =
        RiskDifference.numberNeeded(RiskDifference.newcombe(0, 10, 0, 10, 0.95));
    assertEquals(new RiskDifference.NumberNeeded(null, null, null), zero);
    RiskDifference.NumberNeeded edge =
        RiskDifference.numberNeeded(new RiskDifference.Difference(0.1, 0.0, 0.2));
    assertNull(edge.ciLow());
  }
}
