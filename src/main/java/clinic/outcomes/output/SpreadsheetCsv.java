package clinic.outcomes.output;

import java.math.BigDecimal;

/**
 * CSV cells that are safe to open in a spreadsheet: RFC 4180 quoting, and a cell that would start
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with a
 * single quote so that it is shown as text and never evaluated as a formula (OWASP "CSV
 * injection"). A number is no formula: a value of a number column ({@link #number}), or a text that
 * is a plain decimal number such as {@code -1.5}, is written as it is.
 */
public final class SpreadsheetCsv {
  private SpreadsheetCsv() {}

  /** One cell, neutralized and quoted when needed; null becomes the empty cell. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    boolean formulaStart =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    if (formulaStart && !isPlainNumber(v)) {
      v = "'" + v;
    }
    boolean quote =
        v.indexOf(',') >= 0
            || v.indexOf('"') >= 0
            || v.indexOf('\n') >= 0
            || v.indexOf('\r') >= 0
            || v.startsWith("'");
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /**
   * A value of a number column, as Java writes it ({@code -1.5}, {@code 1.0E-5}, {@code NaN}):
   * never prefixed, since a spreadsheet reads it as a number or as text, never as a formula.
   */
  public static String number(Number value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  /** Tells whether a value is {@code [+-]?digits(.digits)?}. */
  static boolean isPlainNumber(String v) {
    int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
    int digits = 0;
    boolean point = false;
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point && digits > 0 && i + 1 < v.length()) {
        point = true;
      } else {
        return false;
      }
    }
    return digits > 0;
  }

  /** A line of cells joined by commas (no terminator). */
  public static String line(String... cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells[i]));
    }
    return b.toString();
  }

  /**
   * A line of values (no terminator): numbers as {@link #number(Number)} writes them, anything else
   * as a neutralized cell; null becomes the empty cell.
   */
  public static String values(Object... values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      Object v = values[i];
      b.append(v instanceof Number n ? number(n) : cell(v == null ? null : ResultTable.text(v)));
    }
    return b.toString();
  }
}
