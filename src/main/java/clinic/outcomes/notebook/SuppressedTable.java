package clinic.outcomes.notebook;

import clinic.outcomes.report.CountTable;
import clinic.outcomes.report.Suppression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of counts as the anonymized case study would publish it, for drafting and checking tables
 * in a notebook before they are published. It is the case study's own {@link CountTable} (the same
 * relations, registered the same way) decided by the project's {@link Suppression} (counts 1 to
 * {@code minCell - 1} shown as {@code <minCell}, complementary cells as {@code *}), published as a
 * Tablesaw table instead of HTML. What a reader could add up:
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
  /** Row kinds: which rows add up to which (those of {@link CountTable.Kind}). */
  public enum Kind {
    PART,
    GROUP,
    TOTAL,
    OTHER
  }

  /** When a statistic of a row is withheld (those of {@link CountTable.Rule}). */
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

  private final CountTable table;
  private final int minCell;
  private final Map<String, Suppression.Status> decided = new HashMap<>();
  private Suppression.Result result;

  /**
   * @param caption the table's title
   * @param minCell the smallest count that may be shown (the run's {@code min_cell_size}, 11 by
   *     default)
   */
  public SuppressedTable(String caption, int minCell) {
    this.table = new CountTable("notebook", caption);
    this.minCell = minCell;
  }

  /** Adds a count column; {@code of} names its denominator column, or is null. */
  public SuppressedTable count(String key, String header, String of) {
    table.count(key, header, of);
    result = null;
    return this;
  }

  /**
   * Adds a statistic column: its text for a row key, withheld by {@code rule} on the counts {@code
   * deps}.
   */
  public SuppressedTable stat(
      String header, Rule rule, List<String> deps, Function<String, String> text) {
    table.stat(header, rule(rule), deps, text);
    return this;
  }

  /**
   * Declares that count column {@code total} is the sum of the count columns {@code parts} in every
   * row.
   */
  public SuppressedTable sum(String total, List<String> parts) {
    table.sum(total, parts);
    result = null;
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
    table.row(CountTable.Kind.valueOf(kind.name()), key, label, parts, counts);
    result = null;
    return this;
  }

  /** The suppression decision over this table's cells (computed once, again after a change). */
  public Suppression.Result solve() {
    if (result == null) {
      Suppression s = new Suppression(minCell);
      table.register(s);
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
    return fromPage != null ? fromPage : table.status(solve(), row, col);
  }

  /** True when a statistic of {@code row} with this rule and these dependencies may be shown. */
  public boolean statShown(String row, Rule rule, List<String> deps) {
    return deps.stream().allMatch(d -> status(row, d) == Suppression.Status.SHOWN);
  }

  /**
   * The table as published: columns {@code key} and {@code row} (the row's label), then every count
   * column (a number, {@code <minCell}, {@code *}, or an em dash when absent) and statistic column
   * (its text, or an em dash when withheld) under its header (a repeated header gets " (2)", "
   * (3)", ...).
   */
  public Table published() {
    solve();
    List<CountTable.TableRow> rows = table.rows();
    Table t = Table.create(table.caption());
    t.addColumns(
        StringColumn.create("key", rows.stream().map(CountTable.TableRow::key).toList()),
        StringColumn.create("row", rows.stream().map(CountTable.TableRow::label).toList()));
    List<String> used = new ArrayList<>(List.of("key", "row"));
    for (CountTable.Column c : table.columns()) {
      StringColumn col = StringColumn.create(CaseStudyPage.uniqueName(used, c.header()));
      for (CountTable.TableRow r : rows) {
        col.append(c.isCount() ? countText(r, c) : statText(r, c));
      }
      t.addColumns(col);
    }
    return t;
  }

  /**
   * The counts as they are, not for publishing: {@code key}, {@code row}, one column per count key.
   */
  public Table counts() {
    List<CountTable.TableRow> rows = table.rows();
    Table t = Table.create(table.caption() + " (unsuppressed)");
    t.addColumns(
        StringColumn.create("key", rows.stream().map(CountTable.TableRow::key).toList()),
        StringColumn.create("row", rows.stream().map(CountTable.TableRow::label).toList()));
    for (CountTable.Column c : table.columns()) {
      if (c.isCount()) {
        LongColumn col = LongColumn.create(c.key());
        rows.forEach(r -> col.append(r.counts().get(c.key())));
        t.addColumns(col);
      }
    }
    return t;
  }

  private String countText(CountTable.TableRow r, CountTable.Column c) {
    return CountTable.countText(status(r.key(), c.key()), r.counts().get(c.key()), minCell);
  }

  private String statText(CountTable.TableRow r, CountTable.Column c) {
    return c.deps().stream().allMatch(d -> status(r.key(), d) == Suppression.Status.SHOWN)
        ? c.text().apply(r.key())
        : "\u2014";
  }

  private static CountTable.Rule rule(Rule rule) {
    return rule == Rule.ALL_SHOWN ? CountTable.Rule.ALL_SHOWN : CountTable.Rule.GROUP_SHOWN;
  }

  private static String id(String row, String col) {
    return row + "\u0000" + col;
  }
}
