package clinic.outcomes.report;

import clinic.outcomes.report.CountTable.Column;
import clinic.outcomes.report.CountTable.TableRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a {@link CountTable} as the case study publishes them, one {@link PageCell} per
 * count and statistic, for {@code case_study_cells}: the value or the suppressed range, the cell's
 * name in the audit, the sums it belongs to and what a statistic depends on.
 */
final class PageCells {
  private PageCells() {}

  /** Every figure of the table as published, for {@code case_study_cells}. */
  static List<PageCell> of(CountTable t, Suppression s, Suppression.Result result, int minCell) {
    Map<Column, String> names = statNames(t.columns());
    List<PageCell> out = new ArrayList<>();
    for (TableRow r : t.rows()) {
      for (Column c : t.columns()) {
        out.add(
            c.isCount()
                ? countCell(t, s, r, c, result, minCell)
                : statCell(t, s, r, c, names.get(c), result));
      }
    }
    return out;
  }

  /**
   * A short name per statistic column, from its header; a header used twice adds its first count
   * ({@code pct_bruising}).
   */
  private static Map<Column, String> statNames(List<Column> columns) {
    Map<String, Long> uses = new HashMap<>();
    columns.stream()
        .filter(c -> !c.isCount())
        .forEach(c -> uses.merge(PageCell.slug(c.header()), 1L, Long::sum));
    Map<Column, String> out = new HashMap<>();
    for (Column c : columns) {
      if (!c.isCount()) {
        String slug = PageCell.slug(c.header());
        out.put(c, uses.get(slug) > 1 && !c.deps().isEmpty() ? slug + "_" + c.deps().get(0) : slug);
      }
    }
    return out;
  }

  private static PageCell countCell(
      CountTable t, Suppression s, TableRow r, Column c, Suppression.Result result, int minCell) {
    String name = t.name();
    Integer id = t.cellId(r.key(), c.key());
    String text =
        CountTable.countText(t.status(result, r.key(), c.key()), r.counts().get(c.key()), minCell);
    Integer ofId = c.of() == null ? null : t.cellId(r.key(), c.of());
    String of = ofId == null ? null : s.name(ofId);
    if (id == null) {
      return new PageCell(name, r.key(), c.key(), null, null, text, null, null, null, null, of);
    }
    Suppression.Status st = result.status(id);
    boolean hidden = st != Suppression.Status.SHOWN;
    String sums = s.sums(id);
    return new PageCell(
        name,
        r.key(),
        c.key(),
        s.name(id),
        hidden ? null : r.counts().get(c.key()).doubleValue(),
        text,
        Suppression.label(st),
        hidden ? result.range(id).low() : null,
        hidden ? result.range(id).high() : null,
        sums,
        of);
  }

  private static PageCell statCell(
      CountTable t, Suppression s, TableRow r, Column c, String column, Suppression.Result result) {
    boolean shown = t.statShown(result, r.key(), c.rule(), c.deps());
    String text = shown ? c.text().apply(r.key()) : "\u2014";
    String why = null;
    if (!shown) {
      why =
          c.deps().stream()
                  .anyMatch(d -> t.status(result, r.key(), d) == Suppression.Status.PRIMARY)
              ? "primary"
              : "complementary";
    }
    String of =
        String.join(
            " ",
            c.deps().stream()
                .map(d -> t.cellId(r.key(), d))
                .map(d -> d == null ? "\u2014" : s.name(d))
                .toList());
    return new PageCell(
        t.name(),
        r.key(),
        column,
        null,
        shown ? PageCell.firstNumber(text) : null,
        text,
        why,
        null,
        null,
        null,
        of);
  }
}
