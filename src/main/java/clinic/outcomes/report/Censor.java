package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import clinic.outcomes.report.CountTable.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A copy of the figures with everything the case study suppresses removed, so that its charts are
 * drawn from the published figures only.
 */
final class Censor {
  private static final StatRow.Responders NONE = new StatRow.Responders(null, null, Interval.NONE);
  private static final StatRow.Responders WITHHELD =
      new StatRow.Responders(null, null, Interval.WITHHELD);

  private Censor() {}

  /** The figures of {@code d} as the case study publishes them. */
  static ReportData censor(
      ReportData d, CaseStudyTables t, ClaimsSection claims, Suppression.Result r, int minCell) {
    List<StatRow> stats = new ArrayList<>();
    for (StatRow s : d.stats()) {
      CountTable table = null;
      if (s.analysis().equals("course")
          && List.of("technique", "technique_group", "overall").contains(s.groupBy())) {
        table = t.course.get(s.measure());
      } else if (s.analysis().equals("course")
          && s.measure().equals(Measure.NRS_PAIN.code())
          && s.groupBy().equals("session_bucket")) {
        table = t.buckets;
      }
      if (table != null) {
        String key = s.groupBy().equals("overall") ? "all" : s.group();
        boolean change = table.statShown(r, key, Rule.GROUP_SHOWN, List.of("n"));
        boolean rate = table.statShown(r, key, Rule.ALL_SHOWN, List.of("resp", "n"));
        stats.add(copy(s, change ? s.change() : Interval.WITHHELD, rate ? s.mcid() : WITHHELD));
      } else if (s.analysis().startsWith("trajectory")
          && s.measure().equals(Measure.NRS_PAIN.code())) {
        stats.add(
            copy(s, Suppression.isSmall(s.n(), minCell) ? Interval.WITHHELD : s.change(), NONE));
      }
    }
    List<SafetyRow> safety = new ArrayList<>();
    for (SafetyRow s : d.safety()) {
      boolean session = s.unit().equals("session");
      if (!session && !s.event().equals("any")
          || s.event().equals("contraindicated_without_clearance")) {
        continue;
      }
      CountTable table = session ? t.safetySessions : t.safetyEpisodes;
      boolean shown = table.statShown(r, s.technique(), Rule.ALL_SHOWN, List.of(s.event(), "n"));
      safety.add(
          shown ? s : new SafetyRow(s.unit(), s.technique(), s.event(), 0, 0, Interval.WITHHELD));
    }
    List<MonthRow> quarters = new ArrayList<>();
    for (Quarters.Quarter q : t.quarterRows) {
      boolean sessions = t.quarters.status(r, q.label(), "sessions") == Suppression.Status.SHOWN;
      boolean change = t.quarters.statShown(r, q.label(), Rule.GROUP_SHOWN, List.of("n"));
      boolean rate = t.quarters.statShown(r, q.label(), Rule.ALL_SHOWN, List.of("resp", "n"));
      quarters.add(
          new MonthRow(
              q.label(),
              sessions ? q.sessions() : null,
              null,
              null,
              null,
              null,
              change ? q.change().estimate() : null,
              rate ? q.rate().estimate() : null,
              null));
    }
    return new ReportData(
        stats,
        List.of(),
        d.dose(),
        safety,
        quarters,
        claims.censored(r, minCell),
        d.claimsTable(),
        Map.of(),
        d.sessions(),
        d.clients(),
        d.episodes(),
        d.untestable(),
        d.registry().publishable());
  }

  private static StatRow copy(StatRow s, Interval change, StatRow.Responders mcid) {
    return new StatRow(
        s.analysis(),
        s.measure(),
        s.groupBy(),
        s.group(),
        s.n(),
        s.nIncomplete(),
        s.smallN(),
        change,
        null,
        null,
        null,
        null,
        null,
        mcid,
        NONE,
        NONE,
        null);
  }
}
