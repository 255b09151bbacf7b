package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/**
 * Running mean and standard error of independent values; asserts that the mean agrees with an
 * expected value within 4 standard errors (a false alarm about once in 16,000 checks).
 */
final class MeanCheck {

  private long n;
  private double mean;
  private double m2;

  /** Adds one value (Welford's update). */
  void add(double value) {
    n++;
    double delta = value - mean;
    mean += delta / n;
    m2 += delta * (value - mean);
  }

  long n() {
    return n;
  }

  double mean() {
    return mean;
  }

  double standardError() {
    return Math.sqrt(m2 / (n - 1) / n);
  }

  /** Asserts |mean − expected| ≤ 4 SE, with at least {@code minN} values. */
  void assertMean(double expected, long minN, String label) {
    assertTrue(n >= minN, label + ": only " + n + " values");
    double se = standardError();
    assertTrue(
        Math.abs(mean - expected) <= 4 * se,
        String.format(
            Locale.ROOT,
            "%s: mean %.4f vs expected %.4f (SE %.4f, n %d)",
            label,
            mean,
            expected,
            se,
            n));
  }
}
