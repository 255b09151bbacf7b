package clinic.outcomes.ingest;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.TreeSet;

/**
 * Allocation-light parsers for single values. Each takes a trimmed value and returns the normalized
 * value, or null (or a negative number) when the value is not valid. No regular expressions: these
 * run for every field of every row.
 */
final class Values {
  /** Returned by {@link #plainInteger} for a value that is not plain digits. */
  static final long NOT_AN_INTEGER = -1;

  private static final int MAX_INTEGER_DIGITS = 18;
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_TECHNIQUE_LENGTH = 40;
  private static final int MAX_NAME_IN_MESSAGE = 80;

  private Values() {}

  /**
   * Removes leading and trailing whitespace: control characters, Unicode spaces (also no-break
   * spaces) and byte order marks.
   */
  static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isBlank(value.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c <= ' '
        || (c >= '\u007f'
            && (Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.isISOControl(c)
                || c == '\uFEFF'));
  }

  /** Tells whether a value is an id: 1-64 characters of {@code [A-Za-z0-9_.-]}. */
  static boolean isId(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Parses a real date written exactly {@code YYYY-MM-DD}, or returns null. */
  static LocalDate date(String value) {
    if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
      return null;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 7);
    int day = digits(value, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) {
      return null;
    }
    if (day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  /**
   * Parses plain digits (no sign, no decimal point, no exponent, no inner spaces). Returns {@link
   * #NOT_AN_INTEGER} otherwise, and {@link Long#MAX_VALUE} for more than 18 significant digits
   * (leading zeros do not count: {@code 0000000000000000045} is 45).
   */
  static long plainInteger(String value) {
    int n = value.length();
    if (n == 0) {
      return NOT_AN_INTEGER;
    }
    long result = 0;
    int significant = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_AN_INTEGER;
      }
      if (significant > 0 || c != '0') {
        significant++;
      }
      result = significant <= MAX_INTEGER_DIGITS ? result * 10 + (c - '0') : Long.MAX_VALUE;
    }
    return result;
  }

  /**
   * Returns the allowed value equal to {@code value} ignoring ASCII case, or null. The allowed
   * values are lower case.
   */
  static String oneOf(String value, String[] allowed) {
    for (String candidate : allowed) {
      if (equalsIgnoringAsciiCase(candidate, value)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Normalizes a {@code |}-separated subset of the allowed values: items trimmed and matched
   * ignoring ASCII case, de-duplicated, sorted, joined by {@code |}. Returns null if an item is
   * empty or not allowed, or if {@code none} is combined with another item.
   */
  static String subsetOf(String value, String[] allowed) {
    TreeSet<String> items = new TreeSet<>();
    int start = 0;
    while (start <= value.length()) {
      int bar = value.indexOf('|', start);
      int end = bar < 0 ? value.length() : bar;
      String item = oneOf(trim(value.substring(start, end)), allowed);
      if (item == null) {
        return null;
      }
      items.add(item);
      start = end + 1;
    }
    if (items.size() > 1 && items.contains(Vocabulary.NONE)) {
      return null;
    }
    return String.join("|", items);
  }

  /**
   * Normalizes a technique (ASCII letters to lower case, spaces and {@code -} to {@code _}) and
   * returns it if it then matches {@code [a-z][a-z0-9_]{0,39}}, else null.
   */
  static String technique(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_TECHNIQUE_LENGTH) {
      return null;
    }
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (c == ' ' || c == '-') {
        c = '_';
      }
      boolean allowed = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_'));
      if (!allowed) {
        return null;
      }
      out[i] = c;
    }
    String normalized = new String(out);
    return normalized.equals(value) ? value : normalized;
  }

  /** Quotes a column name for a message: control characters shown as {@code ?}, long cut. */
  static String quoteName(String name) {
    StringBuilder quoted = new StringBuilder("'");
    for (int i = 0; i < name.length() && i < MAX_NAME_IN_MESSAGE; i++) {
      char c = name.charAt(i);
      quoted.append(Character.isISOControl(c) ? '?' : c);
    }
    if (name.length() > MAX_NAME_IN_MESSAGE) {
      quoted.append("...");
    }
    return quoted.append('\'').toString();
  }

  private static boolean equalsIgnoringAsciiCase(String lowerCase, String value) {
    int n = lowerCase.length();
    if (value.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String value, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
