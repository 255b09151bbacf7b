package clinic.outcomes.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The generated files read back and structured by the SPEC's rules, independently of the
 * generator's code: episodes by the 90-day gap, primary technique by majority, adherence by the
 * half-of-recorded rule, course baseline/final with the intake/discharge fallbacks.
 */
final class GeneratedData {

  /** One {@code sessions.csv} row. */
  record Session(
      String id,
      String client,
      String therapist,
      LocalDate date,
      String technique,
      String duration,
      String adverse,
      String homeExercise) {}

  /** One {@code pain_scores.csv} row. */
  record Score(
      String client,
      String sessionId,
      LocalDate date,
      String moment,
      String measure,
      double value) {}

  /** One episode of care, as the SPEC derives it. */
  record EpisodeView(
      List<Session> sessions, String primary, boolean adherent, LocalDate nextStart) {

    int n() {
      return sessions.size();
    }

    LocalDate first() {
      return sessions.get(0).date();
    }

    LocalDate last() {
      return sessions.get(sessions.size() - 1).date();
    }
  }

  private static final int GAP_DAYS = 90;

  final List<Session> sessions = new ArrayList<>();
  final List<Score> scores = new ArrayList<>();
  final List<EpisodeView> episodes = new ArrayList<>();
  private final Map<String, Double> sessionScores = new HashMap<>();
  private final Map<String, List<Score>> clientScores = new HashMap<>();

  static GeneratedData read(Path dir) throws IOException {
    GeneratedData data = new GeneratedData();
    for (List<String> f : CsvLines.records(dir.resolve("sessions.csv"))) {
      data.sessions.add(
          new Session(
              f.get(0),
              f.get(1),
              f.get(2),
              LocalDate.parse(f.get(3)),
              f.get(4),
              f.get(5),
              f.get(6),
              f.get(7)));
    }
    for (List<String> f : CsvLines.records(dir.resolve("pain_scores.csv"))) {
      Score score =
          new Score(
              f.get(0),
              f.get(1),
              LocalDate.parse(f.get(2)),
              f.get(3),
              f.get(4),
              Double.parseDouble(f.get(5)));
      data.scores.add(score);
      if (score.sessionId().isEmpty()) {
        data.clientScores.computeIfAbsent(score.client(), c -> new ArrayList<>()).add(score);
      } else {
        data.sessionScores.put(
            key(score.sessionId(), score.moment(), score.measure()), score.value());
      }
    }
    data.buildEpisodes();
    return data;
  }

  private void buildEpisodes() {
    Map<String, List<Session>> byClient = new LinkedHashMap<>();
    for (Session s : sessions) {
      byClient.computeIfAbsent(s.client(), c -> new ArrayList<>()).add(s);
    }
    for (List<Session> list : byClient.values()) {
      list.sort(Comparator.comparing(Session::date).thenComparing(Session::id));
      List<List<Session>> split = new ArrayList<>();
      for (Session s : list) {
        if (split.isEmpty()
            || ChronoUnit.DAYS.between(last(split).get(last(split).size() - 1).date(), s.date())
                > GAP_DAYS) {
          split.add(new ArrayList<>());
        }
        last(split).add(s);
      }
      for (int i = 0; i < split.size(); i++) {
        LocalDate next = i + 1 < split.size() ? split.get(i + 1).get(0).date() : null;
        episodes.add(
            new EpisodeView(split.get(i), primary(split.get(i)), adherent(split.get(i)), next));
      }
    }
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static String primary(List<Session> episode) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Session s : episode) {
      counts.merge(s.technique(), 1, Integer::sum);
    }
    String best = null;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (best == null || e.getValue() > counts.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  private static boolean adherent(List<Session> episode) {
    int yes = 0;
    int recorded = 0;
    for (Session s : episode) {
      if (!s.homeExercise().isEmpty()) {
        recorded++;
        yes += s.homeExercise().equals("yes") ? 1 : 0;
      }
    }
    return recorded > 0 && 2 * yes >= recorded;
  }

  /** The before or after score of a session, or null. */
  Double sessionScore(String sessionId, String moment, String measure) {
    return sessionScores.get(key(sessionId, moment, measure));
  }

  /** Baseline by the SPEC: before of session 1, else the latest intake 0-30 days before it. */
  Double baseline(EpisodeView e, String measure) {
    Double before = sessionScore(e.sessions().get(0).id(), "before", measure);
    if (before != null) {
      return before;
    }
    Score best = null;
    for (Score s : clientScores.getOrDefault(e.sessions().get(0).client(), List.of())) {
      long days = ChronoUnit.DAYS.between(s.date(), e.first());
      if (s.moment().equals("intake")
          && s.measure().equals(measure)
          && days >= 0
          && days <= 30
          && (best == null || s.date().isAfter(best.date()))) {
        best = s;
      }
    }
    return best == null ? null : best.value();
  }

  /**
   * Course final by the SPEC (Revision 2): the earliest discharge 1-30 days after the last session,
   * else the before score of the last session when the episode has 2 or more.
   */
  Double finalScore(EpisodeView e, String measure) {
    Score s = earliest(e, "discharge", measure, 1, 30);
    if (s != null) {
      return s.value();
    }
    return e.sessions().size() >= 2
        ? sessionScore(last(e.sessions()).id(), "before", measure)
        : null;
  }

  /** The 3-month follow-up: the score 60-120 days after the last session closest to day 90. */
  Double followup(EpisodeView e, String measure) {
    Score best = null;
    for (Score s : clientScores.getOrDefault(e.sessions().get(0).client(), List.of())) {
      long days = ChronoUnit.DAYS.between(e.last(), s.date());
      boolean beforeNext = e.nextStart() == null || s.date().isBefore(e.nextStart());
      if (s.moment().equals("followup")
          && s.measure().equals(measure)
          && Math.abs(days - 90) <= 30
          && beforeNext
          && (best == null
              || Math.abs(days - 90)
                  < Math.abs(ChronoUnit.DAYS.between(e.last(), best.date()) - 90))) {
        best = s;
      }
    }
    return best == null ? null : best.value();
  }

  /** Other-moment scores of the episode's client (no session id). */
  List<Score> clientScores(String client) {
    return clientScores.getOrDefault(client, List.of());
  }

  private Score earliest(EpisodeView e, String moment, String measure, int from, int to) {
    Score best = null;
    for (Score s : clientScores.getOrDefault(e.sessions().get(0).client(), List.of())) {
      long days = ChronoUnit.DAYS.between(e.last(), s.date());
      boolean beforeNext = e.nextStart() == null || s.date().isBefore(e.nextStart());
      if (s.moment().equals(moment)
          && s.measure().equals(measure)
          && days >= from
          && days <= to
          && beforeNext
          && (best == null || s.date().isBefore(best.date()))) {
        best = s;
      }
    }
    return best;
  }

  /** Improvement in the SPEC's direction: earlier − later, or later − earlier for slr_deg. */
  static double improvement(String measure, double earlier, double later) {
    return measure.equals("slr_deg") ? later - earlier : earlier - later;
  }

  /** Course improvement of the episode, or empty when baseline or final is missing. */
  OptionalDouble course(EpisodeView e, String measure) {
    Double baseline = baseline(e, measure);
    Double fin = finalScore(e, measure);
    return baseline == null || fin == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(improvement(measure, baseline, fin));
  }

  private static String key(String sessionId, String moment, String measure) {
    return sessionId + '|' + moment + '|' + measure;
  }
}
