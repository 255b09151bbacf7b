package clinic.outcomes.episodes;

import clinic.outcomes.analysis.Groups;
import clinic.outcomes.pipeline.Settings;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the SPEC derives from one client's accepted records, in plain Java (no Spark): the
 * numbered sessions, the episodes of care with their grouping attributes, the outcomes per episode
 * and measure, and the before/after pairs of every analysis. Spark brings each client's records
 * together once ({@code ClientPass}); this class holds the rules, so they can be read and tested
 * in one place.
 *
 * <p>Rules (SPEC "Derived structure" and "Outcomes"):
 *
 * <ul>
 *   <li>Sessions are ordered by date, then {@code session_id}; a new episode starts when the gap
 *       since the previous session exceeds {@code episodeGapDays}.
 *   <li>Primary technique (and therapist): the value of most sessions, a tie going to the one
 *       seen first in the episode. Adherence: {@code adherent} when at least half of the sessions
 *       with a recorded answer say {@code yes}, {@code unknown} when none is recorded.
 *   <li>Closed by {@code discharge} when a discharge score falls on or after the episode's start
 *       and before the next episode; else by {@code gap} when the as-of date is more than the gap
 *       after the last session; else open.
 *   <li>Baseline: the {@code before} score of session 1, else the latest {@code intake} score 0-30
 *       days before session 1. Final: the {@code after} score of the last session, else the
 *       earliest {@code discharge} score 0-30 days after it. Follow-up: the earliest
 *       {@code followup} score 14-365 days after the last session and before the next episode.
 *       Ties on a date go to the lower score for earliest-picks and the higher for latest-picks.
 *   <li>All arithmetic is on integer tenths, so thresholds are exact.
 * </ul>
 */
public final class ClientHistory {
  /** Analysis names, as in the {@code stats} table. */
  public static final String SESSION_RELIEF = "session_relief";
  public static final String COURSE = "course";
  public static final String TRAJECTORY = "trajectory";
  public static final String TRAJECTORY_COHORT = "trajectory_cohort";
  public static final String FOLLOWUP = "followup";
  public static final String FOLLOWUP_WORST_CASE = "followup_worst_case";

  /** An accepted session. */
  public record Visit(
      String sessionId, String therapistId, LocalDate date, String technique, Integer durationMin,
      String adverseEvent, String homeExercise) {}

  /** An accepted score in tenths; {@code sessionId} is null for intake, discharge and follow-up. */
  public record Score(String sessionId, LocalDate recordedOn, String moment, String measure, int tenths) {}

  /** The client's record, when the clients file has one. */
  public record Client(String condition, Integer symptomWeeks, String ageBand, String sex) {}

  /** A session with its place in its episode and its pain score before and after (tenths). */
  public record NumberedVisit(
      Visit visit, String episodeId, int episodeNumber, int sessionNumber, String month,
      Integer nrsBeforeTenths, Integer nrsAfterTenths) {}

  /** An episode of care with its grouping attributes. */
  public record Episode(
      String episodeId, int episodeNumber, LocalDate startDate, LocalDate endDate, int nSessions,
      String primaryTechnique, String primaryTherapist, String sessionBucket, String adherence,
      LocalDate nextStartDate, String month, String closedBy, String baselineBand,
      String condition, Integer symptomWeeks, String ageBand, String sex, boolean hasClient,
      String chronicity) {
    public boolean closed() {
      return closedBy != null;
    }
  }

  /** One episode and measure (SPEC "Outcomes"); tenths are null where not defined. */
  public record Outcome(
      String episodeId, String measure, Integer baselineTenths, Integer finalTenths,
      Integer improvementTenths, Double percent, Boolean responderMcid, Boolean responder30,
      Boolean responder50, Integer followupTenths, Integer followupImprovementTenths,
      LocalDate followupDate, String baselineSource, String finalSource) {
    public boolean complete() {
      return baselineTenths != null && finalTenths != null;
    }
  }

  /**
   * Receives one pair per (analysis, measure, group_by, group, episode): {@code k} usable rows
   * (sessions averaged), with the sums of their earlier and later scores in tenths. {@code k = 0}
   * marks an episode with scores of the measure but no usable pair (it counts as incomplete).
   */
  public interface PairSink {
    void pair(String analysis, String measure, String groupBy, String group, int k, long earlierSum, long laterSum);
  }

  /** The derived records of one client. */
  public record Result(List<NumberedVisit> visits, List<Episode> episodes, List<Outcome> outcomes) {}

  private final Settings settings;

  /** {@code settings.asOf()} must be resolved (non-null). */
  public ClientHistory(Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.settings = settings;
  }

  /** Derives one client's records and hands its pairs to {@code pairs} (which may be null). */
  public Result derive(String clientId, List<Visit> visits, List<Score> scores, Client client, PairSink pairs) {
    List<Visit> ordered = new ArrayList<>(visits);
    ordered.sort(Comparator.comparing(Visit::date).thenComparing(Visit::sessionId));
    Map<String, Map<String, Integer>> before = new HashMap<>(); // session -> measure -> tenths
    Map<String, Map<String, Integer>> after = new HashMap<>();
    for (Score s : scores) {
      if (s.sessionId() != null && ("before".equals(s.moment()) || "after".equals(s.moment()))) {
        Map<String, Map<String, Integer>> side = "before".equals(s.moment()) ? before : after;
        side.computeIfAbsent(s.sessionId(), x -> new TreeMap<>()).merge(s.measure(), s.tenths(), Math::max);
      }
    }

    // Episodes: split at gaps.
    List<List<Visit>> split = new ArrayList<>();
    LocalDate previous = null;
    for (Visit v : ordered) {
      if (previous == null || ChronoUnit.DAYS.between(previous, v.date()) > settings.episodeGapDays()) {
        split.add(new ArrayList<>());
      }
      split.get(split.size() - 1).add(v);
      previous = v.date();
    }
    TreeSet<LocalDate> discharges = new TreeSet<>();
    for (Score s : scores) {
      if ("discharge".equals(s.moment()) && s.recordedOn() != null) {
        discharges.add(s.recordedOn());
      }
    }

    List<NumberedVisit> numbered = new ArrayList<>(ordered.size());
    List<Episode> episodes = new ArrayList<>(split.size());
    List<Outcome> outcomes = new ArrayList<>();
    for (int e = 0; e < split.size(); e++) {
      List<Visit> ev = split.get(e);
      int episodeNumber = e + 1;
      String episodeId = clientId + "-E" + episodeNumber;
      List<NumberedVisit> mine = new ArrayList<>(ev.size());
      for (int i = 0; i < ev.size(); i++) {
        Visit v = ev.get(i);
        mine.add(new NumberedVisit(v, episodeId, episodeNumber, i + 1, month(v.date()),
            nrs(before, v.sessionId()), nrs(after, v.sessionId())));
      }
      numbered.addAll(mine);
      LocalDate next = e + 1 < split.size() ? split.get(e + 1).get(0).date() : null;
      List<Outcome> eo = outcomes(episodeId, mine, next, scores, before, after);
      Episode episode = episode(episodeId, episodeNumber, mine, next, discharges, eo, client);
      episodes.add(episode);
      outcomes.addAll(eo);
      if (pairs != null) {
        pairs(episode, mine, eo, before, after, client, pairs);
      }
    }
    return new Result(numbered, episodes, outcomes);
  }

  private static Integer nrs(Map<String, Map<String, Integer>> side, String sessionId) {
    Map<String, Integer> m = side.get(sessionId);
    return m == null ? null : m.get("nrs_pain");
  }

  private Episode episode(
      String episodeId, int number, List<NumberedVisit> mine, LocalDate next,
      TreeSet<LocalDate> discharges, List<Outcome> outcomes, Client client) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    int n = mine.size();
    int yes = 0;
    int recorded = 0;
    for (NumberedVisit v : mine) {
      String hx = v.visit().homeExercise();
      if (hx != null) {
        recorded++;
        if ("yes".equals(hx)) {
          yes++;
        }
      }
    }
    String adherence = recorded == 0 ? "unknown" : yes * 2 >= recorded ? "adherent" : "not_adherent";
    LocalDate firstDischarge = discharges.ceiling(start);
    String closedBy = null;
    if (firstDischarge != null && (next == null || firstDischarge.isBefore(next))) {
      closedBy = "discharge";
    } else if (ChronoUnit.DAYS.between(end, settings.asOf()) > settings.episodeGapDays()) {
      closedBy = "gap";
    }
    Integer nrsBaseline = null;
    for (Outcome o : outcomes) {
      if ("nrs_pain".equals(o.measure())) {
        nrsBaseline = o.baselineTenths();
      }
    }
    Integer weeks = client == null ? null : client.symptomWeeks();
    return new Episode(
        episodeId, number, start, end, n,
        primary(mine, v -> v.technique()), primary(mine, v -> v.therapistId()),
        bucket(n), adherence, next, month(end), closedBy, baselineBand(nrsBaseline),
        client == null ? null : client.condition(), weeks,
        client == null ? null : client.ageBand(), client == null ? null : client.sex(),
        client != null, chronicity(weeks));
  }

  /** The value of most sessions; a tie goes to the value seen first (lowest session number). */
  private static String primary(List<NumberedVisit> mine, java.util.function.Function<Visit, String> f) {
    Map<String, Integer> counts = new LinkedHashMap<>(); // insertion order = first session
    for (NumberedVisit v : mine) {
      counts.merge(f.apply(v.visit()), 1, Integer::sum);
    }
    String best = null;
    int bestN = -1;
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      if (c.getValue() > bestN) {
        best = c.getKey();
        bestN = c.getValue();
      }
    }
    return best;
  }

  private List<Outcome> outcomes(
      String episodeId, List<NumberedVisit> mine, LocalDate next, List<Score> scores,
      Map<String, Map<String, Integer>> before, Map<String, Map<String, Integer>> after) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    TreeMap<String, Integer> before1 = new TreeMap<>();
    TreeMap<String, Integer> afterLast = new TreeMap<>();
    TreeSet<String> measures = new TreeSet<>();
    for (NumberedVisit v : mine) {
      Map<String, Integer> b = before.get(v.visit().sessionId());
      Map<String, Integer> a = after.get(v.visit().sessionId());
      if (b != null) {
        measures.addAll(b.keySet());
        if (v.sessionNumber() == 1) {
          before1.putAll(b);
        }
      }
      if (a != null) {
        measures.addAll(a.keySet());
        if (v.sessionNumber() == mine.size()) {
          afterLast.putAll(a);
        }
      }
    }
    Map<String, Score> intake = new HashMap<>();
    Map<String, Score> discharge = new HashMap<>();
    Map<String, Score> followup = new HashMap<>();
    for (Score s : scores) {
      LocalDate d = s.recordedOn();
      if (d == null) {
        continue;
      }
      switch (s.moment()) {
        case "intake" -> {
          if (!d.isBefore(start.minusDays(30)) && !d.isAfter(start)) {
            intake.merge(s.measure(), s, ClientHistory::later);
          }
        }
        case "discharge" -> {
          if (!d.isBefore(end) && !d.isAfter(end.plusDays(30))) {
            discharge.merge(s.measure(), s, ClientHistory::earlier);
          }
        }
        case "followup" -> {
          if (!d.isBefore(end.plusDays(14)) && !d.isAfter(end.plusDays(365))
              && (next == null || d.isBefore(next))) {
            followup.merge(s.measure(), s, ClientHistory::earlier);
          }
        }
        default -> { }
      }
    }
    measures.addAll(intake.keySet());
    measures.addAll(discharge.keySet());
    measures.addAll(followup.keySet());
    List<Outcome> out = new ArrayList<>(measures.size());
    for (String m : measures) {
      Integer b1 = before1.get(m);
      Score in = intake.get(m);
      Integer al = afterLast.get(m);
      Score dis = discharge.get(m);
      Score fu = followup.get(m);
      Integer baseline = b1 != null ? b1 : in == null ? null : in.tenths();
      String baselineSource = b1 != null ? "before" : in == null ? null : "intake";
      Integer fin = al != null ? al : dis == null ? null : dis.tenths();
      String finalSource = al != null ? "after" : dis == null ? null : "discharge";
      Integer improvement = improvement(m, baseline, fin);
      Integer dist = baseline == null ? null : Math.abs(Measures.bestTenths(m) - baseline);
      boolean distPositive = dist != null && dist > 0;
      Integer mcid = settings.mcidTenths().get(m);
      Integer fuTenths = fu == null ? null : fu.tenths();
      out.add(new Outcome(
          episodeId, m, baseline, fin, improvement,
          distPositive && improvement != null ? (double) improvement / dist : null,
          improvement == null || mcid == null ? null : improvement >= mcid,
          distPositive && improvement != null ? improvement * 100L >= dist * 30L : null,
          distPositive && improvement != null ? improvement * 100L >= dist * 50L : null,
          fuTenths, improvement(m, baseline, fuTenths), fu == null ? null : fu.recordedOn(),
          baselineSource, finalSource));
    }
    return out;
  }

  private static Score later(Score a, Score b) {
    int c = a.recordedOn().compareTo(b.recordedOn());
    return c > 0 || (c == 0 && a.tenths() >= b.tenths()) ? a : b;
  }

  private static Score earlier(Score a, Score b) {
    int c = a.recordedOn().compareTo(b.recordedOn());
    return c < 0 || (c == 0 && a.tenths() <= b.tenths()) ? a : b;
  }

  /** Improvement (positive = better) of earlier vs later, null when either is. */
  static Integer improvement(String measure, Integer earlier, Integer later) {
    if (earlier == null || later == null) {
      return null;
    }
    return Measures.higherIsBetter(measure) ? later - earlier : earlier - later;
  }

  // ---- pairs of every analysis -------------------------------------------------------------

  /** A (group_by, group) slice of one row. */
  private record Slice(String groupBy, String group) {}

  private void pairs(
      Episode ep, List<NumberedVisit> mine, List<Outcome> outcomes,
      Map<String, Map<String, Integer>> before, Map<String, Map<String, Integer>> after,
      Client client, PairSink sink) {
    String condition = orUnknown(ep.condition());
    // Session relief: one row per session and measure with a before or after score.
    Accumulator relief = new Accumulator();
    for (NumberedVisit v : mine) {
      Map<String, Integer> b = before.getOrDefault(v.visit().sessionId(), Map.of());
      Map<String, Integer> a = after.getOrDefault(v.visit().sessionId(), Map.of());
      if (b.isEmpty() && a.isEmpty()) {
        continue;
      }
      List<Slice> slices = new ArrayList<>();
      slices.add(new Slice(Groups.OVERALL, "all"));
      slices.add(new Slice(Groups.TECHNIQUE, orUnknown(v.visit().technique())));
      techniqueGroups(v.visit().technique(), slices);
      slices.add(new Slice(Groups.SESSION_NUMBER_GROUP, sessionNumberGroup(v.sessionNumber())));
      slices.add(new Slice(Groups.MONTH, v.month()));
      slices.add(new Slice(Groups.CONDITION, condition));
      slices.add(new Slice(Groups.CHRONICITY, ep.chronicity()));
      slices.add(new Slice(Groups.ADHERENCE, ep.adherence()));
      slices.add(new Slice(Groups.THERAPIST, orUnknown(v.visit().therapistId())));
      TreeSet<String> ms = new TreeSet<>(b.keySet());
      ms.addAll(a.keySet());
      for (String m : ms) {
        Integer e = b.get(m);
        Integer l = a.get(m);
        relief.add(m, slices, e != null && l != null, e, l);
      }
    }
    relief.emit(SESSION_RELIEF, sink);

    List<Slice> withBucket = episodeSlices(ep, true);
    List<Slice> noBucket = episodeSlices(ep, false);
    Accumulator course = new Accumulator();
    Accumulator followup = new Accumulator();
    Accumulator worst = new Accumulator();
    Map<String, Integer> baselines = new HashMap<>();
    for (Outcome o : outcomes) {
      course.add(o.measure(), withBucket, o.complete(), o.baselineTenths(), o.finalTenths());
      if (o.baselineTenths() != null) {
        baselines.put(o.measure(), o.baselineTenths());
        if (ep.closed()) {
          followup.add(o.measure(), noBucket, o.followupTenths() != null, o.baselineTenths(), o.followupTenths());
          Integer l = o.followupTenths() != null ? o.followupTenths() : o.baselineTenths();
          worst.add(o.measure(), noBucket, true, o.baselineTenths(), l);
        }
      }
    }
    course.emit(COURSE, sink);
    followup.emit(FOLLOWUP, sink);
    worst.emit(FOLLOWUP_WORST_CASE, sink);

    // Trajectory: the before score of sessions 2, 3, ... against the episode's baseline.
    Accumulator trajectory = new Accumulator();
    Accumulator cohort = new Accumulator();
    int h = settings.cohortSessions();
    String technique = orUnknown(ep.primaryTechnique());
    for (NumberedVisit v : mine) {
      if (v.sessionNumber() < 2) {
        continue;
      }
      Map<String, Integer> b = before.get(v.visit().sessionId());
      if (b == null) {
        continue;
      }
      String sng = sessionNumberGroup(v.sessionNumber());
      List<Slice> slices = List.of(
          new Slice(Groups.SESSION_NUMBER_GROUP, sng), new Slice(Groups.TECHNIQUE_BY_SESSION, technique + "|" + sng));
      for (Map.Entry<String, Integer> s : b.entrySet()) {
        Integer base = baselines.get(s.getKey());
        if (base == null) {
          continue;
        }
        trajectory.add(s.getKey(), slices, true, base, s.getValue());
        if (ep.nSessions() >= h && v.sessionNumber() <= h) {
          cohort.add(s.getKey(), slices, true, base, s.getValue());
        }
      }
    }
    trajectory.emit(TRAJECTORY, sink);
    cohort.emit(TRAJECTORY_COHORT, sink);
  }

  private List<Slice> episodeSlices(Episode ep, boolean withBucket) {
    List<Slice> slices = new ArrayList<>();
    slices.add(new Slice(Groups.OVERALL, "all"));
    slices.add(new Slice(Groups.TECHNIQUE, orUnknown(ep.primaryTechnique())));
    techniqueGroups(ep.primaryTechnique(), slices);
    if (withBucket) {
      slices.add(new Slice(Groups.SESSION_BUCKET, ep.sessionBucket()));
    }
    slices.add(new Slice(Groups.MONTH, ep.month()));
    slices.add(new Slice(Groups.BASELINE_BAND, ep.baselineBand()));
    slices.add(new Slice(Groups.CONDITION, orUnknown(ep.condition())));
    slices.add(new Slice(Groups.CHRONICITY, ep.chronicity()));
    slices.add(new Slice(Groups.ADHERENCE, ep.adherence()));
    slices.add(new Slice(Groups.THERAPIST, orUnknown(ep.primaryTherapist())));
    return slices;
  }

  private void techniqueGroups(String technique, List<Slice> into) {
    if (technique == null) {
      return;
    }
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      if (g.getValue().contains(technique)) {
        into.add(new Slice(Groups.TECHNIQUE_GROUP, g.getKey()));
      }
    }
  }

  /** Per (measure, slice): usable count and sums, over the rows of one episode. */
  private static final class Accumulator {
    private final Map<String, Map<Slice, long[]>> byMeasure = new TreeMap<>();

    void add(String measure, List<Slice> slices, boolean usable, Integer earlier, Integer later) {
      Map<Slice, long[]> m = byMeasure.computeIfAbsent(measure, x -> new LinkedHashMap<>());
      for (Slice s : slices) {
        long[] a = m.computeIfAbsent(s, x -> new long[3]);
        if (usable) {
          a[0]++;
          a[1] += earlier;
          a[2] += later;
        }
      }
    }

    void emit(String analysis, PairSink sink) {
      for (Map.Entry<String, Map<Slice, long[]>> m : byMeasure.entrySet()) {
        for (Map.Entry<Slice, long[]> s : m.getValue().entrySet()) {
          long[] a = s.getValue();
          sink.pair(analysis, m.getKey(), s.getKey().groupBy(), s.getKey().group(), (int) a[0], a[1], a[2]);
        }
      }
    }
  }

  // ---- small rules shared with the tables --------------------------------------------------

  static String month(LocalDate d) {
    int m = d.getMonthValue();
    return d.getYear() + (m < 10 ? "-0" : "-") + m;
  }

  private static String orUnknown(String v) {
    return v == null ? "unknown" : v;
  }

  /** Session bucket of an episode by its session count: 1, 2-3, 4-6, 7-10, 11+. */
  public static String bucket(int n) {
    return n == 1 ? "1" : n <= 3 ? "2-3" : n <= 6 ? "4-6" : n <= 10 ? "7-10" : "11+";
  }

  /** Session-number group: 1 ... 9, 10+. */
  public static String sessionNumberGroup(int k) {
    return k >= 10 ? "10+" : Integer.toString(k);
  }

  /** Baseline band from the nrs_pain baseline in tenths: <= 3 mild, <= 6 moderate, above severe. */
  public static String baselineBand(Integer nrsBaselineTenths) {
    return nrsBaselineTenths == null ? "unknown"
        : nrsBaselineTenths <= 30 ? "mild" : nrsBaselineTenths <= 60 ? "moderate" : "severe";
  }

  /** Chronicity from symptom weeks at intake: acute < 6, subacute 6-12, chronic > 12. */
  public static String chronicity(Integer symptomWeeks) {
    return symptomWeeks == null ? "unknown"
        : symptomWeeks < 6 ? "acute" : symptomWeeks <= 12 ? "subacute" : "chronic";
  }
}
