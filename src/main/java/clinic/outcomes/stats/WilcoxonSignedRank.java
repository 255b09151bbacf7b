package clinic.outcomes.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Wilcoxon signed-rank test of "the differences are symmetric about 0", two-sided, from a histogram
 * of paired differences.
 *
 * <p>Method (SPEC "Statistics"):
 *
 * <ul>
 *   <li>zero differences are discarded (Wilcoxon's method, as R's {@code wilcox.test}); this is why
 *       neither Commons Math 3's test (which ranks zeros into W-) nor Commons Statistics' test on
 *       the raw data (Pratt's method) is used directly;
 *   <li>the absolute differences get average ranks within ties;
 *   <li>the statistic is W+ (R's {@code V}), the sum of the ranks of the positive differences;
 *   <li>the exact null distribution is used when at most {@value #EXACT_MAX_N} non-zero differences
 *       remain and no two absolute differences are tied; otherwise the normal approximation with
 *       variance {@code n(n+1)(2n+1)/24 - sum(t^3 - t)/48} (t = size of each tie group of |d|) and
 *       a continuity correction of 0.5 toward the mean.
 * </ul>
 *
 * <p>Agreement with R 4.2: the normal branch equals {@code wilcox.test(d, mu = 0, exact = FALSE,
 * correct = TRUE)}; the exact branch equals {@code wilcox.test(d[d != 0], mu = 0, exact = TRUE)}.
 * Two deliberate differences from R's defaults: R's default uses the exact distribution only when n
 * &lt; 50 (the SPEC says at most 50), and R switches to the normal approximation whenever a zero
 * was present, whereas the SPEC applies the exact rule to what is left after discarding zeros.
 *
 * <p>Memory is proportional to the number of distinct |d|, except in the exact branch, which by
 * construction involves at most 50 observations.
 */
public final class WilcoxonSignedRank {

  /** Largest number of non-zero differences for which the exact distribution is used. */
  public static final int EXACT_MAX_N = 50;

  /** Method label of the exact null distribution. */
  public static final String EXACT = "exact";

  /** Method label of the normal approximation (tie and continuity corrected). */
  public static final String NORMAL = "normal";

  private WilcoxonSignedRank() {}

  /**
   * Result of the test. When nothing is left after discarding zeros, {@code statistic}, {@code p}
   * and {@code method} are null.
   *
   * @param n number of non-zero differences used
   * @param zeros number of zero differences discarded
   * @param statistic W+, the sum of the (average) ranks of |d| over the positive d, or null
   * @param p two-sided p-value in [0, 1], or null
   * @param method {@link #EXACT} or {@link #NORMAL}, or null
   */
  public record Result(long n, long zeros, Double statistic, Double p, String method) {}

  /**
   * Runs the test.
   *
   * @param differences the paired differences (later - earlier, or any sign convention: the
   *     two-sided p does not depend on it, W+ does)
   * @return the result; never null. Fields are null when no non-zero difference is left (n = 0, or
   *     all differences zero)
   * @throws IllegalArgumentException when {@code differences} is null
   */
  public static Result test(Histogram differences) {
    if (differences == null) {
      throw new IllegalArgumentException("differences must not be null");
    }
    // Group the non-zero differences by |d|: positive and negative counts per |d|.
    int k = differences.size();
    double[] abs = new double[k];
    long[] pos = new long[k];
    long[] neg = new long[k];
    int m = 0;
    long zeros = 0;
    // values are increasing: negatives from most negative, then zero, then positives.
    int firstPos = k;
    for (int i = 0; i < k; i++) {
      if (differences.value(i) > 0) {
        firstPos = i;
        break;
      }
    }
    int i = firstPos - 1; // walks negatives from closest to zero outwards
    int j = firstPos; // walks positives upwards
    if (i >= 0 && differences.value(i) == 0.0) {
      zeros = differences.count(i);
      i--;
    }
    while (i >= 0 || j < k) {
      double an = i >= 0 ? -differences.value(i) : Double.POSITIVE_INFINITY;
      double ap = j < k ? differences.value(j) : Double.POSITIVE_INFINITY;
      if (an < ap) {
        abs[m] = an;
        neg[m] = differences.count(i--);
      } else if (ap < an) {
        abs[m] = ap;
        pos[m] = differences.count(j++);
      } else {
        abs[m] = an;
        neg[m] = differences.count(i--);
        pos[m] = differences.count(j++);
      }
      m++;
    }
    long n = 0;
    boolean ties = false;
    for (int g = 0; g < m; g++) {
      long t = pos[g] + neg[g];
      n += t;
      ties |= t > 1;
    }
    if (n == 0) {
      return new Result(0, zeros, null, null, null);
    }
    if (n <= EXACT_MAX_N && !ties) {
      return exact(abs, pos, m, zeros);
    }
    // Normal approximation with tie and continuity corrections.
    double wPlus = 0;
    double tieSum = 0;
    double cum = 0;
    for (int g = 0; g < m; g++) {
      double t = pos[g] + neg[g];
      double midrank = cum + (t + 1) / 2;
      wPlus += pos[g] * midrank;
      tieSum += t * t * t - t;
      cum += t;
    }
    double nd = n;
    double z = wPlus - nd * (nd + 1) / 4;
    double sigma = Math.sqrt(nd * (nd + 1) * (2 * nd + 1) / 24 - tieSum / 48);
    double correction = Math.signum(z) * 0.5;
    double p = Support.zTwoSidedP((z - correction) / sigma);
    return new Result(n, zeros, wPlus, p, NORMAL);
  }

  /** Exact branch: at most 50 untied non-zero values; delegated to Commons Statistics. */
  private static Result exact(double[] abs, long[] pos, int m, long zeros) {
    double[] z = new double[m];
    double wPlus = 0;
    for (int g = 0; g < m; g++) {
      z[g] = pos[g] == 1 ? abs[g] : -abs[g];
      wPlus += pos[g] * (g + 1.0); // untied: the rank of abs[g] is g + 1
    }
    WilcoxonSignedRankTest.Result r =
        WilcoxonSignedRankTest.withDefaults().with(PValueMethod.EXACT).test(z);
    // Commons Statistics silently falls back to the normal approximation with ties or
    // zeros; neither can occur here, but guard against a change of behaviour (its statistic
    // is W+, checked against ours).
    if (r.hasTiedValues() || r.hasZeroValues() || r.getStatistic() != wPlus) {
      throw new IllegalStateException("exact Wilcoxon test not computed for " + Arrays.toString(z));
    }
    return new Result(m, zeros, wPlus, Math.min(1.0, r.getPValue()), EXACT);
  }
}
