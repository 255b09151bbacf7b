package clinic.outcomes.stats;

import java.util.Arrays;

/**
 * A sample given as its distinct values with their counts, so that memory depends on the number of
 * distinct values and never on the number of rows.
 *
 * <p>The canonical constructor validates and normalizes its input: it copies the arrays, sorts by
 * value, maps {@code -0.0} to {@code 0.0} and merges equal values by adding their counts. The
 * arrays held by an instance are therefore strictly increasing values with positive counts, and are
 * never exposed (the accessors return copies).
 *
 * <p>An empty histogram (no values) is allowed and stands for a sample of size 0.
 *
 * @param values the distinct values, in the unit of the data (any order on input)
 * @param counts the number of observations of each value, {@code counts[i] > 0}
 */
public record Histogram(double[] values, long[] counts) {

  private static final Histogram EMPTY = new Histogram(new double[0], new long[0]);

  /**
   * Validates, copies, sorts and merges.
   *
   * @param values the values, any order, possibly repeated
   * @param counts their counts
   * @throws IllegalArgumentException when either array is null, the lengths differ, a value is NaN
   *     or infinite, a count is not positive, or the total count overflows a long
   */
  public Histogram {
    if (values == null || counts == null) {
      throw new IllegalArgumentException("values and counts must not be null");
    }
    if (values.length != counts.length) {
      throw new IllegalArgumentException(
          "values and counts differ in length: " + values.length + " vs " + counts.length);
    }
    int len = values.length;
    Integer[] order = new Integer[len];
    for (int i = 0; i < len; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
      }
      if (counts[i] <= 0) {
        throw new IllegalArgumentException("count " + i + " is not positive: " + counts[i]);
      }
      order[i] = i;
    }
    final double[] v0 = values;
    Arrays.sort(order, (a, b) -> Double.compare(v0[a] + 0.0, v0[b] + 0.0));
    double[] v = new double[len];
    long[] c = new long[len];
    int k = -1;
    long total = 0;
    for (int idx = 0; idx < len; idx++) {
      int i = order[idx];
      double x = values[i] + 0.0; // -0.0 + 0.0 == +0.0
      if (total > Long.MAX_VALUE - counts[i]) {
        throw new IllegalArgumentException("total count overflows a long");
      }
      total += counts[i];
      if (k >= 0 && v[k] == x) {
        c[k] += counts[i];
      } else {
        k++;
        v[k] = x;
        c[k] = counts[i];
      }
    }
    values = Arrays.copyOf(v, k + 1);
    counts = Arrays.copyOf(c, k + 1);
  }

  /**
   * Builds a histogram from raw observations (for tests and small inputs).
   *
   * @param raw the observations; may be empty
   * @return the histogram of {@code raw}
   * @throws IllegalArgumentException when an observation is NaN or infinite
   */
  public static Histogram of(double... raw) {
    long[] ones = new long[raw.length];
    Arrays.fill(ones, 1L);
    return new Histogram(raw.clone(), ones);
  }

  /**
   * The histogram of no observations.
   *
   * @return an empty histogram (n = 0)
   */
  public static Histogram empty() {
    return EMPTY;
  }

  /**
   * The distinct values, strictly increasing (a copy).
   *
   * @return the distinct values
   */
  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * The counts, aligned with {@link #values()} (a copy).
   *
   * @return the counts, each positive
   */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Number of distinct values.
   *
   * @return the number of distinct values, 0 for an empty histogram
   */
  public int size() {
    return values.length;
  }

  /**
   * The i-th smallest distinct value.
   *
   * @param i index, {@code 0 <= i < size()}
   * @return the value
   * @throws ArrayIndexOutOfBoundsException when {@code i} is out of range
   */
  public double value(int i) {
    return values[i];
  }

  /**
   * The count of the i-th smallest distinct value.
   *
   * @param i index, {@code 0 <= i < size()}
   * @return the count, positive
   * @throws ArrayIndexOutOfBoundsException when {@code i} is out of range
   */
  public long count(int i) {
    return counts[i];
  }

  /**
   * Number of observations.
   *
   * @return the sum of the counts, 0 for an empty histogram
   */
  public long n() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * Sum of the observations, {@code sum(count * value)}.
   *
   * @return the sum, 0 for an empty histogram
   */
  public double sum() {
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      s += counts[i] * values[i];
    }
    return s;
  }

  /**
   * Sum of squares of the observations, {@code sum(count * value^2)} (not centred; use {@link
   * #variance()} for a variance).
   *
   * @return the sum of squares, 0 for an empty histogram
   */
  public double sumSquares() {
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      s += counts[i] * values[i] * values[i];
    }
    return s;
  }

  /**
   * Arithmetic mean, computed with a corrected two-pass algorithm over the distinct values.
   *
   * @return the mean, or null when n = 0
   */
  public Double mean() {
    long n = n();
    if (n == 0) {
      return null;
    }
    return meanOf(n);
  }

  /**
   * Sample variance with the n - 1 denominator, by two passes over the distinct values (mean first,
   * then {@code sum(count * (value - mean)^2)}), never by the sum-of-squares formula.
   *
   * @return the variance (0 when all observations are equal), or null when n &lt; 2
   */
  public Double variance() {
    long n = n();
    if (n < 2) {
      return null;
    }
    double m = meanOf(n);
    return sumSquaredDeviations(m) / (n - 1);
  }

  /**
   * Sample standard deviation, the square root of {@link #variance()}.
   *
   * @return the standard deviation, or null when n &lt; 2
   */
  public Double sd() {
    Double v = variance();
    return v == null ? null : Math.sqrt(v);
  }

  /**
   * Median: the middle observation for odd n, the average of the two middle observations for even
   * n, found by walking the cumulative counts (exact, no interpolation).
   *
   * @return the median, or null when n = 0
   */
  public Double median() {
    long n = n();
    if (n == 0) {
      return null;
    }
    // 1-based positions of the two middle observations (equal when n is odd).
    long lo = (n + 1) / 2;
    long hi = n / 2 + 1;
    Double a = null;
    long cum = 0;
    for (int i = 0; i < values.length; i++) {
      cum += counts[i];
      if (a == null && cum >= lo) {
        a = values[i];
      }
      if (cum >= hi) {
        return a == values[i] ? a : (a + values[i]) / 2.0;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** Mean for a known n &gt; 0, with the correction pass of the two-pass algorithm. */
  double meanOf(long n) {
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      s += counts[i] * values[i];
    }
    double m = s / n;
    double corr = 0;
    for (int i = 0; i < values.length; i++) {
      corr += counts[i] * (values[i] - m);
    }
    return m + corr / n;
  }

  /** {@code sum(count * (value - m)^2)}. */
  double sumSquaredDeviations(double m) {
    double ss = 0;
    double comp = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - m;
      ss += counts[i] * d * d;
      comp += counts[i] * d;
    }
    // Correction term of the corrected two-pass algorithm (Chan, Golub, LeVeque 1983).
    long n = n();
    return Math.max(0.0, ss - comp * comp / n);
  }

  /**
   * Equality by content.
   *
   * @param o another object
   * @return true when {@code o} is a histogram with the same values and counts
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Arrays.equals(values, h.values)
        && Arrays.equals(counts, h.counts);
  }

  /**
   * Hash code by content.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
  }

  /**
   * Text form listing value:count pairs.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Histogram[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values[i]).append(':').append(counts[i]);
    }
    return sb.append(']').toString();
  }
}
