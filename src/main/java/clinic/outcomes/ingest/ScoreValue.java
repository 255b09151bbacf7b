package clinic.outcomes.ingest;

/**
 * A score parsed exactly from plain decimal notation {@code [+-]?digits(.digits)?} into tenths,
 * without binary floating point.
 *
 * @param magnitudeTenths the absolute value truncated to tenths ({@code "7.55"} is 75); leading
 *     zeros do not count, and a value of more than 15 significant integer digits is held as {@link
 *     #HUGE_TENTHS} (out of any range, never wrapped or cut to a small number)
 * @param negative true when the value is below zero ({@code "-0.0"} is not)
 * @param finerThanTenths true when a digit after the first decimal is not zero ({@code "7.55"};
 *     {@code "7.50"} is exactly 7.5)
 */
record ScoreValue(long magnitudeTenths, boolean negative, boolean finerThanTenths) {
  /** The magnitude of a value with more than 15 significant integer digits. */
  static final long HUGE_TENTHS = 1_000_000_000_000_000L;

  private static final int MAX_DIGITS = 15;

  /** Parses a trimmed value, or returns null when it is not plain decimal notation. */
  static ScoreValue parse(String value) {
    int n = value.length();
    char sign = n > 0 ? value.charAt(0) : ' ';
    int i = sign == '-' || sign == '+' ? 1 : 0;
    int intStart = i;
    while (i < n && value.charAt(i) == '0') {
      i++;
    }
    int significantStart = i;
    long magnitude = 0;
    while (i < n && isDigit(value.charAt(i))) {
      if (i - significantStart < MAX_DIGITS) {
        magnitude = magnitude * 10 + (value.charAt(i) - '0');
      }
      i++;
    }
    if (i == intStart) {
      return null;
    }
    magnitude = i - significantStart > MAX_DIGITS ? HUGE_TENTHS : magnitude * 10;
    boolean finer = false;
    if (i < n) {
      if (value.charAt(i) != '.' || i + 1 == n) {
        return null;
      }
      i++;
      for (int first = i; i < n; i++) {
        char c = value.charAt(i);
        if (!isDigit(c)) {
          return null;
        }
        if (i == first) {
          magnitude += magnitude == HUGE_TENTHS ? 0 : c - '0';
        } else if (c != '0') {
          finer = true;
        }
      }
    }
    boolean negative = sign == '-' && (magnitude > 0 || finer);
    return new ScoreValue(magnitude, negative, finer);
  }

  /** Tells whether the exact value lies within {@code [0, max]}. */
  boolean withinZeroTo(int max) {
    long maxTenths = max * 10L;
    if (negative) {
      return false;
    }
    return magnitudeTenths < maxTenths || (magnitudeTenths == maxTenths && !finerThanTenths);
  }

  /** Returns the value in tenths, with its sign; exact when {@link #finerThanTenths} is false. */
  long signedTenths() {
    return negative ? -magnitudeTenths : magnitudeTenths;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
