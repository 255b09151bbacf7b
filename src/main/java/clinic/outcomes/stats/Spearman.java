package clinic.outcomes.stats;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Spearman rank correlation from a joint histogram (SPEC "Dose-response": improvement vs session
 * count).
 */
public final class Spearman {

  private Spearman() {}

  /**
   * Spearman's rho with its two-sided p-value.
   *
   * @param n number of observations
   * @param rho Pearson correlation of the midranks, in [-1, 1]
   * @param p two-sided p by the t approximation with n - 2 df; 0 when |rho| = 1
   */
  public record Result(long n, double rho, double p) {}

  /**
   * Spearman's rho = the Pearson correlation of the midranks of x and of y (average ranks for ties,
   * as R's {@code cor(rank(x), rank(y))} and {@code scipy.stats.spearmanr}); p from {@code t = rho
   * sqrt((n - 2) / (1 - rho^2))} with n - 2 df, two-sided (as {@code scipy.stats.spearmanr} and R's
   * {@code cor.test(x, y, method = "spearman", exact = FALSE)}).
   *
   * @param data the distinct (x, y) pairs with counts
   * @return the result, or null when n &lt; 3 or x or y is constant (rho undefined)
   * @throws IllegalArgumentException when {@code data} is null
   */
  public static Result of(JointHistogram data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    long n = data.n();
    if (n < 3) {
      return null;
    }
    int k = data.size();
    // Pairs are sorted by x, so x's tie groups are contiguous.
    double[] rx = midranks(k, i -> data.xAt(i), identity(k), data);
    Integer[] byY = identity(k);
    Arrays.sort(byY, (a, b) -> Double.compare(data.yAt(a), data.yAt(b)));
    double[] ry = midranks(k, i -> data.yAt(i), byY, data);
    double mean = (n + 1) / 2.0; // the mean of midranks is exact
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < k; i++) {
      double c = data.countAt(i);
      double dx = rx[i] - mean;
      double dy = ry[i] - mean;
      sxx += c * dx * dx;
      syy += c * dy * dy;
      sxy += c * dx * dy;
    }
    if (sxx == 0 || syy == 0) {
      return null;
    }
    double rho = Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    double p;
    if (Math.abs(rho) == 1.0) {
      p = 0.0;
    } else {
      double t = rho * Math.sqrt((n - 2) / ((1 - rho) * (1 + rho)));
      p = Support.tTwoSidedP(t, n - 2.0);
    }
    return new Result(n, rho, p);
  }

  private static Integer[] identity(int k) {
    Integer[] idx = new Integer[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    return idx;
  }

  /** Midrank of each pair's coordinate, walking the pairs in {@code order} (sorted by key). */
  private static double[] midranks(
      int k, IntToDoubleFunction key, Integer[] order, JointHistogram data) {
    double[] r = new double[k];
    double cum = 0;
    int start = 0;
    while (start < k) {
      double v = key.applyAsDouble(order[start]);
      int end = start;
      double t = 0;
      while (end < k && key.applyAsDouble(order[end]) == v) {
        t += data.countAt(order[end]);
        end++;
      }
      double midrank = cum + (t + 1) / 2;
      for (int i = start; i < end; i++) {
        r[order[i]] = midrank;
      }
      cum += t;
      start = end;
    }
    return r;
  }
}
