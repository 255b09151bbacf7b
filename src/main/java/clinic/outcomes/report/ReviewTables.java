package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The technique, session-count and follow-up tables of the monthly review (all figures shown). */
final class ReviewTables {
  private final ReportData data;
  private final String reference;
  private final Map<String, List<String>> groups;

  ReviewTables(ReportData data, String reference, Map<String, List<String>> groups) {
    this.data = data;
    this.reference = reference;
    this.groups = groups;
  }

  /** A rate with its interval, as percentages. */
  static String rate(Interval i) {
    if (!i.present()) {
      return "\u2014";
    }
    return Html.pct(i.estimate()) + (i.hasRange() ? " (" + Html.pctInterval(i.low(), i.high()) + ")" : "");
  }

  private static HtmlTable statTable(String caption, String first) {
    return new HtmlTable("data").caption(caption).head(first, "Episodes", "Incomplete", "Mean improvement",
        "95% CI", "Median", "Effect d_z", "Responders (MCID)", "Rate (95% CI)", "q (t-test)");
  }

  private static void statRow(HtmlTable t, String label, StatRow s) {
    t.row(s.smallN() ? "small" : null).th(label + (s.smallN() ? " (small n)" : ""))
        .td(Long.toString(s.n()), "num").td(Html.count(s.nIncomplete()), "num")
        .td(Html.num(s.change().estimate(), 2), "num").td(Html.interval(s.change().low(), s.change().high(), 2), "num")
        .td(Html.num(s.median(), 2), "num").td(Html.num(s.effectDz(), 2), "num")
        .td(Html.count(s.mcid().count()), "num").td(rate(s.mcid().rate()), "num").td(Html.p(s.tQ()), "num");
  }

  /** Course improvement by primary technique, groups and overall, one table per measure. */
  List<Html.Safe> techniques() {
    List<Html.Safe> out = new ArrayList<>();
    for (String m : data.measures()) {
      HtmlTable t = statTable(Measures.title(m) + ": course improvement by primary technique", "Technique");
      for (StatRow s : data.stats("course", m, "technique")) {
        statRow(t, Palette.label(s.group()) + (s.group().equals(reference) ? " (reference)" : ""), s);
      }
      for (String g : groups.keySet()) {
        data.stat("course", m, "technique_group", g).ifPresent(s -> statRow(t, "group: " + Palette.label(g), s));
      }
      data.stat("course", m, "overall", "all").ifPresent(s -> statRow(t, "All episodes", s));
      out.add(t.html());
    }
    return out;
  }

  /** Relief within a session by the session's technique (nrs_pain). */
  Html.Safe relief() {
    HtmlTable t = statTable("Pain relief within a session (before vs after), by the session's technique",
        "Technique");
    for (StatRow s : data.stats("session_relief", "nrs_pain", "technique")) {
      statRow(t, Palette.label(s.group()), s);
    }
    data.stat("session_relief", "nrs_pain", "overall", "all").ifPresent(s -> statRow(t, "All sessions", s));
    return t.html();
  }

  /** Comparisons with the reference technique and of adherence. */
  Html.Safe comparisons() {
    HtmlTable t = new HtmlTable("data").caption("Differences in course improvement (not randomized)")
        .head("Measure", "Compared", "n", "Difference (Welch 95% CI)", "Holm p", "Mann-Whitney p",
            "Baseline-adjusted (95% CI)", "Risk-adjusted (95% CI)");
    for (ComparisonRow c : data.comparisons()) {
      t.row().th(Measures.title(c.measure())).td(Palette.label(c.level()) + " vs " + Palette.label(c.reference()))
          .td(Html.count(c.nLevel()) + " / " + Html.count(c.nReference()), "num")
          .td(CaseStudyTables.change(c.welch()), "num").td(Html.p(c.holmP()), "num").td(Html.p(c.mannWhitneyP()), "num")
          .td(CaseStudyTables.change(c.ancova()), "num").td(CaseStudyTables.change(c.riskAdjusted()), "num");
    }
    return t.html();
  }

  /** Course improvement by the number of sessions, per measure. */
  List<Html.Safe> sessionBuckets() {
    List<Html.Safe> out = new ArrayList<>();
    for (String m : data.measures()) {
      HtmlTable t = statTable(Measures.title(m) + ": course improvement by number of sessions", "Sessions");
      for (StatRow s : data.stats("course", m, "session_bucket")) {
        statRow(t, s.group(), s);
      }
      out.add(t.html());
    }
    return out;
  }

  /** Dose-response per measure. */
  Html.Safe dose() {
    HtmlTable t = new HtmlTable("data").caption("Dose-response: course improvement against the number of sessions")
        .head("Measure", "Episodes", "Slope per session (95% CI)", "p", "Spearman \u03c1", "p");
    for (DoseRow d : data.dose().stream().sorted((a, b) -> GroupOrder.INSTANCE.compare(a.measure(), b.measure()))
        .toList()) {
      t.row().th(Measures.title(d.measure())).td(Html.count(d.n()), "num").td(CaseStudyTables.change(d.slope()), "num")
          .td(Html.p(d.slopeP()), "num").td(Html.num(d.rho(), 2), "num").td(Html.p(d.rhoP()), "num");
    }
    return t.html();
  }

  /** Follow-up per measure with the follow-up rate and the worst case. */
  Html.Safe followup() {
    HtmlTable t = new HtmlTable("data").caption("Follow-up 14 to 365 days after the last session (closed episodes)")
        .head("Measure", "With follow-up", "Without", "Follow-up rate", "Mean improvement (95% CI)",
            "Responders (MCID)", "Worst case (95% CI)");
    for (String m : data.measures()) {
      data.stat("followup", m, "overall", "all").ifPresent(s -> t.row().th(Measures.title(m))
          .td(Long.toString(s.n()), "num").td(Html.count(s.nIncomplete()), "num").td(Html.pct(s.followupRate()), "num")
          .td(CaseStudyTables.change(s.change()), "num").td(rate(s.mcid().rate()), "num")
          .td(CaseStudyTables.change(data.stat("followup_worst_case", m, "overall", "all").map(StatRow::change)
              .orElse(Interval.NONE)), "num"));
    }
    return t.html();
  }
}
