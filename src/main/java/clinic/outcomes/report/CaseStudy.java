package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code case-study.html}: the anonymized report for publishing. Aggregates only, months at most,
 * small counts suppressed with complementary suppression, charts drawn from the published figures.
 */
final class CaseStudy {
  private final ReportData data;
  private final Settings settings;

  CaseStudy(ReportData data, Settings settings) {
    this.data = data;
    this.settings = settings;
  }

  /**
   * The page, or why it is not published, with every figure it publishes.
   *
   * @param html the page; null when the disclosure audit refuses it
   * @param cells every figure of the page with its status and the audit's range ({@code
   *     case_study_cells})
   * @param refusal a one-line reason the page is not published, or null
   */
  record Page(String html, List<PageCell> cells, String refusal) {}

  /**
   * Decides the suppression, audits it, draws the charts into {@code chartsDir} and returns the
   * page.
   */
  Page render(Path chartsDir) {
    int min = settings.minCellSize();
    String ref = settings.referenceTechnique();
    List<String> techniques = new ReportCharts(data, ref, chartsDir, "").techniques();
    CaseStudyTables tables = new CaseStudyTables(data, ref, settings.techniqueGroups(), techniques);
    ClaimsSection claims = new ClaimsSection(data.claims());
    CountTable keys = keyFigures();
    Suppression s = new Suppression(min);
    keys.register(s);
    tables.all().forEach(t -> t.register(s));
    claims.register(s);
    CrossTable.relate(s, data.measures(), claims);
    Suppression.Result r = s.solve();
    List<PageCell> cells = new ArrayList<>(PageCells.of(keys, s, r, min));
    tables.all().forEach(t -> cells.addAll(PageCells.of(t, s, r, min)));
    cells.addAll(claims.cells(s, r, min));
    if (!r.passes()) {
      return new Page(null, cells, CrossTable.refusal(s, r));
    }
    return new Page(html(tables, claims, keys, r, chartsDir), cells, null);
  }

  private String html(
      CaseStudyTables tables,
      ClaimsSection claims,
      CountTable keys,
      Suppression.Result r,
      Path chartsDir) {
    int min = settings.minCellSize();
    String ref = settings.referenceTechnique();
    ReportData published = Censor.censor(data, tables, claims, r, min);
    ReportCharts charts = new ReportCharts(published, ref, chartsDir, "case_study_");
    Map<String, Object> v = new HashMap<>();
    v.put("title", "Massage care for sciatica and low back pain: outcomes at the clinic");
    v.put("lede", "An anonymized case study from the clinic's own records, " + range() + ".");
    v.put("style", new Html.Safe(Template.resource("style.css")));
    v.put("key_figures", keys.html(r, min));
    v.put("headline", new Headline(published, ref, true).html());
    v.put(
        "privacy",
        "Only totals and averages are shown: no client, session or therapist is identifiable, and no "
            + "date finer than the month appears. Counts from 1 to "
            + (min - 1)
            + " are shown as \u201c<"
            + min
            + "\u201d and the figures of such a group are left out (\u2014); where such a count could be worked out "
            + "from a total or the other cells, a further count is withheld and shown as \u201c*\u201d.");
    v.put("claims_note", MonthlyReview.claimsNote(data.claims(), data.claimsTable()));
    v.put("claims_table", data.claims().isEmpty() ? Html.text("") : claims.caseStudy(r, min));
    v.put("forest_chart", charts.forest().img());
    v.put(
        "verdict_summary",
        data.claims().isEmpty() ? Html.text("") : ClaimsSection.summary(data.claims()));
    v.put("untestable", ClaimsSection.untestable(data.untestable()));
    List<Html.Safe> course = new ArrayList<>();
    tables.course.values().forEach(t -> course.add(t.html(r, min)));
    v.put("course_tables", MonthlyReview.join(course));
    v.put("reference", Palette.label(ref));
    v.put("course_chart", charts.courseByTechnique().img());
    v.put("responder_chart", charts.responderRates(false).img());
    v.put("trajectory_chart", charts.trajectory().img());
    v.put("bucket_table", tables.buckets.html(r, min));
    v.put("followup_table", tables.followup.html(r, min));
    v.put("trend_chart", charts.trend("quarter", null).img());
    v.put("quarter_table", tables.quarters.html(r, min));
    v.put("safety_session_table", tables.safetySessions.html(r, min));
    v.put("safety_episode_table", tables.safetyEpisodes.html(r, min));
    v.put("safety_chart", charts.adverseEvents().img());
    v.put("method", method());
    v.put("limits", new Html.Safe(Template.resource("limits.html")));
    v.put(
        "footer",
        "Prepared with outcomes from anonymized records. Figures are per episode of care unless stated; "
            + "intervals are 95 % unless stated.");
    return Template.load("case-study.html").render(v);
  }

  private CountTable keyFigures() {
    CountTable t = new CountTable("records", "The records behind this report");
    t.count("count", "Number", null);
    t.row(
        CountTable.Kind.OTHER,
        "sessions",
        "Treatment sessions",
        null,
        Map.of("count", data.sessions()));
    t.row(CountTable.Kind.OTHER, "clients", "Clients", null, Map.of("count", data.clients()));
    t.row(
        CountTable.Kind.OTHER,
        "episodes",
        "Episodes of care",
        null,
        Map.of("count", data.episodes()));
    return t;
  }

  private String range() {
    List<MonthRow> m = data.months();
    return m.isEmpty()
        ? "no months with data"
        : m.get(0).month() + " to " + m.get(m.size() - 1).month();
  }

  private Html.Safe method() {
    Integer nrs =
        settings.mcidTenths() == null ? null : settings.mcidTenths().get(Measure.NRS_PAIN.code());
    String mcid =
        nrs == null
            ? "the minimal clinically important difference"
            : String.format(Locale.ROOT, "%s points", Html.num(nrs / 10.0, nrs % 10 == 0 ? 0 : 1));
    String text =
        "The clinic records, for every treatment session, the technique used and the client's pain on a "
            + "0 to 10 scale before and after the session; some clients also fill in disability questionnaires (ODI, "
            + "RMDQ) and have their straight-leg raise measured. A client's sessions form one episode of care until a "
            + "gap of more than "
            + settings.episodeGapDays()
            + " days. For each episode we compare the first score "
            + "(before the first session) with the end of the course: a discharge score 1 to 30 days after the last "
            + "session, else the pain the client carried into the last visit, never the score taken right after a "
            + "massage, which would count that session's passing relief as lasting. We call the client a responder when "
            + "pain fell by at least "
            + mcid
            + ", the smallest change patients notice. Each episode counts once, "
            + "however many sessions it had, and an episode belongs to the technique used in most of its sessions. "
            + "A 95 % confidence interval is the range of true values that fits the data. Each claim was written as a "
            + "testable statement with a threshold: it is supported when its whole interval lies on the claimed side "
            + "of the threshold, contradicted when it lies wholly on the other side, and inconclusive when it "
            + "straddles the threshold; because several claims are checked at once, their intervals are widened "
            + "accordingly (Bonferroni). There was no untreated comparison group and clients chose their technique, so "
            + "the results describe what happened to the clinic's clients, not what the massage caused.";
    return Html.element("p", null, text);
  }
}
