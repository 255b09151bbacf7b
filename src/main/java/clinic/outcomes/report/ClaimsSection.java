package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The claims and their verdicts, as a table for the monthly review and for the case study. */
final class ClaimsSection {
  private final List<ClaimRow> claims;
  private final List<Integer> nCells = new ArrayList<>();

  ClaimsSection(List<ClaimRow> claims) {
    this.claims = claims;
  }

  /** The full table of the monthly review. */
  Html.Safe review() {
    HtmlTable t =
        new HtmlTable("claims")
            .head("Claim", "Statement", "Verdict", "Estimate", "Interval", "Claimed", "n", "Why");
    for (ClaimRow c : claims) {
      t.row()
          .th(c.id())
          .td(c.statement())
          .html(badge(c.verdict()), null)
          .td(ClaimText.estimate(c), "num")
          .td(ClaimText.interval(c) + " (" + ClaimText.confidence(c.confidence()) + ")")
          .td(ClaimText.threshold(c))
          .td(Html.count(c.n()), "num")
          .html(why(c.explanation()), null);
    }
    return t.html();
  }

  /**
   * The explanation folded: its first clause shows, the rest expands (no script: works offline and
   * in print).
   */
  private static Html.Safe why(String explanation) {
    if (explanation == null) {
      return Html.text("");
    }
    int cut = explanation.indexOf(" (");
    String summary = cut > 0 && cut < 120 ? explanation.substring(0, cut) + " \u2026" : "Why";
    return Html.join(
        new Html.Safe("<details><summary>"),
        Html.text(summary),
        new Html.Safe("</summary>"),
        Html.text(explanation),
        new Html.Safe("</details>"));
  }

  /** Counts per verdict, for the summary at the top of both reports. */
  static Html.Safe summary(List<ClaimRow> claims) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String v : List.of("supported", "contradicted", "inconclusive", "insufficient_data")) {
      counts.put(v, 0);
    }
    claims.forEach(
        c -> counts.merge(c.verdict() == null ? "unknown" : c.verdict(), 1, Integer::sum));
    HtmlTable t =
        new HtmlTable("verdicts")
            .caption("The " + claims.size() + " published claims, by verdict")
            .head("Verdict", "Claims");
    counts.forEach((v, n) -> t.row().html(badge(v), null).td(Integer.toString(n), "num"));
    return t.html();
  }

  /** The published sentences the records cannot test, with the reason: no verdict beside them. */
  static Html.Safe untestable(List<UntestableRow> sentences) {
    if (sentences.isEmpty()) {
      return Html.text("");
    }
    HtmlTable t =
        new HtmlTable("untestable")
            .caption("Published sentences these records cannot test")
            .head("Sentence", "Why it cannot be tested here");
    for (UntestableRow u : sentences) {
      t.row().td(u.statement()).td(u.reason());
    }
    return t.html();
  }

  /** Registers the n of every claim (a count of episodes) for suppression. */
  void register(Suppression s) {
    for (ClaimRow c : claims) {
      nCells.add(c.n() == null ? -1 : s.cell("claims/" + c.id() + "/n", c.n()));
    }
  }

  /**
   * True when the estimate of claim {@code i} may be published: its n is shown, and, where the
   * estimate is a proportion of n, neither the count it implies nor its complement is small.
   */
  boolean figuresShown(int i, Suppression.Result r, int minCell) {
    ClaimRow c = claims.get(i);
    int id = nCells.get(i);
    if (id >= 0 && r.hidden(id)) {
      return false;
    }
    Double e = c.value().estimate();
    if (e != null && c.n() != null && e >= 0 && e <= 1) {
      double implied = e * c.n();
      long k = Math.round(implied);
      boolean proportion =
          Math.abs(implied - k) < 1e-6
              || (c.statistic() != null && c.statistic().matches(".*(rate|proportion|share).*"));
      if (proportion
          && (Suppression.isSmall(k, minCell) || Suppression.isSmall(c.n() - k, minCell))) {
        return false;
      }
    }
    return true;
  }

  /** The case-study table: figures only where they may be shown, sentences that are safe. */
  Html.Safe caseStudy(Suppression.Result r, int minCell) {
    HtmlTable t =
        new HtmlTable("claims figures")
            .attr("data-table", "claims")
            .head(
                "Claim",
                "Verdict",
                "Estimate",
                "Interval",
                "Claimed",
                "Episodes",
                "What the records say");
    for (int i = 0; i < claims.size(); i++) {
      ClaimRow c = claims.get(i);
      boolean shown = figuresShown(i, r, minCell);
      int id = nCells.get(i);
      String n =
          id < 0
              ? "\u2014"
              : r.status(id) == Suppression.Status.PRIMARY
                  ? "<" + minCell
                  : r.hidden(id) ? "*" : Long.toString(c.n());
      String sentence =
          shown && ClaimText.safeToPublish(c.explanation(), c, minCell)
              ? c.explanation()
              : ClaimText.published(c, shown, minCell);
      t.row("other")
          .attr("data-key", c.id())
          .html(
              Html.join(
                  Html.element("strong", null, c.statement()),
                  Html.element("span", "claim-id", c.id())),
              "statement")
          .html(badge(c.verdict()), null)
          .td(
              shown ? ClaimText.estimate(c) : "\u2014",
              shown ? "stat" : "stat suppressed",
              Map.of("data-dep", "n", "data-rule", "group"))
          .td(
              shown
                  ? ClaimText.interval(c) + " (" + ClaimText.confidence(c.confidence()) + ")"
                  : "\u2014",
              shown ? "stat" : "stat suppressed",
              Map.of("data-dep", "n", "data-rule", "group"))
          .td(ClaimText.threshold(c))
          .td(n, "count", Map.of("data-col", "n"))
          .td(sentence);
    }
    return t.html();
  }

  /** The suppression id of each claim's n (-1 where a claim has none), in claim order. */
  List<Integer> nCells() {
    return nCells;
  }

  /** The claims' figures as published, for {@code case_study_cells}. */
  List<PageCell> cells(Suppression s, Suppression.Result r, int minCell) {
    List<PageCell> out = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      ClaimRow c = claims.get(i);
      int id = nCells.get(i);
      boolean shown = figuresShown(i, r, minCell);
      String of = id < 0 ? null : s.name(id);
      if (id >= 0) {
        Suppression.Status st = r.status(id);
        boolean hidden = r.hidden(id);
        out.add(
            new PageCell(
                "claims",
                c.id(),
                "n",
                s.name(id),
                hidden ? null : c.n().doubleValue(),
                st == Suppression.Status.PRIMARY
                    ? "<" + minCell
                    : hidden ? "*" : Long.toString(c.n()),
                Suppression.label(st),
                hidden ? r.range(id).low() : null,
                hidden ? r.range(id).high() : null,
                s.sums(id),
                null));
      }
      String why =
          shown
              ? null
              : id >= 0 && r.status(id) == Suppression.Status.COMPLEMENTARY
                  ? "complementary"
                  : "primary";
      String text = shown ? Html.num(c.value().estimate(), 2) : "\u2014";
      out.add(
          new PageCell(
              "claims",
              c.id(),
              "estimate",
              null,
              PageCell.firstNumber(text),
              text,
              why,
              null,
              null,
              null,
              of));
    }
    return out;
  }

  /** The claims with suppressed figures removed, for the case-study forest plot. */
  List<ClaimRow> censored(Suppression.Result r, int minCell) {
    List<ClaimRow> out = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      ClaimRow c = claims.get(i);
      out.add(
          figuresShown(i, r, minCell)
              ? c
              : new ClaimRow(
                  c.id(),
                  c.statement(),
                  c.statistic(),
                  Interval.NONE,
                  c.confidence(),
                  null,
                  c.operator(),
                  c.threshold(),
                  c.minN(),
                  c.verdict(),
                  null));
    }
    return out;
  }

  /** A coloured verdict label. */
  static Html.Safe badge(String verdict) {
    String v = verdict == null ? "unknown" : verdict;
    return new Html.Safe(
        "<span class=\"verdict "
            + Html.escape(v.replaceAll("[^a-z_]", ""))
            + "\">"
            + Html.escape(ClaimText.verdict(v))
            + "</span>");
  }
}
