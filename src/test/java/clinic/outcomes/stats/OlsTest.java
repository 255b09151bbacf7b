package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * References: NIST StRD linear least squares certified values (Norris, Longley; data and certified
 * values as published at https://www.itl.nist.gov/div898/strd/lls/data/LINKS/DATA/, transcribed
 * below), and R 4.2.2 {@code lm}, {@code summary(lm)}, {@code confint(lm)} ({@code options(digits =
 * 17)}) for p-values, intervals and factor designs.
 */
class OlsTest {

  /** NIST Norris: y, x. */
  static final double[][] NORRIS = {
    {0.1, 0.2},
    {338.8, 337.4},
    {118.1, 118.2},
    {888.0, 884.6},
    {9.2, 10.1},
    {228.1, 226.5},
    {668.5, 666.3},
    {998.5, 996.3},
    {449.1, 448.6},
    {778.9, 777.0},
    {559.2, 558.2},
    {0.3, 0.4},
    {0.1, 0.6},
    {778.1, 775.5},
    {668.8, 666.9},
    {339.3, 338.0},
    {448.9, 447.5},
    {10.8, 11.6},
    {557.7, 556.0},
    {228.3, 228.1},
    {998.0, 995.8},
    {888.8, 887.6},
    {119.6, 120.2},
    {0.3, 0.3},
    {0.6, 0.3},
    {557.6, 556.8},
    {339.3, 339.1},
    {888.0, 887.2},
    {998.5, 999.0},
    {778.9, 779.0},
    {10.2, 11.1},
    {117.6, 118.3},
    {228.9, 229.2},
    {668.4, 669.1},
    {449.2, 448.9},
    {0.2, 0.5}
  };

  /** NIST Longley: y, x1..x6. */
  static final double[][] LONGLEY = {
    {60323, 83.0, 234289, 2356, 1590, 107608, 1947},
    {61122, 88.5, 259426, 2325, 1456, 108632, 1948},
    {60171, 88.2, 258054, 3682, 1616, 109773, 1949},
    {61187, 89.5, 284599, 3351, 1650, 110929, 1950},
    {63221, 96.2, 328975, 2099, 3099, 112075, 1951},
    {63639, 98.1, 346999, 1932, 3594, 113270, 1952},
    {64989, 99.0, 365385, 1870, 3547, 115094, 1953},
    {63761, 100.0, 363112, 3578, 3350, 116219, 1954},
    {66019, 101.2, 397469, 2904, 3048, 117388, 1955},
    {67857, 104.6, 419180, 2822, 2857, 118734, 1956},
    {68169, 108.4, 442769, 2936, 2798, 120445, 1957},
    {66513, 110.8, 444546, 4681, 2637, 121950, 1958},
    {68655, 112.6, 482704, 3813, 2552, 123366, 1959},
    {69564, 114.2, 502601, 3931, 2514, 125368, 1960},
    {69331, 115.7, 518173, 4806, 2572, 127852, 1961},
    {70551, 116.9, 554894, 4007, 2827, 130081, 1962}
  };

  /**
   * Tolerance on Longley, tighter than the SPEC's 1e-9: measured worst relative error 2.4e-15 over
   * the 7 estimates, 1.3e-15 over the 7 standard deviations (NIST publishes 15 significant digits).
   */
  static final double LONGLEY_TOLERANCE = 1e-13;

  static Ols.Accumulator accumulate(double[][] rows) {
    Ols.Accumulator acc = new Ols.Accumulator(rows[0].length - 1);
    for (double[] r : rows) {
      double[] x = new double[r.length - 1];
      System.arraycopy(r, 1, x, 0, x.length);
      acc.add(x, r[0]);
    }
    return acc;
  }

  private static void rel(double expected, double actual, double tol, String what) {
    assertEquals(expected, actual, tol * Math.abs(expected), what);
  }

  @Test
  void norrisCertifiedValues() {
    Ols.Fit f = Ols.fit(accumulate(NORRIS), 0.95);
    assertEquals(36, f.n());
    assertEquals(34, f.residualDf());
    // NIST Norris certified: B0 -0.262323073774029 (sd 0.232818234301152),
    // B1 1.00211681802045 (sd 0.429796848199937E-03), residual SD 0.884796396144373,
    // R-squared 0.999993745883712
    rel(-0.262323073774029, f.coefficient(0).estimate(), 1e-9, "B0");
    rel(1.00211681802045, f.coefficient(1).estimate(), 1e-9, "B1");
    rel(0.232818234301152, f.coefficient(0).standardError(), 1e-9, "sd B0");
    rel(0.429796848199937E-03, f.coefficient(1).standardError(), 1e-9, "sd B1");
    rel(0.884796396144373, f.residualSd(), 1e-9, "residual SD");
    rel(0.999993745883712, f.rSquared(), 1e-9, "R2");
  }

  @Test
  void longleyCertifiedValues() {
    Ols.Fit f = Ols.fit(accumulate(LONGLEY), 0.95);
    assertEquals(9, f.residualDf());
    // NIST Longley certified estimates and standard deviations of B0..B6
    double[][] cert = {
      {-3482258.63459582, 890420.383607373},
      {15.0618722713733, 84.9149257747669},
      {-0.358191792925910E-01, 0.334910077722432E-01},
      {-2.02022980381683, 0.488399681651699},
      {-1.03322686717359, 0.214274163161675},
      {-0.511041056535807E-01, 0.226073200069370},
      {1829.15146461355, 455.478499142212}
    };
    for (int j = 0; j < cert.length; j++) {
      rel(cert[j][0], f.coefficient(j).estimate(), LONGLEY_TOLERANCE, "B" + j);
      rel(cert[j][1], f.coefficient(j).standardError(), LONGLEY_TOLERANCE, "sd B" + j);
    }
    // NIST: residual SD 304.854073561965, R-squared 0.995479004577296
    rel(304.854073561965, f.residualSd(), LONGLEY_TOLERANCE, "residual SD");
    rel(0.995479004577296, f.rSquared(), LONGLEY_TOLERANCE, "R2");
    // R: summary(lm(y ~ GNP.deflator + GNP + Unemployed + Armed.Forces + Population + Year,
    //    data = transform(longley, y = Employed * 1000)))$coefficients[, 4]
    //    (t statistics do not depend on R's rescaled units of the predictors)
    double[] p = {
      0.00356040366372610811,
      0.86314083280920506080,
      0.31268106109271015525,
      0.00253509173411125546,
      0.00094436676416176043,
      0.82621179576364223163,
      0.00303680334163017622
    };
    for (int j = 0; j < p.length; j++) {
      Tolerance.p(p[j], f.coefficient(j).p(), "p B" + j);
    }
    // R: confint(same model)["(Intercept)", ] -> -5.4965294832747504e+06 -1.4679877859168870e+06
    Tolerance.estimate(-5.4965294832747504e+06, f.coefficient(0).ciLow(), "ciLow B0");
    Tolerance.estimate(-1.4679877859168870e+06, f.coefficient(0).ciHigh(), "ciHigh B0");
    // R: confint(same model)["Year", ] -> 7.9878751527842746e+02 2.8595154139486767e+03
    Tolerance.estimate(7.9878751527842746e+02, f.coefficient(6).ciLow(), "ciLow B6");
    Tolerance.estimate(2.8595154139486767e+03, f.coefficient(6).ciHigh(), "ciHigh B6");
  }

  /** improvement ~ dt + tp + baseline, the ANCOVA shape of the comparisons table. */
  static final double[] IMP = {
    3, 2.5, 4, 1, 0, 2, 5, 3.5, 1.5, 2, 4.5, 3, 0.5, 2, 6, 1, 2.5, 3, 4, 2
  };

  static final double[] BASE = {
    7, 6, 8, 5, 4, 6.5, 9, 7.5, 5, 6, 8.5, 7, 4.5, 6, 9.5, 5.5, 6, 7, 8, 5
  };
  static final String[] TECH = {
    "sw", "dt", "tp", "sw", "sw", "dt", "tp", "dt", "sw", "tp", "dt", "tp", "sw", "sw", "dt", "sw",
    "tp", "dt", "tp", "sw"
  };

  static Ols.Accumulator ancova(boolean withSum) {
    Ols.Accumulator acc = new Ols.Accumulator(withSum ? 4 : 3);
    for (int i = 0; i < IMP.length; i++) {
      double dt = TECH[i].equals("dt") ? 1 : 0;
      double tp = TECH[i].equals("tp") ? 1 : 0;
      acc.add(
          withSum ? new double[] {dt, tp, dt + tp, BASE[i]} : new double[] {dt, tp, BASE[i]},
          IMP[i]);
    }
    return acc;
  }

  /**
   * R 4.2.2 on the ANCOVA data: {@code f <- lm(imp ~ dt + tp + base); coef(summary(f))}, the
   * estimates and their standard errors (intercept, dt, tp, base).
   */
  private static final double[] ANCOVA_EST = {
    -3.7748091603053448573, 0.0012722646310398419, -0.0019083969465684856, 0.9809160305343521680
  };

  private static final double[] ANCOVA_SE = {
    0.445002575021680002, 0.273359775338016087, 0.264582965789537605, 0.080853893756926976
  };

  @Test
  void ancovaMatchesR() {
    // R: f <- lm(imp ~ dt + tp + base); summary(f); confint(f); confint(f, level=0.99)
    double[] est = ANCOVA_EST;
    double[] se = ANCOVA_SE;
    double[] p = {
      2.5723009605686949e-07, 9.9634405387851188e-01, 9.9433419740090279e-01, 1.7556946446872890e-09
    };
    double[] lo95 = {
      -4.71817247726090816, -0.57822457170195196, -0.56279922820748507, 0.80951343269637044
    };
    double[] hi95 = {
      -2.83144584334978155, 0.58076910096403156, 0.55898243431434802, 1.15231862837233390
    };
    double[] lo99 = {
      -5.07456450336051468, -0.79715194348649132, -0.77469746103137860, 0.74475946354760847
    };
    Ols.Fit f = Ols.fit(ancova(false), 0.95);
    Ols.Fit f99 = Ols.fit(ancova(false), 0.99);
    for (int j = 0; j < 4; j++) {
      Tolerance.estimate(est[j], f.coefficient(j).estimate(), "est " + j);
      Tolerance.estimate(se[j], f.coefficient(j).standardError(), "se " + j);
      Tolerance.p(p[j], f.coefficient(j).p(), "p " + j);
      Tolerance.estimate(lo95[j], f.coefficient(j).ciLow(), "lo95 " + j);
      Tolerance.estimate(hi95[j], f.coefficient(j).ciHigh(), "hi95 " + j);
      Tolerance.estimate(lo99[j], f99.coefficient(j).ciLow(), "lo99 " + j);
    }
    // R: summary(f)$sigma -> 0.37779913749923427 ; $r.squared -> 0.94930710293623433
    Tolerance.estimate(0.37779913749923427, f.residualSd(), "sigma");
    Tolerance.estimate(0.94930710293623433, f.rSquared(), "r2");
  }

  /**
   * The ANCOVA data as one group per technique, the baseline (the one predictor varying within a
   * group) at {@code baselineAt} of (dt, tp, base) reordered: the group's count and integer sums of
   * baseline and improvement in tenths, their squares and product.
   */
  private static Ols.Accumulator grouped(int baselineAt) {
    Ols.Accumulator acc = new Ols.Accumulator(3);
    for (String tech : new String[] {"tp", "sw", "dt"}) {
      long n = 0;
      long[] sums = new long[5];
      for (int i = 0; i < IMP.length; i++) {
        if (TECH[i].equals(tech)) {
          long b = Math.round(BASE[i] * 10);
          long y = Math.round(IMP[i] * 10);
          n++;
          sums[0] += b;
          sums[1] += b * b;
          sums[2] += y;
          sums[3] += b * y;
          sums[4] += y * y;
        }
      }
      double[] x =
          reorder(tech.equals("dt") ? 1 : 0, tech.equals("tp") ? 1 : 0, Double.NaN, baselineAt);
      acc.addGroup(x, baselineAt, n, sums, 10);
    }
    return acc;
  }

  /** The ANCOVA data's rows one by one, the baseline at {@code baselineAt}. */
  private static Ols.Accumulator rows(int baselineAt) {
    Ols.Accumulator acc = new Ols.Accumulator(3);
    for (int i = 0; i < IMP.length; i++) {
      acc.add(
          reorder(TECH[i].equals("dt") ? 1 : 0, TECH[i].equals("tp") ? 1 : 0, BASE[i], baselineAt),
          IMP[i]);
    }
    return acc;
  }

  private static double[] reorder(double dt, double tp, double base, int baselineAt) {
    return baselineAt == 2 ? new double[] {dt, tp, base} : new double[] {dt, base, tp};
  }

  /**
   * Groups with one varying predictor (as the client pass's course cells): the same fit as R's on
   * the rows (the values of {@link #ancovaMatchesR}), and the same X'X as the rows added one by
   * one, with the baseline last or between two indicators (as the risk-adjusted models' covariates
   * follow it).
   */
  @Test
  void groupsWithOneVaryingPredictorMatchR() {
    // R: f <- lm(imp ~ dt + tp + base); coef(summary(f)); summary(f)$sigma
    double[] est = ANCOVA_EST;
    double[] se = ANCOVA_SE;
    Ols.Fit f = Ols.fit(grouped(2), 0.95);
    assertEquals(20, f.n());
    for (int j = 0; j < 4; j++) {
      Tolerance.estimate(est[j], f.coefficient(j).estimate(), "est " + j);
      Tolerance.estimate(se[j], f.coefficient(j).standardError(), "se " + j);
    }
    Tolerance.estimate(0.37779913749923427, f.residualSd(), "sigma");
    // (dt, base, tp): the coefficients in that order
    Ols.Fit middle = Ols.fit(grouped(1), 0.95);
    int[] at = {0, 1, 3, 2};
    for (int j = 0; j < 4; j++) {
      Tolerance.estimate(est[at[j]], middle.coefficient(j).estimate(), "middle est " + j);
    }
    for (int baselineAt : new int[] {1, 2}) {
      double[] a = grouped(baselineAt).toArray();
      double[] b = rows(baselineAt).toArray();
      for (int i = 1; i < (a.length + 1) / 2; i++) {
        rel(b[i], a[i], 1e-15, "X'X entry " + (i - 1) + ", baseline at " + baselineAt);
      }
    }
    long[] zero = new long[5];
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ols.Accumulator(2).addGroup(new double[] {1, 0}, 2, 1, zero, 10));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ols.Accumulator(2).addGroup(new double[] {1, 0}, 1, 0, zero, 10));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ols.Accumulator(2).addGroup(new double[] {1, 0}, 1, 1, zero, 0));
  }

  @Test
  void rankDeficientIsNull() {
    // R: coef(lm(imp ~ dt + tp + both + base)) gives NA for "both" = dt + tp
    assertNull(Ols.fit(ancova(true), 0.95));
    // A category absent from the fitted data: its indicator is constant 0.
    Ols.Accumulator acc = new Ols.Accumulator(2);
    for (int i = 0; i < IMP.length; i++) {
      acc.add(new double[] {0, BASE[i]}, IMP[i]);
    }
    assertNull(Ols.fit(acc, 0.95));
    // A constant column whose value is not exact in binary (0.1): still detected.
    Ols.Accumulator tenth = new Ols.Accumulator(2);
    for (int i = 0; i < IMP.length; i++) {
      tenth.add(new double[] {BASE[i], 0.1}, IMP[i], 3);
    }
    assertNull(Ols.fit(tenth, 0.95));
  }

  /** A factor with 21 levels (20 indicators) plus a baseline, as a risk-adjusted model. */
  static Ols.Accumulator twentyIndicators(boolean addCollinear) {
    Ols.Accumulator acc = new Ols.Accumulator(addCollinear ? 22 : 21);
    for (int i = 0; i <= 209; i++) {
      int lev = i % 21;
      double base = ((i * 7) % 31) / 10.0 + 3;
      double y = 0.5 * base + lev * 0.13 + (((i * 37) % 17) - 8) / 10.0;
      double[] x = new double[acc.predictors()];
      for (int l = 1; l <= 20; l++) {
        x[l - 1] = lev == l ? 1 : 0;
      }
      x[20] = base;
      if (addCollinear) {
        x[21] = lev >= 1 && lev <= 3 ? 1 : 0; // = sum of indicators 1..3
      }
      acc.add(x, y);
    }
    return acc;
  }

  @Test
  void twentyIndicatorsMatchR() {
    // R: i <- 0:209; lev <- i %% 21; base <- ((i * 7) %% 31) / 10 + 3
    //    y <- 0.5 * base + lev * 0.13 + (((i * 37) %% 17) - 8) / 10
    //    X <- sapply(1:20, function(l) as.numeric(lev == l)); f <- lm(y ~ X + base)
    //    coef(summary(f))[, 1], [, 2], [, 4]; confint(f)[, 1]
    double[] est = {
      -0.014001782367983981,
      0.089588834563292669,
      0.180770935193824672,
      0.440359769757117880,
      0.529948604320405470,
      0.621130704950946244,
      0.712312805581496011,
      0.971901640144783752,
      1.061490474708078002,
      1.151079309271363593,
      1.240668143834656512,
      1.500256978397952912,
      1.589845812961235394,
      1.679434647524522095,
      1.770616748155073639,
      1.861798848785608973,
      2.121387683348897379,
      2.210976517912184747,
      2.302158618542727631,
      2.391747453106016330,
      2.651336287669308067,
      0.505139567958883484
    };
    double[] se = {
      0.249105037458839662,
      0.230753730794006184,
      0.230810405723191253,
      0.230748449812231915,
      0.230731549858302604,
      0.230901549246146615,
      0.231443093529732691,
      0.231212714477212172,
      0.231027120567806638,
      0.230886419800744230,
      0.230790694282898057,
      0.230739999989992645,
      0.230734366603251612,
      0.230773797422603066,
      0.230781893989199238,
      0.231162112734159375,
      0.230987732992050609,
      0.230858269357015394,
      0.231351461051143820,
      0.231137862139764200,
      0.230969091887216010,
      0.040308680655112686
    };
    double[] p = {
      9.5523552370568021e-01,
      6.9827448926269065e-01,
      4.3449461028294889e-01,
      5.7863461967772936e-02,
      2.2731181561951620e-02,
      7.7877719407654089e-03,
      2.3979107618605743e-03,
      4.0599908275161363e-05,
      7.9294990972536055e-06,
      1.3987039512815017e-06,
      2.2434796138440693e-07,
      6.9556212378424269e-10,
      8.1475491668026798e-11,
      8.9828477404290471e-12,
      8.8811640976785536e-13,
      8.9556219142824773e-14,
      7.6451599660741873e-17,
      6.0291807894822503e-18,
      5.2255849748949625e-19,
      3.7814478763018667e-20,
      1.8598375316214687e-23,
      1.3898516851579054e-26
    };
    double[] lo = {
      -0.505401996247282770,
      -0.365610441301840838,
      -0.274540141189705600,
      -0.014829088512290367,
      0.074793083959616535,
      0.165639833140029724,
      0.255753649566076879,
      0.515796944291378012,
      0.605751893035689770,
      0.695618282752948791,
      0.785395951474005760,
      1.045084788777633333,
      1.134684736112771652,
      1.224195786969793698,
      1.315361915805484561,
      1.405793973102893002,
      1.665726800077746539,
      1.755571022723887875,
      1.845780222499231238,
      1.935790415666131636,
      2.195712177010209043,
      0.425624137451430962
    };
    Ols.Fit f = Ols.fit(twentyIndicators(false), 0.95);
    assertNotNull(f);
    // R: f$df.residual -> 188 ; summary(f)$sigma -> 0.51593064272749423
    assertEquals(188, f.residualDf());
    Tolerance.estimate(0.51593064272749423, f.residualSd(), "sigma");
    for (int j = 0; j < est.length; j++) {
      Tolerance.estimate(est[j], f.coefficient(j).estimate(), "est " + j);
      Tolerance.estimate(se[j], f.coefficient(j).standardError(), "se " + j);
      Tolerance.p(p[j], f.coefficient(j).p(), "p " + j);
      Tolerance.estimate(lo[j], f.coefficient(j).ciLow(), "ciLow " + j);
    }
    // The same design plus a column equal to the sum of three indicators: rank-deficient.
    assertNull(Ols.fit(twentyIndicators(true), 0.95));
  }

  @Test
  void simpleSlopeAndInterceptOnly() {
    // R: f <- lm(impr ~ sess) (dose-response data of SpearmanTest); coef(summary(f)); confint(f)
    //    -> slope 0.54800724637681164, se 0.071329365046761545, p 9.3359952556245393e-07,
    //       CI 0.39679574742409457 0.69921874532952866
    Ols.Accumulator acc = new Ols.Accumulator(1);
    for (int i = 0; i < SpearmanTest.SESSIONS.length; i++) {
      acc.add(new double[] {SpearmanTest.SESSIONS[i]}, SpearmanTest.IMPROVEMENT[i]);
    }
    Ols.Coefficient slope = Ols.fit(acc, 0.95).coefficient(1);
    Tolerance.estimate(0.54800724637681164, slope.estimate(), "slope");
    Tolerance.estimate(0.071329365046761545, slope.standardError(), "se");
    Tolerance.p(9.3359952556245393e-07, slope.p(), "p");
    Tolerance.estimate(0.39679574742409457, slope.ciLow(), "ciLow");
    Tolerance.estimate(0.69921874532952866, slope.ciHigh(), "ciHigh");
    // R: f0 <- lm(impr ~ 1) -> est 3.4722222222222232, se 0.47909265792006461,
    //    p 1.3634406152391996e-06, CI 2.4614250693169026 4.4830193751275438
    Ols.Accumulator acc0 = new Ols.Accumulator(0);
    for (double v : SpearmanTest.IMPROVEMENT) {
      acc0.add(new double[0], v);
    }
    Ols.Coefficient mean = Ols.fit(acc0, 0.95).coefficient(0);
    Tolerance.estimate(3.4722222222222232, mean.estimate(), "mean");
    Tolerance.estimate(0.47909265792006461, mean.standardError(), "se0");
    Tolerance.p(1.3634406152391996e-06, mean.p(), "p0");
    Tolerance.estimate(2.4614250693169026, mean.ciLow(), "ciLow0");
    Tolerance.estimate(4.4830193751275438, mean.ciHigh(), "ciHigh0");
  }

  @Test
  void mergeAndCountsGiveTheSameFit() {
    Ols.Accumulator whole = accumulate(LONGLEY);
    Ols.Accumulator a = accumulate(java.util.Arrays.copyOfRange(LONGLEY, 0, 7));
    Ols.Accumulator b = accumulate(java.util.Arrays.copyOfRange(LONGLEY, 7, 16));
    Ols.Accumulator merged = a.merge(b);
    Ols.Fit f1 = Ols.fit(whole, 0.95);
    Ols.Fit f2 = Ols.fit(merged, 0.95);
    for (int j = 0; j < 7; j++) {
      rel(f1.coefficient(j).estimate(), f2.coefficient(j).estimate(), 1e-13, "merged " + j);
    }
    Ols.Accumulator rows = new Ols.Accumulator(1);
    Ols.Accumulator counted = new Ols.Accumulator(1);
    for (int i = 0; i < SpearmanTest.SESSIONS.length; i++) {
      for (int r = 0; r < 1000; r++) {
        rows.add(new double[] {SpearmanTest.SESSIONS[i]}, SpearmanTest.IMPROVEMENT[i]);
      }
      counted.add(new double[] {SpearmanTest.SESSIONS[i]}, SpearmanTest.IMPROVEMENT[i], 1000);
    }
    Ols.Fit fr = Ols.fit(rows, 0.95);
    Ols.Fit fc = Ols.fit(counted, 0.95);
    assertEquals(18000, fc.n());
    for (int j = 0; j < 2; j++) {
      rel(fr.coefficient(j).estimate(), fc.coefficient(j).estimate(), 1e-14, "est " + j);
      rel(fr.coefficient(j).standardError(), fc.coefficient(j).standardError(), 1e-14, "se " + j);
    }
  }

  @Test
  void edgeCases() {
    // n <= p: no residual degree of freedom
    Ols.Accumulator two = new Ols.Accumulator(1);
    two.add(new double[] {1}, 1).add(new double[] {2}, 3);
    assertNull(Ols.fit(two, 0.95));
    assertNull(Ols.fit(new Ols.Accumulator(3), 0.95));
    // exact fit: standard errors 0, intervals and p undefined
    Ols.Accumulator exact = new Ols.Accumulator(1);
    exact.add(new double[] {1}, 3).add(new double[] {2}, 5).add(new double[] {4}, 9);
    Ols.Fit f = Ols.fit(exact, 0.95);
    assertEquals(1.0, f.coefficient(0).estimate());
    assertEquals(2.0, f.coefficient(1).estimate());
    assertEquals(0.0, f.coefficient(1).standardError());
    assertNull(f.coefficient(1).p());
    assertNull(f.coefficient(1).ciLow());
    // constant response: R-squared undefined
    Ols.Accumulator flat = new Ols.Accumulator(1);
    flat.add(new double[] {1}, 2).add(new double[] {2}, 2).add(new double[] {3}, 2);
    assertNull(Ols.fit(flat, 0.95).rSquared());
    assertThrows(
        IllegalArgumentException.class, () -> new Ols.Accumulator(1).add(new double[] {1, 2}, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ols.Accumulator(1).add(new double[] {Double.NaN}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Ols.Accumulator(1).merge(new Ols.Accumulator(2)));
  }
}
