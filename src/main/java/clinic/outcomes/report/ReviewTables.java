package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
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
    return Html.pct(i.estimate())
        + (i.hasRange() ? " (" + Html.pctInterval(i.low(), i.high()) + ")" : "");
  }

  /** d_z is the mean change over its SD: a standardized change, not an effect of treatment. */
  private static final String DZ = "Standardized change d_z";

  private static HtmlTable statTable(String caption, String first) {
    return new HtmlTable("data")
        .caption(caption)
        .head(
            first,
            "Episodes",
            "Incomplete",
            "Mean improvement",
            "95% CI",
            "Median",
            DZ,
            "Responders (MCID)",
            "Rate (95% CI)",
            "q (t-test)");
  }

  private static void statRow(HtmlTable t, String label, StatRow s) {
    t.row(s.smallN() ? "small" : null)
        .th(label + (s.smallN() ? " (small n)" : ""))
        .td(Long.toString(s.n()), "num")
        .td(Html.count(s.nIncomplete()), "num")
        .td(Html.num(s.change().estimate(), 2), "num")
        .td(Html.interval(s.change().low(), s.change().high(), 2), "num")
        .td(Html.num(s.median(), 2), "num")
        .td(Html.num(s.effectDz(), 2), "num")
        .td(Html.count(s.mcid().count()), "num")
        .td(rate(s.mcid().rate()), "num")
        .td(Html.p(s.tQ()), "num");
  }

  /** Within-session relief has no responder column: an MCID is a change over care, not minutes. */
  private static HtmlTable reliefTable(String caption, String first) {
    return new HtmlTable("data")
        .caption(caption)
        .head(first, "Episodes", "Mean relief", "95% CI", "Median", DZ, "q (t-test)");
  }

  private static void reliefRow(HtmlTable t, String label, StatRow s) {
    t.row(s.smallN() ? "small" : null)
        .th(label + (s.smallN() ? " (small n)" : ""))
        .td(Long.toString(s.n()), "num")
        .td(Html.num(s.change().estimate(), 2), "num")
        .td(Html.interval(s.change().low(), s.change().high(), 2), "num")
        .td(Html.num(s.median(), 2), "num")
        .td(Html.num(s.effectDz(), 2), "num")
        .td(Html.p(s.tQ()), "num");
  }

  /**
   * The end points side by side, per technique: the end of the course (the course figure), right
   * after the last massage (course_immediate: adds that session's minutes-after relief) and the
   * change while clients waited for their first visit (pre_treatment: the untreated yardstick).
   */
  List<Html.Safe> endPoints() {
    List<Html.Safe> out = new ArrayList<>();
    for (String m : data.measures()) {
      HtmlTable t =
          new HtmlTable("data")
              .caption(
                  Measure.of(m).map(Measure::title).orElse(m)
                      + ": end of the course against right after the last massage and the wait"
                      + " before treatment")
              .head(
                  "Technique",
                  "End of course (95% CI)",
                  "n",
                  "Right after the last massage (95% CI)",
                  "n",
                  "While waiting, intake to first visit (95% CI)",
                  "n");
      List<String> rows = new ArrayList<>();
      data.stats("course", m, "technique").forEach(s -> rows.add("technique|" + s.group()));
      groups.keySet().forEach(g -> rows.add("technique_group|" + g));
      rows.add("overall|all");
      for (String key : rows) {
        String by = key.substring(0, key.indexOf('|'));
        String g = key.substring(key.indexOf('|') + 1);
        var course = data.stat("course", m, by, g);
        if (course.isEmpty()) {
          continue;
        }
        var immediate = data.stat("course_immediate", m, by, g);
        var pre = data.stat("pre_treatment", m, by, g);
        String label =
            "overall".equals(by)
                ? "All episodes"
                : "technique_group".equals(by) ? "group: " + Palette.label(g) : Palette.label(g);
        t.row()
            .th(label)
            .td(CaseStudyTables.change(course.get().change()), "num")
            .td(Long.toString(course.get().n()), "num")
            .td(CaseStudyTables.change(immediate.map(StatRow::change).orElse(Interval.NONE)), "num")
            .td(immediate.map(s -> Long.toString(s.n())).orElse("\u2014"), "num")
            .td(CaseStudyTables.change(pre.map(StatRow::change).orElse(Interval.NONE)), "num")
            .td(pre.map(s -> Long.toString(s.n())).orElse("\u2014"), "num");
      }
      out.add(t.html());
    }
    return out;
  }

  /** Course improvement by primary technique, groups and overall, one table per measure. */
  List<Html.Safe> techniques() {
    List<Html.Safe> out = new ArrayList<>();
    for (String m : data.measures()) {
      HtmlTable t =
          statTable(
              Measure.of(m).map(Measure::title).orElse(m)
                  + ": course improvement by primary technique",
              "Technique");
      for (StatRow s : data.stats("course", m, "technique")) {
        statRow(
            t, Palette.label(s.group()) + (s.group().equals(reference) ? " (reference)" : ""), s);
      }
      for (String g : groups.keySet()) {
        data.stat("course", m, "technique_group", g)
            .ifPresent(s -> statRow(t, "group: " + Palette.label(g), s));
      }
      data.stat("course", m, "overall", "all").ifPresent(s -> statRow(t, "All episodes", s));
      out.add(t.html());
    }
    return out;
  }

  /** Relief within a session by the session's technique (nrs_pain). */
  Html.Safe relief() {
    HtmlTable t =
        reliefTable(
            "Pain relief within a session (right before vs minutes after), by the session's"
                + " technique; one averaged pair per episode",
            "Technique");
    for (StatRow s : data.stats("session_relief", Measure.NRS_PAIN.code(), "technique")) {
      reliefRow(t, Palette.label(s.group()), s);
    }
    data.stat("session_relief", Measure.NRS_PAIN.code(), "overall", "all")
        .ifPresent(s -> reliefRow(t, "All episodes", s));
    return t.html();
  }

  /** Comparisons with the reference technique and of adherence. */
  Html.Safe comparisons() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("Differences in course improvement (not randomized)")
            .head(
                "Measure",
                "Compared",
                "n",
                "Difference (Welch 95% CI)",
                "Holm p",
                "Mann-Whitney p",
                "Baseline-adjusted (95% CI)",
                "Risk-adjusted (95% CI)");
    for (ComparisonRow c : data.comparisons()) {
      t.row()
          .th(Measure.of(c.measure()).map(Measure::title).orElse(c.measure()))
          .td(Palette.label(c.level()) + " vs " + Palette.label(c.reference()))
          .td(Html.count(c.nLevel()) + " / " + Html.count(c.nReference()), "num")
          .td(CaseStudyTables.change(c.welch()), "num")
          .td(Html.p(c.holmP()), "num")
          .td(Html.p(c.mannWhitneyP()), "num")
          .td(CaseStudyTables.change(c.ancova()), "num")
          .td(CaseStudyTables.change(c.riskAdjusted()), "num");
    }
    return t.html();
  }

  /** Course improvement by the number of sessions, per measure. */
  List<Html.Safe> sessionBuckets() {
    List<Html.Safe> out = new ArrayList<>();
    for (String m : data.measures()) {
      HtmlTable t =
          statTable(
              Measure.of(m).map(Measure::title).orElse(m)
                  + ": course improvement by number of sessions",
              "Sessions");
      for (StatRow s : data.stats("course", m, "session_bucket")) {
        statRow(t, s.group(), s);
      }
      out.add(t.html());
    }
    return out;
  }

  /** Dose-response per measure and model. */
  Html.Safe dose() {
    HtmlTable t =
        new HtmlTable("data")
            .caption("More sessions, more relief? Slopes in points per session")
            .head(
                "Measure",
                "Model",
                "Episodes",
                "Slope per session (95% CI)",
                "p",
                "Spearman \u03c1",
                "p");
    for (DoseRow d :
        data.dose().stream()
            .sorted((a, b) -> GroupOrder.INSTANCE.compare(a.measure(), b.measure()))
            .toList()) {
      t.row()
          .th(Measure.of(d.measure()).map(Measure::title).orElse(d.measure()))
          .td(modelLabel(d.model()))
          .td(Html.count(d.n()), "num")
          .td(CaseStudyTables.change(d.slope()), "num")
          .td(Html.p(d.slopeP()), "num")
          .td(Html.num(d.rho(), 2), "num")
          .td(Html.p(d.rhoP()), "num");
    }
    return t.html();
  }

  static String modelLabel(String model) {
    return switch (model == null ? "" : model) {
      case "between_episodes" -> "across courses of different length (association)";
      case "within_episode" -> "within a course, sessions 1-6";
      case "within_episode_late" -> "within a course, later sessions (plateau?)";
      default -> String.valueOf(model);
    };
  }

  /**
   * Follow-up per measure and horizon: reply rate, completers, and everyone due (baseline carried
   * forward).
   */
  Html.Safe followup() {
    HtmlTable t =
        new HtmlTable("data")
            .caption(
                "Follow-up at fixed horizons after the last session (closed episodes"
                    + " whose window has ended)")
            .head(
                "Measure",
                "Horizon",
                "Due",
                "Answered",
                "Reply rate",
                "Mean improvement of those who answered (95% CI)",
                "Responders (MCID) of those who answered",
                "Responders (MCID), no answer counted as no change");
    for (String m : data.measures()) {
      for (String h : data.horizons()) {
        data.stat("followup_" + h, m, "overall", "all")
            .ifPresent(
                s ->
                    t.row()
                        .th(Measure.of(m).map(Measure::title).orElse(m))
                        .td(h)
                        .td(
                            Long.toString(s.n() + (s.nIncomplete() == null ? 0 : s.nIncomplete())),
                            "num")
                        .td(Long.toString(s.n()), "num")
                        .td(Html.pct(s.followupRate()), "num")
                        .td(CaseStudyTables.change(s.change()), "num")
                        .td(rate(s.mcid().rate()), "num")
                        .td(
                            rate(
                                data.stat("followup_" + h + "_bocf", m, "overall", "all")
                                    .map(b -> b.mcid().rate())
                                    .orElse(Interval.NONE)),
                            "num"));
      }
    }
    return t.html();
  }
}
