package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figure tables of a rendered case study back from its HTML, the way a reader sees them:
 * count cells with their value or suppression mark, and the structure the markup declares.
 */
final class PublishedTables {
  private static final Pattern TABLE =
      Pattern.compile("<table([^>]*)>(.*?)</table>", Pattern.DOTALL);
  private static final Pattern TBODY = Pattern.compile("<tbody>(.*?)</tbody>", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("<tr([^>]*)>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL =
      Pattern.compile("<(td|th)([^>]*)>(.*?)</\\1>", Pattern.DOTALL);
  private static final Pattern ATTR = Pattern.compile("([a-z][a-z-]*)=\"([^\"]*)\"");

  record Cell(String text, Map<String, String> attrs) {
    boolean isCount() {
      return attrs.getOrDefault("class", "").equals("count");
    }
  }

  record Row(Map<String, String> attrs, List<Cell> cells) {
    String kind() {
      return attrs.getOrDefault("class", "");
    }

    String key() {
      return attrs.get("data-key");
    }

    Cell count(String col) {
      return cells.stream()
          .filter(c -> c.isCount() && col.equals(c.attrs().get("data-col")))
          .findFirst()
          .orElse(null);
    }
  }

  record Table(Map<String, String> attrs, List<Row> rows) {}

  private PublishedTables() {}

  /** Every table of class {@code figures} in the page. */
  static List<Table> parse(String html) {
    List<Table> out = new ArrayList<>();
    Matcher t = TABLE.matcher(html);
    while (t.find()) {
      Map<String, String> attrs = attrs(t.group(1));
      if (!attrs.getOrDefault("class", "").contains("figures")) {
        continue;
      }
      Matcher body = TBODY.matcher(t.group(2));
      List<Row> rows = new ArrayList<>();
      if (body.find()) {
        Matcher r = ROW.matcher(body.group(1));
        while (r.find()) {
          List<Cell> cells = new ArrayList<>();
          Matcher c = CELL.matcher(r.group(2));
          while (c.find()) {
            cells.add(
                new Cell(
                    unescape(c.group(3).replaceAll("<[^>]+>", " ")).trim(), attrs(c.group(2))));
          }
          rows.add(new Row(attrs(r.group(1)), cells));
        }
      }
      out.add(new Table(attrs, rows));
    }
    return out;
  }

  static Map<String, String> attrs(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher a = ATTR.matcher(s);
    while (a.find()) {
      m.put(a.group(1), unescape(a.group(2)));
    }
    return m;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
