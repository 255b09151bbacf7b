package clinic.outcomes.notebook;

import clinic.outcomes.report.Html;
import clinic.outcomes.report.HtmlTable;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Shows tables and charts in a notebook: as an HTML table and a PNG image through the Java kernel's
 * {@code display} (rapaio-jupyter-kernel's {@code Global.display}, found at run time so that the
 * project does not depend on the kernel), or as plain text on standard output anywhere else ({@code
 * jshell}, a test). The methods return nothing, so a cell that ends with one shows no stray result.
 *
 * <p>Numbers in HTML tables, by column name: p- and q-values ({@code *_p}, {@code *_q}) with three
 * decimals and {@code <0.001} below that; proportions as percent with one decimal (columns named
 * {@code *rate*} or {@code confidence}, and the interval ends {@code X_ci_low}, {@code X_ci_high}
 * of a table that has a column {@code X_rate}, such as {@code mcid_ci_low} beside {@code mcid_rate}
 * or {@code ci_low} beside {@code rate}); other doubles with two decimals, except a double column
 * of whole numbers only (counts from an aggregation), shown without decimals; integers as they are;
 * a missing value as an em dash.
 */
public final class Show {
  private static final String GLOBAL = "org.rapaio.jupyter.kernel.global.Global";
  private static final String DASH = "\u2014";
  private static final Map<String, String> RIGHT = Map.of("style", "text-align:right");
  private static final Map<String, String> LEFT = Map.of("style", "text-align:left");

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Show() {}

  /** Shows the whole table. */
  public static void table(Table table) {
    table(table, Integer.MAX_VALUE);
  }

  /** Shows the first {@code maxRows} rows of the table (and says how many there are). */
  public static void table(Table table, int maxRows) {
    if (!display("text/html", html(table, maxRows))) {
      System.out.println(
          table.rowCount() > maxRows
              ? table.first(maxRows).printAll()
                  + "\n(first "
                  + maxRows
                  + " of "
                  + table.rowCount()
                  + " rows)"
              : table.printAll());
    }
  }

  /** Shows an XChart chart as a PNG image. */
  public static void chart(Chart<?, ?> chart) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    if (!display(image)) {
      System.out.println(
          "[chart: " + chart.getTitle() + ", " + image.getWidth() + "x" + image.getHeight() + "]");
    }
  }

  /** Shows a fragment of HTML (escape what came from data with {@link #escape}). */
  public static void html(String fragment) {
    if (!display("text/html", fragment)) {
      System.out.println(fragment.replaceAll("<[^>]+>", ""));
    }
  }

  /**
   * The table as an HTML {@code <table>} (the reports' {@link HtmlTable}), first {@code maxRows}
   * rows, every text escaped.
   */
  public static String html(Table table, int maxRows) {
    HtmlTable h = new HtmlTable(null);
    if (table.name() != null && !table.name().isBlank()) {
      h.caption(table.name(), "text-align:left;font-weight:bold");
    }
    h.head(table.columnNames().toArray(new String[0]));
    int rows = Math.min(maxRows, table.rowCount());
    List<Column<?>> columns = table.columns();
    boolean[] whole = new boolean[columns.size()];
    boolean[] proportion = new boolean[columns.size()];
    for (int i = 0; i < whole.length; i++) {
      whole[i] = wholeNumbers(columns.get(i));
      proportion[i] = proportion(table, columns.get(i).name());
    }
    for (int r = 0; r < rows; r++) {
      HtmlTable.Row tr = h.row();
      for (int i = 0; i < whole.length; i++) {
        Column<?> c = columns.get(i);
        boolean number = c.type() != ColumnType.STRING && c.type() != ColumnType.BOOLEAN;
        String text =
            whole[i] && !c.isMissing(r)
                ? String.valueOf(Math.round(((Number) c.get(r)).doubleValue()))
                : cell(c, r, proportion[i]);
        tr.td(text, null, number ? RIGHT : LEFT);
      }
    }
    String html = h.html().html();
    return rows < table.rowCount()
        ? html + "<p>first " + rows + " of " + table.rowCount() + " rows</p>"
        : html;
  }

  /** True for a double column whose values are all whole numbers (and not all missing). */
  static boolean wholeNumbers(Column<?> c) {
    if (c.type() != ColumnType.DOUBLE || c.countMissing() == c.size()) {
      return false;
    }
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        double v = ((Number) c.get(i)).doubleValue();
        if (v != Math.rint(v) || Math.abs(v) > 1e15) {
          return false;
        }
      }
    }
    return true;
  }

  /** True when column {@code name} of {@code table} holds proportions (shown as percent). */
  static boolean proportion(Table table, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains("rate") || n.equals("confidence")) {
      return true;
    }
    for (String end : new String[] {"ci_low", "ci_high"}) {
      if (n.endsWith(end)) {
        String rate = name.substring(0, name.length() - end.length()) + "rate";
        return table.columnNames().stream().anyMatch(c -> c.equalsIgnoreCase(rate));
      }
    }
    return false;
  }

  /** The text of cell {@code row} of column {@code c} by the rules of this class. */
  static String cell(Column<?> c, int row, boolean proportion) {
    if (c.isMissing(row)) {
      return DASH;
    }
    Object v = c.get(row);
    if (v instanceof Double || v instanceof Float) {
      return number(c.name(), ((Number) v).doubleValue(), proportion);
    }
    return String.valueOf(v);
  }

  /** A double shown by the rules of its column name ({@code proportion}: as percent). */
  static String number(String column, double v, boolean proportion) {
    if (Double.isNaN(v)) {
      return DASH;
    }
    String name = column.toLowerCase(Locale.ROOT);
    if (name.endsWith("_p") || name.endsWith("_q") || name.equals("p") || name.equals("q")) {
      return v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }
    if (proportion) {
      return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Escapes text for HTML (as the reports do). */
  public static String escape(String s) {
    return Html.escape(s);
  }

  private static boolean display(Object... args) {
    Method m = kernelDisplay(args.length);
    if (m == null) {
      return false;
    }
    try {
      m.invoke(null, args);
      return true;
    } catch (IllegalAccessException e) {
      return false;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the kernel could not display the output", e.getCause());
    }
  }

  private static Method kernelDisplay(int arity) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Show.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      try {
        Class<?> global = Class.forName(GLOBAL, true, loader);
        return arity == 1
            ? global.getMethod("display", Object.class)
            : global.getMethod("display", String.class, Object.class);
      } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
        // not inside the kernel (or another version): fall back to text
      }
    }
    return null;
  }
}
