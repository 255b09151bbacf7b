package clinic.outcomes.report;

import clinic.outcomes.validate.Validated.Accounting;
import java.util.List;
import java.util.Map;

/** Safety and data-quality tables of the monthly review. */
final class QualitySection {
  private final ReportData data;
  private final Map<String, Accounting> accounting;

  QualitySection(ReportData data, Map<String, Accounting> accounting) {
    this.data = data;
    this.accounting = accounting;
  }

  /** Any adverse event per session and per episode, by technique. */
  Html.Safe safetyByTechnique() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Adverse events by technique (any event)")
            .head(
                "Technique",
                "Sessions recorded",
                "With an event",
                "Rate (95% CI)",
                "Episodes",
                "With an event",
                "Rate (95% CI)");
    List<String> techniques =
        data.safety().stream()
            .map(SafetyRow::technique)
            .distinct()
            .sorted((a, b) -> a.equals("all") ? 1 : b.equals("all") ? -1 : a.compareTo(b))
            .toList();
    for (String tech : techniques) {
      SafetyRow s = find("session", tech, "any");
      SafetyRow e = find("episode", tech, "any");
      t.row()
          .th(tech.equals("all") ? "All" : Palette.label(tech))
          .td(s == null ? "\u2014" : Long.toString(s.n()), "num")
          .td(s == null ? "\u2014" : Long.toString(s.events()), "num")
          .td(s == null ? "\u2014" : ReviewTables.rate(s.rate()), "num")
          .td(e == null ? "\u2014" : Long.toString(e.n()), "num")
          .td(e == null ? "\u2014" : Long.toString(e.events()), "num")
          .td(e == null ? "\u2014" : ReviewTables.rate(e.rate()), "num");
    }
    return t.html();
  }

  /** Each event type, all techniques, per session and per episode. */
  Html.Safe safetyByEvent() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Adverse events by type (all techniques)")
            .head(
                "Event",
                "Sessions",
                "Rate per session (95% CI)",
                "Episodes",
                "Rate per episode (95% CI)");
    data.safety().stream()
        .filter(
            s ->
                s.technique().equals("all")
                    && s.unit().equals("session")
                    && !s.event().equals("contraindicated_without_clearance"))
        .forEach(
            s -> {
              SafetyRow e = find("episode", "all", s.event());
              t.row()
                  .th(Palette.label(s.event()))
                  .td(Long.toString(s.events()), "num")
                  .td(ReviewTables.rate(s.rate()), "num")
                  .td(e == null ? "\u2014" : Long.toString(e.events()), "num")
                  .td(e == null ? "\u2014" : ReviewTables.rate(e.rate()), "num");
            });
    SafetyRow c = find("session", "all", "contraindicated_without_clearance");
    if (c != null) {
      t.row("flag-row")
          .th("Sessions for clients with a contraindication and no medical clearance")
          .td(Long.toString(c.events()), "num")
          .td("of " + c.n() + " sessions")
          .td("")
          .td("");
    }
    return t.html();
  }

  private SafetyRow find(String unit, String technique, String event) {
    return data.safety().stream()
        .filter(
            s ->
                s.unit().equals(unit) && s.technique().equals(technique) && s.event().equals(event))
        .findFirst()
        .orElse(null);
  }

  /** read = accepted + rejected + duplicate, per input file. */
  Html.Safe accounting() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Input accounting: read = accepted + rejected + duplicate")
            .head("File", "Read", "Accepted", "Rejected", "Duplicate", "Balances");
    if (accounting != null) {
      accounting.forEach(
          (file, a) ->
              t.row(a.balances() ? null : "flag-row")
                  .th(file)
                  .td(Long.toString(a.read()), "num")
                  .td(Long.toString(a.accepted()), "num")
                  .td(Long.toString(a.rejected()), "num")
                  .td(Long.toString(a.duplicate()), "num")
                  .td(a.balances() ? "yes" : "NO"));
    }
    if (t.size() == 0) {
      t.row().td("No accounting was given.");
    }
    return t.html();
  }

  /** The most frequent reject reasons. */
  Html.Safe reasons() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Most frequent reasons for rejecting a row (a row can have several)")
            .head("Reason", "Rows");
    data.topReasons().forEach((r, n) -> t.row().th(r).td(Long.toString(n), "num"));
    if (t.size() == 0) {
      t.row().td("No row was rejected.").td("");
    }
    return t.html();
  }
}
