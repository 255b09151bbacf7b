package clinic.outcomes.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One figure the case study publishes: a row of {@code case_study_cells}.
 *
 * @param table the table's name
 * @param row the row's key
 * @param column the column's key (counts) or a short name of the statistic
 * @param cell the count's name, shared by every place the same count is shown (null for statistics)
 * @param value the figure as published (a count, or the first number of a statistic's text); null
 *     where suppressed
 * @param shown the text on the page
 * @param suppressed {@code primary}, {@code complementary} or null
 * @param auditLow for a suppressed count, the smallest value the disclosure audit found consistent
 *     with the page
 * @param auditHigh the largest such value (+infinity when nothing bounds it)
 * @param sums for a count that is a total, the sums of other counts it equals, each as {@code
 *     name+name+...}, separated by {@code ;}
 * @param of for a count, the count it is part of (its denominator); for a statistic, the counts it
 *     is computed from, separated by a space
 */
public record PageCell(
    String table,
    String row,
    String column,
    String cell,
    Double value,
    String shown,
    String suppressed,
    Double auditLow,
    Double auditHigh,
    String sums,
    String of) {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** The first number of a statistic's text, or null (an em dash). */
  static Double firstNumber(String text) {
    Matcher m = NUMBER.matcher(text.replace('\u2212', '-'));
    return m.find() ? Double.valueOf(m.group()) : null;
  }

  /**
   * A short column name for a statistic's header: {@code Responder rate (95% CI)} → {@code
   * responder_rate}.
   */
  static String slug(String header) {
    String h = header.replaceAll("\\(.*?\\)", "").replace("%", "pct").toLowerCase(Locale.ROOT);
    return h.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }
}
