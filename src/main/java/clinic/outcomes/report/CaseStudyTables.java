package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import clinic.outcomes.report.CountTable.Kind;
import clinic.outcomes.report.CountTable.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The count tables of the case study, built from the run's figures. Groups are episodes (course,
 * follow-up, trajectory) or sessions (safety); therapists, clients and dates never appear.
 */
final class CaseStudyTables {
  private static final String NRS = Measure.NRS_PAIN.code();

  private final ReportData data;
  private final String reference;
  private final Map<String, List<String>> groups;
  private final List<String> techniques;

  /** Course tables by measure. */
  final Map<String, CountTable> course = new LinkedHashMap<>();

  /** Course by number of sessions (nrs_pain). */
  final CountTable buckets;

  /** Follow-up by measure. */
  final CountTable followup;

  /** Adverse events per session by technique and event. */
  final CountTable safetySessions;

  /** Any adverse event per episode by technique. */
  final CountTable safetyEpisodes;

  /** Quarterly trend. */
  final CountTable quarters;

  /** The quarters behind {@link #quarters}. */
  final List<Quarters.Quarter> quarterRows;

  /** Events shown in the safety tables (any first). */
  final List<String> events;

  CaseStudyTables(
      ReportData data,
      String reference,
      Map<String, List<String>> groups,
      List<String> techniques) {
    this.data = data;
    this.reference = reference;
    this.groups = groups;
    this.techniques = techniques;
    for (String m : data.measures()) {
      course.put(m, courseTable(m));
    }
    buckets = bucketTable();
    followup = followupTable();
    SafetyTables safety = new SafetyTables(data, reference, groups);
    events = safety.events;
    safetySessions = safety.sessionTable();
    safetyEpisodes = safety.episodeTable();
    quarterRows = Quarters.of(data);
    quarters = quarterTable();
  }

  /** Every table, for registration and rendering. */
  List<CountTable> all() {
    List<CountTable> t = new ArrayList<>(course.values());
    t.addAll(List.of(buckets, followup, safetySessions, safetyEpisodes, quarters));
    return t;
  }

  private CountTable courseTable(String m) {
    CountTable t =
        new CountTable(
            "course_" + m,
            Measure.of(m).map(Measure::title).orElse(m)
                + ": improvement over a course of care, by main technique");
    t.count("n", "Episodes", null).count("resp", "Responders (MCID)", "n");
    t.stat(
        "Mean improvement (95% CI)",
        Rule.GROUP_SHOWN, List.of("n"), k -> change(data.stat("course", m, groupByOf(k), k)));
    t.stat(
        "Responder rate (95% CI)",
        Rule.ALL_SHOWN,
        List.of("resp", "n"),
        k -> rate(data.stat("course", m, groupByOf(k), k).map(s -> s.mcid().rate())));
    for (String tech : techniques) {
      data.stat("course", m, "technique", tech)
          .ifPresent(
              s ->
                  t.row(
                      Kind.PART,
                      tech,
                      Palette.label(tech) + (tech.equals(reference) ? " (reference)" : ""),
                      null,
                      courseCounts(s)));
    }
    groups.forEach(
        (g, members) ->
            data.stat("course", m, "technique_group", g)
                .ifPresent(
                    s ->
                        t.row(
                            Kind.GROUP,
                            g,
                            Palette.label(g)
                                + " ("
                                + String.join(", ", members.stream().map(Palette::label).toList())
                                + ")",
                            members,
                            courseCounts(s))));
    data.stat("course", m, "overall", "all")
        .ifPresent(s -> t.row(Kind.TOTAL, "all", "All episodes", null, courseCounts(s)));
    return t;
  }

  private String groupByOf(String key) {
    return key.equals("all")
        ? "overall"
        : groups.containsKey(key) ? "technique_group" : "technique";
  }

  private static Map<String, Long> courseCounts(StatRow s) {
    Map<String, Long> c = new HashMap<>();
    c.put("n", s.n());
    c.put("resp", s.mcid().count());
    return c;
  }

  private CountTable bucketTable() {
    CountTable t =
        new CountTable(
            "course_by_sessions",
            Measure.NRS_PAIN.title() + ": improvement by number of sessions in the episode");
    t.count("n", "Episodes", null).count("resp", "Responders (MCID)", "n");
    t.stat(
        "Mean improvement (95% CI)",
        Rule.GROUP_SHOWN,
        List.of("n"),
        k ->
            change(
                k.equals("all")
                    ? data.stat("course", NRS, "overall", "all")
                    : data.stat("course", NRS, "session_bucket", k)));
    t.stat(
        "Responder rate (95% CI)",
        Rule.ALL_SHOWN,
        List.of("resp", "n"),
        k ->
            rate(
                (k.equals("all")
                        ? data.stat("course", NRS, "overall", "all")
                        : data.stat("course", NRS, "session_bucket", k))
                    .map(s -> s.mcid().rate())));
    for (StatRow s : data.stats("course", NRS, "session_bucket")) {
      t.row(
          Kind.PART,
          s.group(),
          s.group() + (s.group().equals("1") ? " session" : " sessions"),
          null,
          courseCounts(s));
    }
    data.stat("course", NRS, "overall", "all")
        .ifPresent(s -> t.row(Kind.TOTAL, "all", "All episodes", null, courseCounts(s)));
    t.same("all", "n", "course_nrs_pain/all/n").same("all", "resp", "course_nrs_pain/all/resp");
    return t;
  }

  /** The follow-up horizon the case study publishes (the lasting-relief claims use it too). */
  static final String FOLLOWUP = "followup_6m";

  private CountTable followupTable() {
    CountTable t =
        new CountTable(
            "followup",
            "Does relief last? Follow-up 6 months after the last session"
                + " (within 30 days), courses whose window has ended");
    t.count("n", "With follow-up", null).count("missing", "Without follow-up", null);
    t.stat(
        "Follow-up rate",
        Rule.ALL_SHOWN,
        List.of("n", "missing"),
        k ->
            Html.pct(
                data.stat(FOLLOWUP, k, "overall", "all").map(StatRow::followupRate).orElse(null)));
    t.stat(
        "Mean improvement, completers (95% CI)",
        Rule.GROUP_SHOWN, List.of("n"), k -> change(data.stat(FOLLOWUP, k, "overall", "all")));
    t.stat(
        "Everyone due: no follow-up = no improvement (95% CI)",
        Rule.ALL_SHOWN,
        List.of("n", "missing"),
        k -> change(data.stat(FOLLOWUP + "_bocf", k, "overall", "all")));
    for (String m : data.measures()) {
      data.stat(FOLLOWUP, m, "overall", "all")
          .ifPresent(
              s -> {
                Map<String, Long> c = new HashMap<>();
                c.put("n", s.n());
                c.put("missing", s.nIncomplete());
                t.row(Kind.OTHER, m, Measure.of(m).map(Measure::title).orElse(m), null, c);
              });
    }
    return t;
  }

  private CountTable quarterTable() {
    CountTable t =
        new CountTable(
            "quarters", "Quarter by quarter (pain, episodes by the quarter of their last session)");
    t.count("sessions", "Sessions", null)
        .count("n", "Episodes ending", null)
        .count("resp", "Responders (MCID)", "n");
    t.stat("Mean improvement (95% CI)", Rule.GROUP_SHOWN, List.of("n"), k -> quarterText(k, true));
    t.stat(
        "Responder rate (95% CI)",
        Rule.ALL_SHOWN, List.of("resp", "n"), k -> quarterText(k, false));
    long sessions = 0;
    long n = 0;
    long resp = 0;
    for (Quarters.Quarter q : quarterRows) {
      Map<String, Long> c = new HashMap<>();
      c.put("sessions", q.sessions());
      c.put("n", q.episodes());
      c.put("resp", q.responders());
      t.row(Kind.PART, q.label(), q.label(), null, c);
      sessions += q.sessions();
      n += q.episodes();
      resp += q.responders();
    }
    Map<String, Long> total = new HashMap<>();
    total.put("sessions", sessions);
    total.put("n", n);
    total.put("resp", resp);
    if (!quarterRows.isEmpty()) {
      t.row(Kind.TOTAL, "all", "All quarters", null, total);
    }
    t.same("all", "n", "course_nrs_pain/all/n")
        .same("all", "resp", "course_nrs_pain/all/resp")
        .same("all", "sessions", "records/sessions/count");
    return t;
  }

  private String quarterText(String key, boolean change) {
    if (key.equals("all")) {
      Optional<StatRow> s = data.stat("course", NRS, "overall", "all");
      return change ? change(s) : rate(s.map(x -> x.mcid().rate()));
    }
    Quarters.Quarter q =
        quarterRows.stream().filter(x -> x.label().equals(key)).findFirst().orElseThrow();
    return change ? change(q.change()) : rate(q.rate());
  }

  static String change(Optional<StatRow> s) {
    return s.map(x -> change(x.change())).orElse("\u2014");
  }

  static String change(Interval i) {
    if (!i.present()) {
      return "\u2014";
    }
    return Html.num(i.estimate(), 2)
        + (i.hasRange() ? " (" + Html.interval(i.low(), i.high(), 2) + ")" : "");
  }

  static String rate(Optional<Interval> i) {
    return i.map(CaseStudyTables::rate).orElse("\u2014");
  }

  static String rate(Interval i) {
    if (!i.present()) {
      return "\u2014";
    }
    return Html.pct(i.estimate())
        + (i.hasRange() ? " (" + Html.pctInterval(i.low(), i.high()) + ")" : "");
  }
}
