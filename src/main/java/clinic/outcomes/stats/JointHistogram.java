package clinic.outcomes.stats;

import java.util.Arrays;

/**
 * A bivariate sample given as its distinct (x, y) pairs with counts, so that memory depends on the
 * number of distinct pairs and never on the number of rows.
 *
 * <p>The canonical constructor validates and normalizes: it copies the arrays, maps {@code -0.0} to
 * {@code 0.0}, sorts by x then y and merges equal pairs by adding their counts. Accessors return
 * copies.
 *
 * @param x the first coordinate of each distinct pair (e.g. session count)
 * @param y the second coordinate of each distinct pair (e.g. improvement)
 * @param counts the number of observations of each pair, each positive
 */
public record JointHistogram(double[] x, double[] y, long[] counts) {

  /**
   * Validates, copies, sorts and merges.
   *
   * @param x the first coordinates, any order, pairs possibly repeated
   * @param y the second coordinates
   * @param counts the pairs' counts
   * @throws IllegalArgumentException when an array is null, the lengths differ, a coordinate is NaN
   *     or infinite, a count is not positive, or the total count overflows a long
   */
  public JointHistogram {
    if (x == null || y == null || counts == null) {
      throw new IllegalArgumentException("x, y and counts must not be null");
    }
    if (x.length != y.length || x.length != counts.length) {
      throw new IllegalArgumentException("x, y and counts differ in length");
    }
    int len = x.length;
    Integer[] order = new Integer[len];
    for (int i = 0; i < len; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("pair " + i + " is not finite");
      }
      if (counts[i] <= 0) {
        throw new IllegalArgumentException("count " + i + " is not positive: " + counts[i]);
      }
      order[i] = i;
    }
    final double[] x0 = x;
    final double[] y0 = y;
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(x0[a] + 0.0, x0[b] + 0.0);
          return c != 0 ? c : Double.compare(y0[a] + 0.0, y0[b] + 0.0);
        });
    double[] vx = new double[len];
    double[] vy = new double[len];
    long[] c = new long[len];
    int k = -1;
    long total = 0;
    for (int idx = 0; idx < len; idx++) {
      int i = order[idx];
      double a = x[i] + 0.0;
      double b = y[i] + 0.0;
      if (total > Long.MAX_VALUE - counts[i]) {
        throw new IllegalArgumentException("total count overflows a long");
      }
      total += counts[i];
      if (k >= 0 && vx[k] == a && vy[k] == b) {
        c[k] += counts[i];
      } else {
        k++;
        vx[k] = a;
        vy[k] = b;
        c[k] = counts[i];
      }
    }
    x = Arrays.copyOf(vx, k + 1);
    y = Arrays.copyOf(vy, k + 1);
    counts = Arrays.copyOf(c, k + 1);
  }

  /**
   * Builds a joint histogram from raw paired observations (for tests and small inputs).
   *
   * @param x first coordinates
   * @param y second coordinates, same length as {@code x}
   * @return the joint histogram
   * @throws IllegalArgumentException when the lengths differ or a value is not finite
   */
  public static JointHistogram of(double[] x, double[] y) {
    long[] ones = new long[x.length];
    Arrays.fill(ones, 1L);
    return new JointHistogram(x.clone(), y.clone(), ones);
  }

  /**
   * First coordinates of the distinct pairs, sorted by (x, y) (a copy).
   *
   * @return the x values
   */
  @Override
  public double[] x() {
    return x.clone();
  }

  /**
   * Second coordinates of the distinct pairs, aligned with {@link #x()} (a copy).
   *
   * @return the y values
   */
  @Override
  public double[] y() {
    return y.clone();
  }

  /**
   * Counts of the distinct pairs, aligned with {@link #x()} (a copy).
   *
   * @return the counts
   */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Number of distinct pairs.
   *
   * @return the number of distinct pairs
   */
  public int size() {
    return x.length;
  }

  /**
   * Number of observations.
   *
   * @return the sum of the counts
   */
  public long n() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /** Package-private unsafe views for the statistics of this package. */
  double xAt(int i) {
    return x[i];
  }

  double yAt(int i) {
    return y[i];
  }

  long countAt(int i) {
    return counts[i];
  }

  /**
   * Equality by content.
   *
   * @param o another object
   * @return true when {@code o} has the same pairs and counts
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof JointHistogram h
        && Arrays.equals(x, h.x)
        && Arrays.equals(y, h.y)
        && Arrays.equals(counts, h.counts);
  }

  /**
   * Hash code by content.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(x) * 961 + Arrays.hashCode(y) * 31 + Arrays.hashCode(counts);
  }

  /**
   * Text form listing (x, y):count triples.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("JointHistogram[");
    for (int i = 0; i < x.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('(').append(x[i]).append(", ").append(y[i]).append("):").append(counts[i]);
    }
    return sb.append(']').toString();
  }
}
