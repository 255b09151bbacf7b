package clinic.outcomes.output;

/**
 * CSV cells that are safe to open in a spreadsheet: RFC 4180 quoting, and a cell that would start
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with a
 * single quote so that it is shown as text and never evaluated as a formula (OWASP "CSV
 * injection").
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
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      v = "'" + v;
    }
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0 || v.startsWith("'");
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
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
}
