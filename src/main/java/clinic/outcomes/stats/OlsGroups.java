package clinic.outcomes.stats;

/**
 * {@link Ols.Accumulator#addGroup}: a group of observations that share every predictor but one,
 * added from its count and sums, in the accumulator's double-double arithmetic.
 */
final class OlsGroups {
  private OlsGroups() {}

  static void add(Ols.Accumulator acc, double[] x, int varying, long n, long[] s, int unit) {
    int k = acc.predictors();
    int m = k + 2;
    if (x == null || x.length != k) {
      throw new IllegalArgumentException("x must have " + k + " values");
    }
    if (varying < 0 || varying >= k) {
      throw new IllegalArgumentException("varying must be an index of x: " + varying);
    }
    if (n < 1 || n > (1L << 53)) {
      throw new IllegalArgumentException("count out of range: " + n);
    }
    if (unit < 1 || s == null || s.length != 5) {
      throw new IllegalArgumentException("five sums and a unit of at least 1 are needed");
    }
    for (long v : s) {
      if (Math.abs(v) > (1L << 53)) {
        throw new IllegalArgumentException("a sum is out of range: " + v);
      }
    }
    int vi = varying + 1;
    int yi = m - 1;
    double[] z = new double[m];
    z[0] = 1.0;
    for (int i = 0; i < k; i++) {
      if (i != varying && !Double.isFinite(x[i])) {
        throw new IllegalArgumentException("x[" + i + "] is not finite: " + x[i]);
      }
      z[i + 1] = i == varying ? 0.0 : x[i];
    }
    // The shared values' own products, n times each: add's, with v and y 0 (add skips zeros).
    double[] shared = x.clone();
    shared[varying] = 0.0;
    acc.add(shared, 0.0, n);
    // Then every shared value's product with v's and y's sums (the intercept's 1 included), and
    // the three sums of v and y.
    double d = unit;
    for (int i = 0; i < yi; i++) {
      if (i != vi && z[i] != 0.0) {
        scaled(acc, acc.index(i, vi), z[i], s[0], d);
        scaled(acc, acc.index(i, yi), z[i], s[2], d);
      }
    }
    scaled(acc, acc.index(vi, vi), 1.0, s[1], d * d);
    scaled(acc, acc.index(vi, yi), 1.0, s[3], d * d);
    scaled(acc, acc.index(yi, yi), 1.0, s[4], d * d);
  }

  /**
   * Adds z · (sum / d) at {@code at}: the quotient as a double-double (its remainder exact by
   * {@link Math#fma}, the sum being an integer of at most 53 bits), times z.
   */
  private static void scaled(Ols.Accumulator acc, int at, double z, long sum, double d) {
    double q = sum;
    double qh = q / d;
    double ql = Math.fma(-qh, d, q) / d;
    double ph = z * qh;
    double pl = Math.fma(z, qh, -ph) + z * ql;
    acc.accumulate(at, ph, pl);
  }
}
