package clinic.outcomes.output;

import clinic.outcomes.spark.SparkDates;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BooleanFormatter;
import tech.tablesaw.columns.dates.DateColumnFormatter;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.columns.strings.StringColumnFormatter;

/**
 * A query result on the driver as a Tablesaw table, whichever engine computed it (DuckDB for a
 * local run folder, Spark SQL for one on HDFS or S3), and its printed text.
 */
public final class ResultTable {
  private ResultTable() {}

  /** The type a result column keeps on the driver; anything else becomes text. */
  public enum Kind {
    TEXT,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    DATE
  }

  /** One result column: its name and kind. */
  public record Field(String name, Kind kind) {}

  /**
   * The rows (one {@code Object[]} per row, nulls allowed) as a Tablesaw table, one column per
   * field. Column names that repeat (a join selecting {@code id} twice) get a suffix {@code _2},
   * {@code _3}, ...
   */
  public static Table table(List<Field> fields, List<Object[]> rows) {
    Table table = Table.create();
    Set<String> names = new HashSet<>();
    for (int c = 0; c < fields.size(); c++) {
      String name = fields.get(c).name();
      for (int k = 2; !names.add(name.toLowerCase(Locale.ROOT)); k++) {
        name = fields.get(c).name() + "_" + k;
      }
      table.addColumns(column(name, fields.get(c).kind(), rows, c));
    }
    return table;
  }

  /**
   * Prints the rows as an aligned table (Tablesaw's layout: headers centred, values right-aligned,
   * {@code " |"} after every cell, without loading Tablesaw, whose table class scans the whole
   * class path on first use) and a last line with the count: {@code (3 rows)}, or {@code (first 50
   * of 7,600 rows)} when the result holds more than it shows.
   */
  public static void print(List<Field> fields, List<Object[]> rows, long total, PrintStream out) {
    int n = fields.size();
    String[][] cells = new String[rows.size()][n];
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = fields.get(c).name().length();
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < n; c++) {
        cells[r][c] = cell(fields.get(c).kind(), rows.get(r)[c]);
        widths[c] = Math.max(widths[c], cells[r][c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    int ruleWidth = -1;
    for (int c = 0; c < n; c++) {
      String name = fields.get(c).name();
      int leading = (widths[c] - name.length()) / 2;
      b.append(c > 0 ? " " : "")
          .append(" ".repeat(leading + 1))
          .append(name)
          .append(" ".repeat(widths[c] - name.length() - leading))
          .append("  |");
      ruleWidth += widths[c] + 5;
    }
    b.append(System.lineSeparator()).append("-".repeat(Math.max(0, ruleWidth)));
    for (String[] row : cells) {
      b.append(System.lineSeparator());
      for (int c = 0; c < n; c++) {
        b.append(c > 0 ? " " : "")
            .append(" ".repeat(widths[c] - row[c].length() + 1))
            .append(row[c])
            .append("  |");
      }
    }
    out.println(b);
    out.println(
        total > rows.size()
            ? "(first " + rows.size() + " of " + String.format(Locale.ROOT, "%,d", total) + " rows)"
            : "(" + total + (total == 1 ? " row)" : " rows)"));
  }

  /** The printed text of one value of a column of {@code kind}; null as {@code null}. */
  static String cell(Kind kind, Object v) {
    if (v == null || v instanceof Double d && d.isNaN()) {
      return "null";
    }
    return switch (kind) {
      case INT, LONG -> String.valueOf(((Number) v).longValue());
      case DOUBLE -> format(((Number) v).doubleValue());
      case DATE -> SparkDates.localDate(v).toString();
      default -> text(v);
    };
  }

  private static Column<?> column(String name, Kind kind, List<Object[]> rows, int c) {
    switch (kind) {
      case INT -> {
        IntColumn col = IntColumn.create(name);
        rows.forEach(r -> col.append(r[c] == null ? null : ((Number) r[c]).intValue()));
        return integers(col);
      }
      case LONG -> {
        LongColumn col = LongColumn.create(name);
        rows.forEach(r -> col.append(r[c] == null ? null : ((Number) r[c]).longValue()));
        return integers(col);
      }
      case DOUBLE -> {
        DoubleColumn col = DoubleColumn.create(name);
        rows.forEach(r -> col.append(r[c] == null ? null : ((Number) r[c]).doubleValue()));
        col.setPrintFormatter(new DoubleText());
        return col;
      }
      case BOOLEAN -> {
        BooleanColumn col = BooleanColumn.create(name);
        rows.forEach(r -> col.append(r[c] == null ? null : (Boolean) r[c]));
        col.setPrintFormatter(new BooleanFormatter("true", "false", "null"));
        return col;
      }
      case DATE -> {
        DateColumn col = DateColumn.create(name);
        rows.forEach(r -> col.append(r[c] == null ? null : SparkDates.localDate(r[c])));
        col.setPrintFormatter(new DateColumnFormatter(DateTimeFormatter.ISO_LOCAL_DATE, "null"));
        return col;
      }
      default -> {
        StringColumn col = StringColumn.create(name);
        col.setPrintFormatter(new StringColumnFormatter(v -> v, "null"));
        rows.forEach(r -> col.append(r[c] == null ? null : text(r[c])));
        return col;
      }
    }
  }

  /** The text of a value that is not a number of a known kind: decimals plainly. */
  static String text(Object v) {
    return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
  }

  private static <C extends NumericColumn<?>> C integers(C col) {
    NumberFormat plain = NumberFormat.getIntegerInstance(Locale.ROOT);
    plain.setGroupingUsed(false);
    col.setPrintFormatter(new NumberColumnFormatter(plain, "null"));
    return col;
  }

  /**
   * The text of a double: as the query left it when that takes at most 6 decimals ({@code ROUND(x,
   * 2)} prints 2.38, 0.5 prints 0.5, 3 prints 3.0); a longer one with 4 decimals, or with 4
   * significant digits in scientific notation below 1e-4 (3.677e-51).
   */
  public static String format(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return String.valueOf(d);
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (shortest.scale() <= 0 && Math.abs(d) < 1e15) {
      return shortest.setScale(1).toPlainString();
    }
    if (shortest.scale() <= 6) {
      return shortest.toPlainString();
    }
    return Math.abs(d) >= 1e-4
        ? String.format(Locale.ROOT, "%.4f", d)
        : String.format(Locale.ROOT, "%.3e", d);
  }

  /** The printer of double columns. */
  private static final class DoubleText extends NumberColumnFormatter {
    DoubleText() {
      super("null");
    }

    @Override
    public String format(double value) {
      return Double.isNaN(value) ? getMissingString() : ResultTable.format(value);
    }
  }
}
