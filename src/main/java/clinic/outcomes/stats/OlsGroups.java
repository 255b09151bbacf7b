package clinic.outcomes.stats;

/**
 * {@link Ols.Accumulator#addGroup}: a group of observations that share every predictor but one,
 * added from its count and sums, in the accumulator's double-double arithmetic.
 */
final class OlsGroups {
  private OlsGroups() {}

  static void add(
      Ols.Accumulator acc,
      double[] x,
      int varying,
      long n,
      double sumV,
      double sumVV,
      double sumY,
      double sumVY,
      double sumYY) {
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
    for (double v : new double[] {sumV, sumVV, sumY, sumVY, sumYY}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a sum is not finite: " + v);
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
    double c = n;
    // The shared values' own products, the non-zero ones only (as add); then every shared
    // value's product with v's and y's sums; then the three sums of v and y.
    int[] nz = new int[m];
    int nonZero = 0;
    for (int i = 0; i < yi; i++) {
      if (i != vi && z[i] != 0.0) {
        nz[nonZero++] = i;
      }
    }
    for (int a = 0; a < nonZero; a++) {
      int i = nz[a];
      int row = i * m - i * (i - 1) / 2 - i;
      for (int b = a; b < nonZero; b++) {
        int j = nz[b];
        double ph = z[i] * z[j];
        double pl = Math.fma(z[i], z[j], -ph);
        double qh = ph * c;
        pl = Math.fma(ph, c, -qh) + pl * c;
        acc.accumulate(row + j, qh, pl);
      }
      double vh = z[i] * sumV;
      acc.accumulate(acc.index(i, vi), vh, Math.fma(z[i], sumV, -vh));
      double yh = z[i] * sumY;
      acc.accumulate(row + yi, yh, Math.fma(z[i], sumY, -yh));
    }
    acc.accumulate(acc.index(vi, vi), sumVV, 0.0);
    acc.accumulate(acc.index(vi, yi), sumVY, 0.0);
    acc.accumulate(acc.index(yi, yi), sumYY, 0.0);
  }
}
