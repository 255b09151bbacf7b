package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link ControlLimits}, hand-derived: the funnel limits are {@code +/- 1.96 s / sqrt(n)} and
 * {@code +/- 3.09 s / sqrt(n)} (SPEC constants; Spiegelhalter, Stat Med 2005;24:1185), the p-chart
 * limits {@code c +/- 3 sqrt(c (1 - c) / n)} clipped to [0, 1] (Montgomery, Introduction to
 * Statistical Quality Control, the p chart). Decimal values in the comments were computed with
 * Python's {@code math.sqrt}.
 */
class ControlLimitsTest {

  /**
   * Four therapists, residual SD s = 2 (one planted outside): n = 16 gives s/sqrt(n) = 0.5, 95 %
   * limits +/- 0.98, 99.8 % limits +/- 1.545; n = 4 gives 1, +/- 1.96, +/- 3.09.
   */
  @Test
  void funnelWithOneTherapistOutside() {
    // A: n 16, diff +1.6 > 1.545 -> above; CI 1.6 -/+ 0.98 = 0.62 .. 2.58
    ControlLimits.Funnel a = ControlLimits.funnel(16, 1.6, 2.0);
    Tolerance.estimate(1.6, a.diff(), "diff");
    Tolerance.estimate(0.62, a.ciLow(), "ciLow");
    Tolerance.estimate(2.58, a.ciHigh(), "ciHigh");
    Tolerance.estimate(-0.98, a.limit95Low(), "l95");
    Tolerance.estimate(0.98, a.limit95High(), "h95");
    Tolerance.estimate(-1.545, a.limit998Low(), "l998");
    Tolerance.estimate(1.545, a.limit998High(), "h998");
    assertEquals(ControlLimits.ABOVE, a.flag());
    // B: n 16, diff -1.5, inside -1.545 (outside the 95 % limit only): no flag
    assertNull(ControlLimits.funnel(16, -1.5, 2.0).flag());
    // C: n 16, diff -1.6 < -1.545 -> below
    assertEquals(ControlLimits.BELOW, ControlLimits.funnel(16, -1.6, 2.0).flag());
    // D: n 4, diff 2.5: the same size of difference is inside when n is small (3.09)
    ControlLimits.Funnel d = ControlLimits.funnel(4, 2.5, 2.0);
    Tolerance.estimate(3.09, d.limit998High(), "h998 n=4");
    Tolerance.estimate(1.96, d.limit95High(), "h95 n=4");
    assertNull(d.flag());
    // On the limit exactly (3.09 * 2 / sqrt(4) = 3.09) counts as inside.
    assertNull(ControlLimits.funnel(4, 3.09, 2.0).flag());
  }

  @Test
  void funnelUndefined() {
    assertNull(ControlLimits.funnel(0, 1.0, 2.0));
    assertNull(ControlLimits.funnel(5, null, 2.0));
    assertNull(ControlLimits.funnel(5, 1.0, null));
    // Exact fit: zero-width limits, no flag.
    ControlLimits.Funnel exact = ControlLimits.funnel(5, 0.0, 0.0);
    assertEquals(0.0, exact.limit998High());
    assertNull(exact.flag());
    assertThrows(IllegalArgumentException.class, () -> ControlLimits.funnel(5, 1.0, -1.0));
    assertThrows(IllegalArgumentException.class, () -> ControlLimits.funnel(5, Double.NaN, 1.0));
  }

  /**
   * Trailing months 5/100, 8/120, 0/0 (no data), 7/80: three months with data, centre 20/300 = 1/15
   * = 0.0666...; this month n = 50: 3 sqrt((1/15)(14/15)/50) = 3 sqrt(14/11250) =
   * 0.10583005244258362, high = 0.1724967191092503, low = max(0, -0.039) = 0.
   */
  @Test
  void pChartHandDerived() {
    long[] c = {5, 8, 0, 7};
    long[] n = {100, 120, 0, 80};
    ControlLimits.PChart above = ControlLimits.pChart(9, 50, c, n); // 0.18 > 0.1725
    Tolerance.estimate(1.0 / 15, above.center(), "center");
    Tolerance.estimate(0.0, above.low(), "low clipped to 0");
    Tolerance.estimate(0.1724967191092503, above.high(), "high");
    assertEquals(ControlLimits.ABOVE, above.flag());
    assertNull(ControlLimits.pChart(8, 50, c, n).flag()); // 0.16 inside
    assertNull(ControlLimits.pChart(0, 50, c, n).flag()); // 0 = low: inside
    // Own denominator 0: the centre, null limits and flag.
    assertEquals(
        new ControlLimits.PChart(1.0 / 15, null, null, null), ControlLimits.pChart(0, 0, c, n));
    // Clipped at 1: three months of 19/20, centre 0.95, n = 5: half width
    // 3 sqrt(0.95 * 0.05 / 5) = 0.29240383034426903 -> low 0.6575961696557309, high
    // min(1, 1.2424) = 1; 2/5 = 0.4 < low -> below.
    ControlLimits.PChart high =
        ControlLimits.pChart(2, 5, new long[] {19, 19, 19}, new long[] {20, 20, 20});
    Tolerance.estimate(0.6575961696557309, high.low(), "low");
    assertEquals(1.0, high.high());
    assertEquals(ControlLimits.BELOW, high.flag());
  }

  @Test
  void pChartNeedsThreeMonthsWithData() {
    assertEquals(
        new ControlLimits.PChart(null, null, null, null),
        ControlLimits.pChart(3, 40, new long[] {1, 0, 2, 0}, new long[] {30, 0, 30, 0}));
    assertEquals(
        new ControlLimits.PChart(null, null, null, null),
        ControlLimits.pChart(0, 0, new long[0], new long[0]));
    assertThrows(
        IllegalArgumentException.class, () -> ControlLimits.pChart(5, 4, new long[0], new long[0]));
  }

  /**
   * A series of 14 consecutive months of n = 10: month 0 has 10 events, months 1..13 one each.
   * Months 0-2 have fewer than 3 earlier months: null. Month 3 pools 0..2: 12/30 = 0.4. Month 12
   * pools 0..11: 21/120 = 0.175. Month 13 pools 1..12 (month 0 has left the 12-month window):
   * 12/120 = 0.1, limits 0.1 -/+ 3 sqrt(0.09/10) = 0.1 -/+ 0.2846... -> 0 .. 0.3846049894151541.
   */
  @Test
  void pChartSeriesWindow() {
    long[] counts = new long[14];
    long[] ns = new long[14];
    java.util.Arrays.fill(counts, 1);
    java.util.Arrays.fill(ns, 10);
    counts[0] = 10;
    ControlLimits.PChart[] p = ControlLimits.pCharts(counts, ns);
    assertNull(p[0].center());
    assertNull(p[2].center());
    Tolerance.estimate(0.4, p[3].center(), "month 3");
    Tolerance.estimate(0.175, p[12].center(), "month 12");
    Tolerance.estimate(0.1, p[13].center(), "month 13");
    Tolerance.estimate(0.3846049894151541, p[13].high(), "month 13 high");
    assertNull(p[13].flag());
  }
}
