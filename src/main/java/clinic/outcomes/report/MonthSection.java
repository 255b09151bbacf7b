package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The review month against the twelve months before it (from the {@code monthly} table). */
final class MonthSection {
  private final ReportData data;
  private final YearMonth month;

  MonthSection(ReportData data, YearMonth month) {
    this.data = data;
    this.month = month;
  }

  /** The month's row, if the data have one. */
  Optional<MonthRow> row() {
    return data.months().stream().filter(m -> m.month().equals(month.toString())).findFirst();
  }

  /** The months in the twelve before the review month that have data. */
  List<MonthRow> trailing() {
    String from = month.minusMonths(12).toString();
    String to = month.minusMonths(1).toString();
    return data.months().stream()
        .filter(m -> m.month().compareTo(from) >= 0 && m.month().compareTo(to) <= 0)
        .toList();
  }

  /** Index of the review month in {@code data.months()}, or null. */
  Integer index() {
    for (int i = 0; i < data.months().size(); i++) {
      if (data.months().get(i).month().equals(month.toString())) {
        return i;
      }
    }
    return null;
  }

  /** Fewer episodes (or sessions) than this in a month make its rate a thin month's. */
  static final long THIN = 20;

  /**
   * Table: each monthly figure, this month, the trailing mean and range, and the difference. Only
   * the two rates are flagged, by p-chart limits from the trailing twelve months (SPEC {@code
   * monthly}); a flag is coloured by whether the change is good or bad for clients. The counts are
   * descriptive: a month outside the trailing range is common by chance, so they carry no flag.
   */
  Html.Safe comparison() {
    List<MonthRow> trailing = trailing();
    HtmlTable t =
        new HtmlTable("month")
            .caption(
                month
                    + " against the "
                    + trailing.size()
                    + " months before it ("
                    + (trailing.isEmpty()
                        ? "none"
                        : trailing.get(0).month()
                            + " to "
                            + trailing.get(trailing.size() - 1).month())
                    + ")")
            .head(
                "Figure",
                month.toString(),
                "Trailing mean per month",
                "Trailing range",
                "Difference",
                "");
    addRow(t, "Sessions", r -> toDouble(r.sessions()), 0, false, null, true);
    addRow(t, "Clients seen", r -> toDouble(r.clients()), 0, false, null, true);
    addRow(t, "New episodes of care", r -> toDouble(r.newEpisodes()), 0, false, null, true);
    addRow(t, "Episodes closed", r -> toDouble(r.closedEpisodes()), 0, false, null, true);
    addRow(
        t,
        "Mean pain relief within a session (NRS points)",
        MonthRow::relief,
        2,
        false,
        null,
        true);
    addRow(
        t,
        "Mean pain improvement over the course, episodes ending this month",
        MonthRow::courseImprovement,
        2,
        false,
        null,
        true);
    addRow(
        t,
        "Responders (pain down by the MCID or more)",
        MonthRow::responderRate,
        1,
        true,
        MonthRow::responderControl,
        true);
    addRow(
        t,
        "Sessions with an adverse event",
        MonthRow::adverseEventRate,
        1,
        true,
        MonthRow::adverseControl,
        false);
    return t.html();
  }

  private void addRow(
      HtmlTable t,
      String label,
      Function<MonthRow, Double> f,
      int digits,
      boolean pct,
      Function<MonthRow, MonthRow.Control> control,
      boolean higherIsGood) {
    Double now = row().map(f).orElse(null);
    DoubleSummaryStatistics s = new DoubleSummaryStatistics();
    for (MonthRow r : trailing()) {
      Double v = f.apply(r);
      if (v != null) {
        s.accept(v);
      }
    }
    Double mean = s.getCount() == 0 ? null : s.getAverage();
    String range =
        s.getCount() == 0
            ? "\u2014"
            : fmt(s.getMin(), digits, pct) + " to " + fmt(s.getMax(), digits, pct);
    Double diff = now == null || mean == null ? null : now - mean;
    String flag = "";
    String css = null;
    MonthRow.Control c = control == null ? null : row().map(control).orElse(null);
    if (c != null && c.flag() != null) {
      boolean good = "above".equals(c.flag()) == higherIsGood;
      flag =
          (c.flag().equals("above") ? "above" : "below")
              + " the control limits ("
              + fmt(c.low(), digits, pct)
              + " to "
              + fmt(c.high(), digits, pct)
              + "): "
              + (good ? "better than usual" : "worse than usual");
      css = good ? "flag good" : "flag";
    }
    if (c != null && c.n() != null && c.n() < THIN) {
      flag = (flag.isEmpty() ? "" : flag + "; ") + "thin month (n = " + c.n() + ")";
      css = css == null ? "thin" : css;
    }
    t.row()
        .th(label)
        .td(fmt(now, digits, pct), "num")
        .td(fmt(mean, digits == 0 ? 1 : digits, pct), "num")
        .td(range, "num")
        .td(
            diff == null
                ? "\u2014"
                : (diff > 0 ? "+" : "") + fmt(diff, digits == 0 ? 1 : digits, pct),
            "num")
        .td(flag, css);
  }

  private static String fmt(Double v, int digits, boolean pct) {
    if (v == null) {
      return "\u2014";
    }
    return pct ? Html.num(100 * v, digits) + "\u00a0%" : Html.num(v, digits);
  }

  private static Double toDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }

  /** Table: course outcomes of the episodes that ended in the review month, by measure. */
  Html.Safe episodes() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Episodes of care that ended in " + month)
            .head(
                "Measure",
                "Episodes",
                "Mean improvement",
                "95% CI",
                "Responders (MCID)",
                "Rate (95% CI)");
    List<String> measures = new ArrayList<>(data.measures());
    for (String m : measures) {
      data.stat("course", m, "month", month.toString())
          .ifPresent(
              s ->
                  t.row()
                      .th(Measure.of(m).map(Measure::title).orElse(m))
                      .td(Long.toString(s.n()), "num")
                      .td(Html.num(s.change().estimate(), 2), "num")
                      .td(Html.interval(s.change().low(), s.change().high(), 2), "num")
                      .td(Html.count(s.mcid().count()), "num")
                      .td(ReviewTables.rate(s.mcid().rate()), "num"));
    }
    if (t.size() == 0) {
      t.row().td("No episode with a complete course ended in this month.");
    }
    return t.html();
  }
}
