package clinic.outcomes.ingest;

/**
 * A score parsed exactly from plain decimal notation {@code -?digits(.digits)?} into tenths,
 * without binary floating point.
 *
 * @param magnitudeTenths the absolute value truncated to tenths ({@code "7.55"} is 75), counting at
 *     most 15 integer digits (enough to be out of any range)
 * @param negative true when the value is below zero ({@code "-0.0"} is not)
 * @param finerThanTenths true when a digit after the first decimal is not zero ({@code "7.55"};
 *     {@code "7.50"} is exactly 7.5)
 */
record ScoreValue(long magnitudeTenths, boolean negative, boolean finerThanTenths) {
  private static final int MAX_DIGITS = 15;

  /** Parses a trimmed value, or returns null when it is not plain decimal notation. */
  static ScoreValue parse(String value) {
    int n = value.length();
    int i = n > 0 && value.charAt(0) == '-' ? 1 : 0;
    int intStart = i;
    long magnitude = 0;
    while (i < n && isDigit(value.charAt(i))) {
      magnitude = i - intStart < MAX_DIGITS ? magnitude * 10 + (value.charAt(i) - '0') : magnitude;
      i++;
    }
    if (i == intStart) {
      return null;
    }
    magnitude *= 10;
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
          magnitude += c - '0';
        } else if (c != '0') {
          finer = true;
        }
      }
    }
    boolean negative = intStart == 1 && (magnitude > 0 || finer);
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
