package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KaplanMeier} against R's {@code survival::survfit(Surv(t, e) ~ 1)} (defaults: {@code
 * conf.type = "log"}, {@code conf.int = 0.95}) and {@code print.survfit}. R is not installed here:
 * the expected values are derived by hand from the rules of the survival package's source
 * (therneau/survival: {@code survfit_confint} in R/survfit.R for the log interval, {@code minmin}
 * inside {@code survmean} in R/print.survfit.R for the median), with the arithmetic shown (exact
 * fractions), and cross-checked numerically in Python: survival by scipy 1.17.1 {@code
 * scipy.stats.ecdf(scipy.stats.CensoredData(uncensored=..., right=...)).sf} (equal to the fractions
 * below), the bounds by {@code math.exp(math.log(S) -/+ z * math.sqrt(G))} with {@code z =
 * scipy.stats.norm.ppf(0.975)} and G the Greenwood sum as a {@code fractions.Fraction}.
 */
class KaplanMeierTest {

  private static void row(
      KaplanMeier.Row r,
      long time,
      long atRisk,
      long events,
      long censored,
      double s,
      Double low,
      Double high) {
    assertEquals(time, r.time(), "time");
    assertEquals(atRisk, r.atRisk(), "at risk at " + time);
    assertEquals(events, r.events(), "events at " + time);
    assertEquals(censored, r.censored(), "censored at " + time);
    Tolerance.estimate(s, r.survival(), "S(" + time + ")");
    if (low == null) {
      assertNull(r.ciLow(), "ciLow at " + time);
      assertNull(r.ciHigh(), "ciHigh at " + time);
      assertNull(r.stdErr(), "stdErr at " + time);
    } else {
      Tolerance.estimate(low, r.ciLow(), "ciLow(" + time + ")");
      Tolerance.estimate(high, r.ciHigh(), "ciHigh(" + time + ")");
    }
  }

  /**
   * Ties and censoring at event times. R:
   *
   * <pre>
   * t &lt;- c(1, 1, 2, 2, 2, 3, 4, 4, 5, 6); e &lt;- c(1, 0, 1, 1, 0, 1, 0, 1, 1, 0)
   * fit &lt;- survfit(Surv(t, e) ~ 1); summary(fit, censored = TRUE); print(fit)
   * </pre>
   *
   * By hand (n at risk, d events; S = prod (1 - d/n); G = sum d / (n (n - d)); bounds exp(log S -/+
   * 1.959963984540054 sqrt(G)), upper capped at 1):
   *
   * <pre>
   * t=1: n=10 d=1 c=1  S = 9/10 = 0.9        G = 1/90
   *      lo = exp(log 0.9 - z sqrt(1/90)) = 0.7320116427439927, hi = min(1, 1.1065..) = 1
   * t=2: n=8  d=2 c=1  S = 0.9 * 6/8 = 27/40  G = 1/90 + 2/48 = 19/360
   *      lo = 0.4302825297905226, hi = 1
   * t=3: n=5  d=1      S = 27/40 * 4/5 = 27/50 G = 19/360 + 1/20 = 37/360
   *      lo = 0.28807613602515214, hi = 1
   * t=4: n=4  d=1 c=1  S = 27/50 * 3/4 = 81/200 G = 37/360 + 1/12 = 67/360
   *      lo = 0.17387678267737494, hi = 0.9433404361083979
   * t=5: n=2  d=1      S = 81/400            G = 67/360 + 1/2 = 247/360
   *      lo = 0.03993551240290716, hi = 1
   * t=6: n=1  c=1      S, G unchanged
   * </pre>
   *
   * Median (minmin): first S &lt; 0.5 is 81/200 at t=4 (S(3) = 0.54 is above) -> 4. Lower curve
   * first below 0.5 at t=2 (0.430) -> 0.95LCL 2. Upper curve never below 0.5 -> UCL NA.
   */
  @Test
  void tiesAndCensoring() {
    long[] t = {1, 1, 2, 2, 2, 3, 4, 4, 5, 6};
    boolean[] e = {true, false, true, true, false, true, false, true, true, false};
    KaplanMeier.Curve c = KaplanMeier.fit(t, e, 0.95);
    assertEquals(10, c.n());
    assertEquals(6, c.events());
    List<KaplanMeier.Row> r = c.rows();
    assertEquals(6, r.size());
    row(r.get(0), 1, 10, 1, 1, 0.9, 0.7320116427439927, 1.0);
    row(r.get(1), 2, 8, 2, 1, 27.0 / 40, 0.4302825297905226, 1.0);
    row(r.get(2), 3, 5, 1, 0, 27.0 / 50, 0.28807613602515214, 1.0);
    row(r.get(3), 4, 4, 1, 1, 81.0 / 200, 0.17387678267737494, 0.9433404361083979);
    row(r.get(4), 5, 2, 1, 0, 81.0 / 400, 0.03993551240290716, 1.0);
    row(r.get(5), 6, 1, 0, 1, 81.0 / 400, 0.03993551240290716, 1.0);
    // std.err of log S at t=4: sqrt(67/360)
    Tolerance.estimate(Math.sqrt(67.0 / 360), r.get(3).stdErr(), "se(4)");
    Tolerance.estimate(4, c.median(), "median");
    Tolerance.estimate(2, c.medianCiLow(), "median LCL");
    assertNull(c.medianCiHigh(), "median UCL (R: NA)");
  }

  /**
   * S equals exactly 0.5 over an interval. R: {@code survfit(Surv(1:6) ~ 1)} prints median 3.5: S =
   * 5/6, 4/6, 3/6, 2/6, 1/6, 0; S(3) = 0.5 (to rounding; minmin compares within sqrt(eps)), the
   * next lower value is at t=4: (3 + 4) / 2 = 3.5. Greenwood G(2) = 1/30 + 1/20 = 1/12, lower(2) =
   * exp(log(2/3) - z sqrt(1/12)) = 0.3786064608870951 &lt; 0.5 and lower(1) = 0.5826547954771396 ->
   * LCL 2. Upper: G(5) = 5/6, upper(5) = exp(log(1/6) + z sqrt(5/6)) = 0.9974379621247047; S(6) = 0
   * gives NA bounds -> UCL NA.
   */
  @Test
  void survivalExactlyHalfOverAnInterval() {
    long[] t = {1, 2, 3, 4, 5, 6};
    boolean[] e = {true, true, true, true, true, true};
    KaplanMeier.Curve c = KaplanMeier.fit(t, e, 0.95);
    row(c.rows().get(2), 3, 4, 1, 0, 0.5, 0.22463034776926674, 1.0);
    row(c.rows().get(4), 5, 2, 1, 0, 1.0 / 6, 0.027849128299274488, 0.9974379621247047);
    row(c.rows().get(5), 6, 1, 1, 0, 0.0, null, null);
    Tolerance.estimate(3.5, c.median(), "median");
    Tolerance.estimate(2, c.medianCiLow(), "LCL");
    assertNull(c.medianCiHigh(), "UCL");
  }

  /**
   * Half with a censoring inside the flat stretch, then a drop to 0. R: {@code survfit(Surv(c(1, 2,
   * 3, 5), c(1, 1, 0, 1)) ~ 1)}: S(1) = 3/4, S(2) = 3/4 * 2/3 = 1/2, t=3 censored (row with S =
   * 1/2), S(5) = 0. minmin: first kept row t=2 with y = 0.5; the censored row at 3 has y equal to
   * it, not below; the first lower value is at t=5: median (2 + 5) / 2 = 3.5. Lower bound at t=1:
   * exp(log(3/4) - z sqrt(1/12)) = 0.425932268497982 &lt; 0.5 -> LCL 1; upper bound 1, 1, 1, NA ->
   * UCL NA.
   */
  @Test
  void halfThenCensoredThenZero() {
    KaplanMeier.Curve c =
        KaplanMeier.fit(new long[] {1, 2, 3, 5}, new boolean[] {true, true, false, true}, 0.95);
    row(c.rows().get(0), 1, 4, 1, 0, 0.75, 0.425932268497982, 1.0);
    row(c.rows().get(1), 2, 3, 1, 0, 0.5, 0.18765892870658823, 1.0);
    row(c.rows().get(2), 3, 2, 0, 1, 0.5, 0.18765892870658823, 1.0);
    row(c.rows().get(3), 5, 1, 1, 0, 0.0, null, null);
    Tolerance.estimate(3.5, c.median(), "median");
    Tolerance.estimate(1, c.medianCiLow(), "LCL");
    assertNull(c.medianCiHigh(), "UCL");
  }

  /**
   * The curve stays at exactly 0.5 to its end: print.survfit's minmin reports the first time (2),
   * not a midpoint (quantile.survfit would report (2 + 4) / 2 = 3; the SPEC follows print.survfit).
   * R: {@code survfit(Surv(c(1, 2, 3, 4), c(1, 1, 0, 0)) ~ 1)}.
   */
  @Test
  void halfToTheEnd() {
    KaplanMeier.Curve c =
        KaplanMeier.fit(new long[] {1, 2, 3, 4}, new boolean[] {true, true, false, false}, 0.95);
    Tolerance.estimate(2, c.median(), "median");
  }

  /**
   * From counts by time (the Spark path), with a defined upper bound. R:
   *
   * <pre>
   * t &lt;- rep(1:6, c(15, 12, 12, 9, 6, 6))
   * e &lt;- c(rep(1, 12), rep(0, 3), rep(1, 12), rep(1, 9), rep(0, 3), rep(1, 6), rep(0, 3),
   *        rep(1, 3), rep(0, 3), rep(0, 6))
   * survfit(Surv(t, e) ~ 1)
   * </pre>
   *
   * By hand: t=1 n=60 d=12: S = 4/5, G = 12/(60*48) = 1/240; t=2 n=45 d=12: S = 4/5 * 33/45 =
   * 44/75, G = 1/240 + 12/(45*33) = 97/7920; t=3 n=33 d=9: S = 32/75, G = 17/720; t=4 n=21 d=6: S =
   * 32/105, G = 43/1008, upper = exp(log(32/105) + z sqrt(43/1008)) = 0.4568438265901236; t=5 n=12
   * d=3: S = 8/35, G = 71/1008; t=6 n=6 censored 6. Median: S(2) = 0.587, S(3) = 0.427 -> 3;
   * lower(2) = 0.4722700200257676 -> LCL 2; upper(3) = 0.5766118403395901, upper(4) = 0.457 -> UCL
   * 4.
   */
  @Test
  void fromCountsWithUpperBound() {
    KaplanMeier.Curve c =
        KaplanMeier.fromCounts(
            new long[] {6, 5, 4, 3, 2, 1, 1},
            new long[] {0, 3, 6, 9, 12, 5, 7},
            new long[] {6, 3, 3, 3, 0, 1, 2},
            0.95);
    assertEquals(60, c.n());
    assertEquals(42, c.events());
    List<KaplanMeier.Row> r = c.rows();
    row(r.get(0), 1, 60, 12, 3, 0.8, 0.7049286531460199, 0.9078932983412571);
    row(r.get(1), 2, 45, 12, 0, 44.0 / 75, 0.4722700200257676, 0.7287732932084043);
    row(r.get(2), 3, 33, 9, 3, 32.0 / 75, 0.31571402407767263, 0.5766118403395901);
    row(r.get(3), 4, 21, 6, 3, 32.0 / 105, 0.2033075926347918, 0.4568438265901236);
    row(r.get(4), 5, 12, 3, 3, 8.0 / 35, 0.13586703523630628, 0.3845296091750063);
    row(r.get(5), 6, 6, 0, 6, 8.0 / 35, 0.13586703523630628, 0.3845296091750063);
    Tolerance.estimate(3, c.median(), "median");
    Tolerance.estimate(2, c.medianCiLow(), "LCL");
    Tolerance.estimate(4, c.medianCiHigh(), "UCL");
  }

  @Test
  void emptyAndNeverHalf() {
    KaplanMeier.Curve empty = KaplanMeier.fit(new long[0], new boolean[0], 0.95);
    assertEquals(0, empty.n());
    assertEquals(0, empty.rows().size());
    assertNull(empty.median());
    assertNull(empty.medianCiLow());
    assertNull(empty.medianCiHigh());
    // All censored: S = 1 throughout, G = 0, bounds 1 and 1; median NA.
    KaplanMeier.Curve censored =
        KaplanMeier.fit(new long[] {2, 3}, new boolean[] {false, false}, 0.95);
    row(censored.rows().get(0), 2, 2, 0, 1, 1.0, 1.0, 1.0);
    assertNull(censored.median());
    assertThrows(
        IllegalArgumentException.class,
        () -> KaplanMeier.fit(new long[] {-1}, new boolean[] {true}, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> KaplanMeier.fromCounts(new long[] {1}, new long[] {1}, new long[0], 0.95));
  }

  @Test
  void medianRuleTolerance() {
    // A value 0.5 + 1e-16 (R: survfit(Surv(1:100) ~ 1) at t=50) counts as exactly 0.5.
    assertEquals(
        50.5,
        KaplanMeier.medianOf(new long[] {49, 50, 51}, new Double[] {0.51, 0.5 + 1.1e-16, 0.49}));
    // Nulls (R: NA) are skipped.
    assertEquals(7.0, KaplanMeier.medianOf(new long[] {5, 6, 7}, new Double[] {0.6, null, 0.4}));
    assertNull(KaplanMeier.medianOf(new long[] {5, 6}, new Double[] {0.6, null}));
  }
}
