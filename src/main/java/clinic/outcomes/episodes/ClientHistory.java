package clinic.outcomes.episodes;

import clinic.outcomes.core.ClosedBy;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Moment;
import clinic.outcomes.core.Settings;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the SPEC derives from one client's accepted records, in plain Java (no Spark): the
 * numbered sessions, the episodes of care with their grouping attributes, the outcomes per episode
 * and measure, and the before/after pairs of every analysis. Spark brings each client's records
 * together once ({@code ClientPass}); this class holds the rules, so they can be read and tested in
 * one place.
 *
 * <p>Rules (SPEC "Derived structure"; the outcome rules are in {@link EpisodeOutcomes}, the
 * analyses' pairs in {@link AnalysisPairs}):
 *
 * <ul>
 *   <li>Sessions are ordered by date, then {@code session_id}; a new episode starts when the gap
 *       since the previous session exceeds {@code episodeGapDays}.
 *   <li>Primary technique (and therapist): the value of most sessions, a tie going to the one seen
 *       first in the episode. Adherence: {@code adherent} when at least half of the sessions with a
 *       recorded answer say {@code yes}, {@code unknown} when none is recorded.
 *   <li>Closed by {@code discharge} when a discharge score falls on or after the episode's start
 *       and before the next episode; else by {@code gap} when the as-of date is more than the gap
 *       after the last session; else open.
 * </ul>
 */
public final class ClientHistory {
  /** Analysis names, as in the {@code stats} table. */
  public static final String SESSION_RELIEF = "session_relief";

  public static final String COURSE = "course";
  public static final String TRAJECTORY = "trajectory";
  public static final String TRAJECTORY_COHORT = "trajectory_cohort";
  public static final String COURSE_IMMEDIATE = "course_immediate";
  public static final String PRE_TREATMENT = "pre_treatment";

  /** Dose-response models of the {@code dose_response} table. */
  public static final String BETWEEN_EPISODES = "between_episodes";

  public static final String WITHIN_EPISODE = "within_episode";
  public static final String WITHIN_EPISODE_LATE = "within_episode_late";

  /** An accepted session. */
  public record Visit(
      String sessionId,
      String therapistId,
      LocalDate date,
      String technique,
      Integer durationMin,
      String adverseEvent,
      String homeExercise) {}

  /** An accepted score in tenths; {@code sessionId} is null for intake, discharge and follow-up. */
  public record Score(
      String sessionId, LocalDate recordedOn, String moment, String measure, int tenths) {}

  /** The client's record, when the clients file has one. */
  public record Client(String condition, Integer symptomWeeks, String ageBand, String sex) {}

  /** A session with its place in its episode and its pain score before and after (tenths). */
  public record NumberedVisit(
      Visit visit,
      String episodeId,
      int episodeNumber,
      int sessionNumber,
      String month,
      Integer nrsBeforeTenths,
      Integer nrsAfterTenths) {}

  /** An episode of care with its grouping attributes. */
  public record Episode(
      String episodeId,
      int episodeNumber,
      LocalDate startDate,
      LocalDate endDate,
      int nSessions,
      String primaryTechnique,
      String primaryTherapist,
      String sessionBucket,
      String adherence,
      LocalDate nextStartDate,
      String month,
      String closedBy,
      String baselineBand,
      String condition,
      Integer symptomWeeks,
      String ageBand,
      String sex,
      boolean hasClient,
      String chronicity) {
    public boolean closed() {
      return closedBy != null;
    }
  }

  /**
   * One episode and measure (SPEC "Outcomes"); tenths are null where not defined. Open episodes
   * carry their interim baseline and final, flagged by {@code closed}; only closed ones form a
   * course pair ({@link #complete()}).
   */
  public record Outcome(
      String episodeId,
      String measure,
      boolean closed,
      Integer baselineTenths,
      String baselineSource,
      Integer finalTenths,
      String finalSource,
      Integer improvementTenths,
      Double percent,
      Boolean responderMcid,
      Boolean responder30,
      Boolean responder50,
      Integer finalImmediateTenths,
      Integer improvementImmediateTenths,
      Integer preIntakeTenths,
      Integer firstBeforeTenths,
      Integer preTreatmentChangeTenths,
      List<Followup> followups) {
    /** A course pair: closed, with baseline and final. */
    public boolean complete() {
      return closed && baselineTenths != null && finalTenths != null;
    }

    /** A course_immediate pair: closed, with baseline and immediate final. */
    public boolean completeImmediate() {
      return closed && baselineTenths != null && finalImmediateTenths != null;
    }
  }

  /** The follow-up of one horizon: eligibility and the chosen score (null when none). */
  public record Followup(
      String horizon,
      boolean eligible,
      Integer tenths,
      Integer improvementTenths,
      LocalDate date) {}

  /** The derived records of one client. */
  public record Result(
      List<NumberedVisit> visits, List<Episode> episodes, List<Outcome> outcomes) {}

  private final Settings settings;
  private final EpisodeOutcomes outcomeRules;
  private final AnalysisPairs pairRules;

  /** {@code settings.asOf()} must be resolved (non-null). */
  public ClientHistory(Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.settings = settings;
    this.outcomeRules = new EpisodeOutcomes(settings);
    this.pairRules = new AnalysisPairs(settings);
  }

  /** Derives one client's records and hands its pairs to {@code pairs} (which may be null). */
  public Result derive(
      String clientId, List<Visit> visits, List<Score> scores, Client client, PairSink pairs) {
    List<Visit> ordered = new ArrayList<>(visits);
    ordered.sort(Comparator.comparing(Visit::date).thenComparing(Visit::sessionId));
    Map<String, Map<String, Integer>> before = new HashMap<>(); // session -> measure -> tenths
    Map<String, Map<String, Integer>> after = new HashMap<>();
    for (Score s : scores) {
      Moment moment = Moment.of(s.moment()).orElse(null);
      if (s.sessionId() != null && moment != null && moment.ofSession()) {
        Map<String, Map<String, Integer>> side = moment == Moment.BEFORE ? before : after;
        side.computeIfAbsent(s.sessionId(), x -> new TreeMap<>())
            .merge(s.measure(), s.tenths(), Math::max);
      }
    }

    // Episodes: split at gaps.
    List<List<Visit>> split = new ArrayList<>();
    LocalDate previous = null;
    for (Visit v : ordered) {
      if (previous == null
          || ChronoUnit.DAYS.between(previous, v.date()) > settings.episodeGapDays()) {
        split.add(new ArrayList<>());
      }
      split.get(split.size() - 1).add(v);
      previous = v.date();
    }
    TreeSet<LocalDate> discharges = new TreeSet<>();
    for (Score s : scores) {
      if (Moment.DISCHARGE.code().equals(s.moment()) && s.recordedOn() != null) {
        discharges.add(s.recordedOn());
      }
    }

    EpisodeOutcomes.Sides sides = new EpisodeOutcomes.Sides(before, after);
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
        mine.add(
            new NumberedVisit(
                v,
                episodeId,
                episodeNumber,
                i + 1,
                EpisodeAttributes.month(v.date()),
                nrs(before, v.sessionId()),
                nrs(after, v.sessionId())));
      }
      numbered.addAll(mine);
      LocalDate next = e + 1 < split.size() ? split.get(e + 1).get(0).date() : null;
      String closedBy = closedBy(mine, next, discharges);
      List<Outcome> eo = outcomeRules.of(episodeId, mine, next, closedBy != null, scores, sides);
      Episode episode =
          EpisodeAttributes.of(episodeId, episodeNumber, mine, next, closedBy, eo, client);
      episodes.add(episode);
      outcomes.addAll(eo);
      if (pairs != null) {
        pairRules.emit(episode, mine, eo, sides, pairs);
      }
    }
    return new Result(numbered, episodes, outcomes);
  }

  private static Integer nrs(Map<String, Map<String, Integer>> side, String sessionId) {
    Map<String, Integer> m = side.get(sessionId);
    return m == null ? null : m.get(Measure.NRS_PAIN.code());
  }

  /** {@code discharge}, {@code gap} or null (open); see the class rules. */
  private String closedBy(List<NumberedVisit> mine, LocalDate next, TreeSet<LocalDate> discharges) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    LocalDate firstDischarge = discharges.ceiling(start);
    if (firstDischarge != null && (next == null || firstDischarge.isBefore(next))) {
      return ClosedBy.DISCHARGE.code();
    }
    return ChronoUnit.DAYS.between(end, settings.asOf()) > settings.episodeGapDays()
        ? ClosedBy.GAP.code()
        : null;
  }
}
