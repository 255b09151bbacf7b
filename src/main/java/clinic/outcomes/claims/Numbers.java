package clinic.outcomes.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting for the explanations: plain digits, a {@code .} decimal point whatever the
 * locale, never {@code -0}. Points and degrees get two decimals, percentages one; interval bounds
 * get more where needed so that a bound shown equal to the threshold is equal to it, and the
 * sentence never seems to disagree with the verdict (a lower bound of 1.996 against a threshold of
 * 2 shows as 1.996, not 2.00).
 */
final class Numbers {
  /** Extra decimals tried, at most, to tell a bound from the threshold. */
  private static final int MAX_EXTRA_DECIMALS = 6;

  private final int shift;
  private final int decimals;

  private Numbers(int shift, int decimals) {
    this.shift = shift;
    this.decimals = decimals;
  }

  /**
   * The format for one claim's numbers.
   *
   * @param percent true for proportions shown as percentages (one decimal), false for points and
   *     degrees (two decimals)
   * @param threshold the claim's threshold, in the statistic's own unit
   * @param bounds the interval bounds; nulls are skipped
   */
  static Numbers forBounds(boolean percent, double threshold, Double... bounds) {
    int shift = percent ? 2 : 0;
    int base = percent ? 1 : 2;
    for (int d = base; d < base + MAX_EXTRA_DECIMALS; d++) {
      if (distinguishes(shift, d, threshold, bounds)) {
        return new Numbers(shift, d);
      }
    }
    return new Numbers(shift, base + MAX_EXTRA_DECIMALS);
  }

  private static boolean distinguishes(int shift, int d, double threshold, Double... bounds) {
    BigDecimal t = round(threshold, shift, d);
    for (Double b : bounds) {
      if (b != null
          && Double.isFinite(b)
          && b != threshold
          && round(b, shift, d).compareTo(t) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A value in this format, e.g. {@code 2.40} or, for a percentage, {@code 3.1}; "n/a" for null.
   */
  String of(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "n/a";
    }
    BigDecimal r = round(value, shift, decimals);
    return (r.signum() == 0 ? r.abs() : r).toPlainString();
  }

  /** The absolute value in this format. */
  String magnitude(double value) {
    return of(Math.abs(value));
  }

  /**
   * A threshold as written, e.g. {@code 2} or {@code 0.5}, or for a percentage 0.05 as {@code 5}.
   */
  static String plain(double value, boolean percent) {
    BigDecimal r = new BigDecimal(Double.toString(value)).movePointRight(percent ? 2 : 0);
    r = r.stripTrailingZeros();
    return r.signum() == 0 ? "0" : r.toPlainString();
  }

  /**
   * A confidence level as a percentage with at most two decimals, more only where needed to stay
   * below 100: 0.95 as {@code 95}, 0.9958333 as {@code 99.58}.
   */
  static String confidencePercent(double confidence) {
    BigDecimal pct = new BigDecimal(Double.toString(confidence)).movePointRight(2);
    for (int d = 2; d < 12; d++) {
      BigDecimal r = pct.setScale(d, RoundingMode.HALF_UP);
      if (r.compareTo(BigDecimal.valueOf(100)) < 0) {
        return r.stripTrailingZeros().toPlainString();
      }
    }
    return pct.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal round(double value, int shift, int decimals) {
    return new BigDecimal(Double.toString(value))
        .movePointRight(shift)
        .setScale(decimals, RoundingMode.HALF_UP);
  }
}
