package clinic.outcomes.notebook;

import clinic.outcomes.report.Suppression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of counts as the anonymized case study would publish it, for drafting and checking tables
 * in a notebook before they are published. The decision is the project's own {@link Suppression}
 * (counts 1 to {@code minCell - 1} shown as {@code <minCell}, complementary cells as {@code *});
 * this class only declares what a reader could add up, the way the case-study tables do:
 *
 * <ul>
 *   <li>a count column with a denominator ({@code of}): {@code of = count + (of - count)}, the
 *       complement being an implicit cell that is never shown but is protected;
 *   <li>{@link #sum}: a count column that is the sum of other count columns in every row;
 *   <li>{@link Kind#PART} rows add up to each {@link Kind#TOTAL} row, and the member rows of a
 *       {@link Kind#GROUP} row add up to it, column by column.
 * </ul>
 *
 * <p>A relation is declared only where the figures really add up (as a reader would check), cells
 * and relations are registered in the same order as the case study's, so the same figures give the
 * same decision. A statistic of a row is withheld (an em dash) by its {@link Rule}.
 */
public final class SuppressedTable {
  /** Row kinds: which rows add up to which. */
  public enum Kind {
    PART,
    GROUP,
    TOTAL,
    OTHER
  }

  /** When a statistic of a row is withheld. */
  public enum Rule {
    /**
     * When any count it depends on is not shown (a rate reveals its numerator given the
     * denominator).
     */
    ALL_SHOWN,
    /**
     * When the group's size is not shown: small, or withheld to protect another count (every
     * statistic of a suppressed group is withheld, as on the case study; the name is kept for the
     * notebooks that use it).
     */
    GROUP_NOT_SMALL
  }

  private record CountColumn(String key, String header, String of) {}

  private record StatColumn(
      String header, Rule rule, List<String> deps, Function<String, String> text) {}

  private record Row(
      Kind kind, String key, String label, List<String> parts, Map<String, Long> counts) {}

  private final String caption;
  private final int minCell;
  private final List<Object> columns = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, List<String>> sums = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<String, Suppression.Status> decided = new HashMap<>();
  private Suppression.Result result;

  /**
   * @param caption the table's title
   * @param minCell the smallest count that may be shown (the run's {@code min_cell_size}, 11 by
   *     default)
   */
  public SuppressedTable(String caption, int minCell) {
    this.caption = caption;
    this.minCell = minCell;
  }

  /** Adds a count column; {@code of} names its denominator column, or is null. */
  public SuppressedTable count(String key, String header, String of) {
    columns.add(new CountColumn(key, header, of));
    return this;
  }

  /**
   * Adds a statistic column: its text for a row key, withheld by {@code rule} on the counts {@code
   * deps}.
   */
  public SuppressedTable stat(
      String header, Rule rule, List<String> deps, Function<String, String> text) {
    columns.add(new StatColumn(header, rule, List.copyOf(deps), text));
    return this;
  }

  /**
   * Declares that count column {@code total} is the sum of the count columns {@code parts} in every
   * row.
   */
  public SuppressedTable sum(String total, List<String> parts) {
    sums.put(total, List.copyOf(parts));
    return this;
  }

  /**
   * Adds a row.
   *
   * @param parts for a {@link Kind#GROUP} row, the keys of its member rows (else ignored)
   * @param counts the counts by column key; a missing (or null) count is shown as an em dash
   */
  public SuppressedTable row(
      Kind kind, String key, String label, List<String> parts, Map<String, Long> counts) {
    Map<String, Long> present = new HashMap<>();
    counts.forEach(
        (k, v) -> {
          if (v != null) {
            present.put(k, v);
          }
        });
    rows.add(
        new Row(
            kind, key, label, parts == null ? List.of() : List.copyOf(parts), Map.copyOf(present)));
    result = null;
    return this;
  }

  /** The suppression decision over this table's cells (computed once, again after a new row). */
  public Suppression.Result solve() {
    if (result == null) {
      ids.clear();
      Suppression s = new Suppression(minCell);
      register(s);
      result = s.solve();
    }
    return result;
  }

  /**
   * Takes the decision of a published page for this table: the status of each count as the run's
   * {@code case_study_cells} table lists it (columns {@code table}, {@code row}, {@code column},
   * {@code suppressed}) for the page's table {@code tableName}. The page decides over all its
   * tables at once (the same count in two tables, the hierarchy of techniques), which a table alone
   * cannot; with this, {@link #published()} reproduces the page's table from the run's figures.
   */
  public SuppressedTable decidedBy(Table cells, String tableName) {
    decided.clear();
    for (int i = 0; i < cells.rowCount(); i++) {
      if (!cells.stringColumn("table").get(i).equals(tableName)) {
        continue;
      }
      String s = cells.stringColumn("suppressed").get(i);
      Suppression.Status st =
          "primary".equals(s)
              ? Suppression.Status.PRIMARY
              : "complementary".equals(s)
                  ? Suppression.Status.COMPLEMENTARY
                  : Suppression.Status.SHOWN;
      decided.put(id(cells.stringColumn("row").get(i), cells.stringColumn("column").get(i)), st);
    }
    return this;
  }

  /** How count {@code col} of row {@code row} is published (SHOWN when it has no value). */
  public Suppression.Status status(String row, String col) {
    Suppression.Status fromPage = decided.get(id(row, col));
    if (fromPage != null) {
      return fromPage;
    }
    solve();
    Integer id = ids.get(id(row, col));
    return id == null ? Suppression.Status.SHOWN : result.status(id);
  }

  /** True when a statistic of {@code row} with this rule and these dependencies may be shown. */
  public boolean statShown(String row, Rule rule, List<String> deps) {
    for (String d : deps) {
      Suppression.Status st = status(row, d);
      if (st != Suppression.Status.SHOWN) {
        return false;
      }
    }
    return true;
  }

  /**
   * The table as published: columns {@code key} and {@code row} (the row's label), then every count
   * column (a number, {@code <minCell}, {@code *}, or an em dash when absent) and statistic column
   * (its text, or an em dash when withheld) under its header (a repeated header gets " (2)", "
   * (3)", ...).
   */
  public Table published() {
    solve();
    Table t = Table.create(caption);
    StringColumn keys = StringColumn.create("key");
    StringColumn labels = StringColumn.create("row");
    rows.forEach(
        r -> {
          keys.append(r.key());
          labels.append(r.label());
        });
    t.addColumns(keys, labels);
    List<String> used = new ArrayList<>(List.of("key", "row"));
    for (Object c : columns) {
      String header = c instanceof CountColumn cc ? cc.header() : ((StatColumn) c).header();
      StringColumn col = StringColumn.create(CaseStudyPage.uniqueName(used, header));
      for (Row r : rows) {
        col.append(c instanceof CountColumn cc ? countText(r, cc) : statText(r, (StatColumn) c));
      }
      t.addColumns(col);
    }
    return t;
  }

  /**
   * The counts as they are, not for publishing: {@code key}, {@code row}, one column per count key.
   */
  public Table counts() {
    Table t = Table.create(caption + " (unsuppressed)");
    t.addColumns(
        StringColumn.create("key", rows.stream().map(Row::key).toList()),
        StringColumn.create("row", rows.stream().map(Row::label).toList()));
    for (Object c : columns) {
      if (c instanceof CountColumn cc) {
        LongColumn col = LongColumn.create(cc.key());
        rows.forEach(r -> col.append(r.counts().get(cc.key())));
        t.addColumns(col);
      }
    }
    return t;
  }

  private String countText(Row r, CountColumn c) {
    Long v = r.counts().get(c.key());
    return switch (status(r.key(), c.key())) {
      case PRIMARY -> "<" + minCell;
      case COMPLEMENTARY, IMPLICIT -> "*";
      case SHOWN -> v == null ? "\u2014" : Long.toString(v);
    };
  }

  private String statText(Row r, StatColumn c) {
    return statShown(r.key(), c.rule(), c.deps()) ? c.text().apply(r.key()) : "\u2014";
  }

  private void register(Suppression s) {
    List<CountColumn> counts =
        columns.stream()
            .filter(CountColumn.class::isInstance)
            .map(CountColumn.class::cast)
            .toList();
    for (Row r : rows) {
      for (CountColumn c : counts) {
        Long v = r.counts().get(c.key());
        if (v != null) {
          ids.put(id(r.key(), c.key()), s.cell(v));
        }
      }
    }
    for (Row r : rows) {
      for (CountColumn c : counts) {
        if (c.of() != null && has(r, c.key()) && has(r, c.of())) {
          long rest = r.counts().get(c.of()) - r.counts().get(c.key());
          if (rest >= 0) {
            s.relation(cell(r, c.of()), cell(r, c.key()), s.implicitCell(rest));
          }
        }
      }
      sums.forEach((total, parts) -> relateColumns(s, r, total, parts));
    }
    for (CountColumn c : counts) {
      List<Row> parts = rows.stream().filter(r -> r.kind() == Kind.PART).toList();
      rows.stream()
          .filter(r -> r.kind() == Kind.TOTAL)
          .forEach(t -> relateRows(s, c.key(), t, parts));
      for (Row g : rows.stream().filter(r -> r.kind() == Kind.GROUP).toList()) {
        relateRows(s, c.key(), g, rows.stream().filter(r -> g.parts().contains(r.key())).toList());
      }
    }
  }

  private void relateColumns(Suppression s, Row r, String total, List<String> parts) {
    if (!has(r, total) || !parts.stream().allMatch(p -> has(r, p))) {
      return;
    }
    if (parts.stream().mapToLong(p -> r.counts().get(p)).sum() == r.counts().get(total)) {
      s.relation(cell(r, total), parts.stream().map(p -> cell(r, p)).toList());
    }
  }

  private void relateRows(Suppression s, String col, Row total, List<Row> parts) {
    if (parts.isEmpty() || !has(total, col) || !parts.stream().allMatch(p -> has(p, col))) {
      return;
    }
    if (parts.stream().mapToLong(p -> p.counts().get(col)).sum() == total.counts().get(col)) {
      s.relation(cell(total, col), parts.stream().map(p -> cell(p, col)).toList());
    }
  }

  private static boolean has(Row r, String col) {
    return r.counts().get(col) != null;
  }

  private int cell(Row r, String col) {
    return ids.get(id(r.key(), col));
  }

  private static String id(String row, String col) {
    return row + "\u0000" + col;
  }
}
