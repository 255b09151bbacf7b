package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A published table of the case study: rows of groups with count columns and statistic columns. It
 * knows which of its counts add up (part rows to the total row, member rows to a group row, some
 * columns to another column, a count to its denominator), registers them with {@link Suppression}
 * and renders the decision. A relation is declared only when the figures really add up, so that it
 * matches what a reader could compute.
 *
 * <p>The HTML carries the structure for auditing: rows have {@code class} part, group, total or
 * other and {@code data-key}; the table names itself in {@code data-table} (its name in {@code
 * case_study_cells}); group rows list {@code data-parts}; count cells are {@code <td class="count"
 * data-col=..>} ({@code data-of} names the denominator column); statistic cells name the counts
 * they depend on in {@code data-dep}; the table lists column sums in {@code data-sums}.
 */
public final class CountTable {
  /** Row kinds. */
  public enum Kind {
    PART,
    GROUP,
    TOTAL,
    OTHER
  }

  /** How a statistic depends on the counts of its row. */
  public enum Rule {
    /**
     * Hidden when any of the counts is hidden (a rate reveals its numerator given the denominator).
     */
    ALL_SHOWN,
    /** Hidden when the group's size is not shown (every statistic of a suppressed group). */
    GROUP_SHOWN
  }

  /**
   * A column: a count column has a key and maybe a denominator ({@code of}); a statistic column a
   * rule, the counts it depends on and its text by row key.
   */
  public record Column(
      String key,
      String header,
      String of,
      Rule rule,
      List<String> deps,
      Function<String, String> text) {
    /** True for a count column. */
    public boolean isCount() {
      return text == null;
    }
  }

  /** A row: its key, label, kind, member rows (of a group row) and counts by column key. */
  public record TableRow(
      String key, String label, Kind kind, List<String> parts, Map<String, Long> counts) {}

  private final String name;
  private final String caption;
  private final Map<String, String> same = new HashMap<>();
  private final List<Column> columns = new ArrayList<>();
  private final List<TableRow> rows = new ArrayList<>();
  private final Map<String, List<String>> sums = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new HashMap<>();

  /**
   * @param name the table's name in {@code case_study_cells}
   * @param caption the table's title on the page
   */
  public CountTable(String name, String caption) {
    this.name = name;
    this.caption = caption;
  }

  /** The table's name in {@code case_study_cells}. */
  String name() {
    return name;
  }

  /** The table's title on the page. */
  public String caption() {
    return caption;
  }

  /**
   * Declares that count {@code col} of row {@code row} is the figure registered elsewhere as {@code
   * cell} (the same count shown in two places is one unknown when the values agree).
   */
  CountTable same(String row, String col, String cell) {
    same.put(id(row, col), cell);
    return this;
  }

  /**
   * The name a count is registered under: {@code table/row/column} unless declared the same as
   * another.
   */
  String cellName(String row, String col) {
    return same.getOrDefault(id(row, col), name + "/" + row + "/" + col);
  }

  /** The suppression id of count {@code col} of row {@code row}, or null. */
  Integer cellId(String row, String col) {
    return ids.get(id(row, col));
  }

  /** A count column; {@code of} names its denominator column (or null). */
  public CountTable count(String key, String header, String of) {
    columns.add(new Column(key, header, of, null, List.of(), null));
    return this;
  }

  /** A statistic column computed from the row key, shown only when {@code rule} allows. */
  public CountTable stat(
      String header, Rule rule, List<String> deps, Function<String, String> text) {
    columns.add(new Column(null, header, null, rule, List.copyOf(deps), text));
    return this;
  }

  /**
   * Declares that count column {@code total} is the sum of count columns {@code parts} in every
   * row.
   */
  public CountTable sum(String total, List<String> parts) {
    sums.put(total, List.copyOf(parts));
    return this;
  }

  /**
   * Adds a row.
   *
   * @param parts for a {@link Kind#GROUP} row, the keys of its member rows (else ignored)
   * @param counts the counts by column key; a missing (or null) count is shown as an em dash
   */
  public CountTable row(
      Kind kind, String key, String label, List<String> parts, Map<String, Long> counts) {
    Map<String, Long> present = new HashMap<>();
    counts.forEach(
        (k, v) -> {
          if (v != null) {
            present.put(k, v);
          }
        });
    rows.add(
        new TableRow(
            key, label, kind, parts == null ? List.of() : List.copyOf(parts), Map.copyOf(present)));
    return this;
  }

  /** The columns in order. */
  public List<Column> columns() {
    return List.copyOf(columns);
  }

  /** The rows in order. */
  public List<TableRow> rows() {
    return List.copyOf(rows);
  }

  /** True when the table has rows. */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Registers every count and every relation that holds exactly. */
  public void register(Suppression s) {
    for (TableRow r : rows) {
      for (Column c : columns) {
        Long v = c.isCount() ? r.counts().get(c.key()) : null;
        if (v != null) {
          ids.put(id(r.key(), c.key()), s.cell(cellName(r.key(), c.key()), v));
        }
      }
    }
    for (TableRow r : rows) {
      for (Column c : columns) {
        if (c.isCount() && c.of() != null && has(r, c.key()) && has(r, c.of())) {
          long rest = r.counts().get(c.of()) - r.counts().get(c.key());
          if (rest >= 0) {
            s.relation(cell(r, c.of()), cell(r, c.key()), s.implicitCell(rest));
          }
        }
      }
      sums.forEach((total, parts) -> relate(s, r, total, parts));
    }
    for (Column c : columns) {
      if (!c.isCount()) {
        continue;
      }
      List<TableRow> parts = rows.stream().filter(r -> r.kind() == Kind.PART).toList();
      rows.stream()
          .filter(r -> r.kind() == Kind.TOTAL)
          .forEach(t -> relateRows(s, c.key(), t, parts));
      for (TableRow g : rows.stream().filter(r -> r.kind() == Kind.GROUP).toList()) {
        relateRows(s, c.key(), g, rows.stream().filter(r -> g.parts().contains(r.key())).toList());
      }
    }
  }

  private void relate(Suppression s, TableRow r, String total, List<String> parts) {
    if (!has(r, total) || !parts.stream().allMatch(p -> has(r, p))) {
      return;
    }
    long sum = parts.stream().mapToLong(p -> r.counts().get(p)).sum();
    if (sum == r.counts().get(total)) {
      s.relation(cell(r, total), parts.stream().map(p -> cell(r, p)).toList());
    }
  }

  private void relateRows(Suppression s, String col, TableRow total, List<TableRow> parts) {
    if (parts.isEmpty() || !has(total, col) || !parts.stream().allMatch(p -> has(p, col))) {
      return;
    }
    long sum = parts.stream().mapToLong(p -> p.counts().get(col)).sum();
    if (sum == total.counts().get(col)) {
      s.relation(cell(total, col), parts.stream().map(p -> cell(p, col)).toList());
    }
  }

  private static boolean has(TableRow r, String col) {
    return r.counts().get(col) != null;
  }

  private int cell(TableRow r, String col) {
    return ids.get(id(r.key(), col));
  }

  private static String id(String row, String col) {
    return row + "\u0000" + col;
  }

  /** How count {@code col} of row {@code row} is published (SHOWN when it has no value). */
  public Suppression.Status status(Suppression.Result result, String row, String col) {
    Integer id = ids.get(id(row, col));
    return id == null ? Suppression.Status.SHOWN : result.status(id);
  }

  /**
   * True when the statistics of {@code row} that follow {@code rule} on {@code deps} may be shown.
   */
  boolean statShown(Suppression.Result result, String row, Rule rule, List<String> deps) {
    for (String d : deps) {
      Suppression.Status st = status(result, row, d);
      if (st != Suppression.Status.SHOWN) {
        return false;
      }
    }
    return true;
  }

  /** Renders the table with the suppression decision. */
  Html.Safe html(Suppression.Result result, int minCell) {
    HtmlTable t = new HtmlTable("figures").caption(caption).attr("data-table", name);
    if (!sums.isEmpty()) {
      List<String> parts = new ArrayList<>();
      sums.forEach((total, p) -> parts.add(total + "=" + String.join("+", p)));
      t.attr("data-sums", String.join(" ", parts));
    }
    List<String> headers = new ArrayList<>(List.of(""));
    columns.forEach(c -> headers.add(c.header()));
    t.head(headers.toArray(new String[0]));
    for (TableRow r : rows) {
      HtmlTable.Row tr = t.row(r.kind().name().toLowerCase(Locale.ROOT)).attr("data-key", r.key());
      if (r.kind() == Kind.GROUP) {
        tr.attr("data-parts", String.join(" ", r.parts()));
      }
      tr.th(r.label());
      for (Column c : columns) {
        if (c.isCount()) {
          countCell(tr, r, c, result, minCell);
        } else {
          boolean shown = statShown(result, r.key(), c.rule(), c.deps());
          Map<String, String> attrs = new LinkedHashMap<>();
          attrs.put("data-dep", String.join(" ", c.deps()));
          attrs.put("data-rule", c.rule() == Rule.ALL_SHOWN ? "all" : "group");
          tr.td(
              shown ? c.text().apply(r.key()) : "\u2014",
              shown ? "stat" : "stat suppressed",
              attrs);
        }
      }
    }
    return t.html();
  }

  private void countCell(
      HtmlTable.Row tr, TableRow r, Column c, Suppression.Result result, int minCell) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("data-col", c.key());
    if (c.of() != null) {
      attrs.put("data-of", c.of());
    }
    tr.td(countText(r, c, result, minCell), "count", attrs);
  }

  private String countText(TableRow r, Column c, Suppression.Result result, int minCell) {
    return countText(status(result, r.key(), c.key()), r.counts().get(c.key()), minCell);
  }

  /**
   * How a count is published: {@code <minCell} (primary), {@code *} (complementary or implicit),
   * the number, or an em dash when there is none.
   */
  public static String countText(Suppression.Status status, Long value, int minCell) {
    return switch (status) {
      case PRIMARY -> "<" + minCell;
      case COMPLEMENTARY, IMPLICIT -> "*";
      case SHOWN -> value == null ? "\u2014" : Long.toString(value);
    };
  }
}
