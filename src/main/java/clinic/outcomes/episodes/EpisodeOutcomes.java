package clinic.outcomes.episodes;

import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Moment;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome rules of SPEC "Outcomes" for one episode and each measure it has a score of: the
 * baseline, the course final (never a score taken minutes after a massage), the immediate final of
 * the first release, the pre-treatment intake, and the follow-up score of each horizon with its
 * eligibility. All in integer tenths, so that thresholds are exact.
 *
 * <ul>
 *   <li>Baseline: the {@code before} score of session 1, else the latest {@code intake} 0-30 days
 *       before session 1.
 *   <li>Final ({@code course}): the earliest {@code discharge} 1-30 days after the last session
 *       ({@code final_source = discharge}), else the {@code before} score of the last session when
 *       the episode has at least 2 sessions ({@code last_before}).
 *   <li>Immediate final ({@code course_immediate}): the {@code after} score of the last session,
 *       else the earliest {@code discharge} 0-30 days after it.
 *   <li>Pre-treatment: the latest {@code intake} 1-30 days before session 1, against the {@code
 *       before} score of session 1.
 *   <li>Follow-up at horizon h (window w): the {@code followup} score dated h-w..h+w days after the
 *       last session and before the next episode, the one closest to h (a tie to the earlier).
 *       Eligible: closed, with a baseline, the window's last day on or before the as-of date, and
 *       no next episode starting before the window's first day.
 * </ul>
 *
 * Ties on one date (possible only for differing moments) go to the lower score for earliest-picks
 * and the higher for latest-picks, so that the result never depends on input order.
 */
final class EpisodeOutcomes {
  private final Settings settings;

  EpisodeOutcomes(Settings settings) {
    this.settings = settings;
  }

  /** The episode's scores of one session side: session id to measure to tenths. */
  record Sides(Map<String, Map<String, Integer>> before, Map<String, Map<String, Integer>> after) {}

  /**
   * The outcomes of one episode, a measure at a time, from three steps kept apart (the scores of
   * its own sessions, the scores dated around it, then each measure's outcome): as one method it
   * was the largest the JIT compiled in a run, and compiled it twice.
   */
  List<Outcome> of(
      String episodeId,
      List<NumberedVisit> mine,
      LocalDate next,
      boolean closed,
      List<Score> scores,
      Sides sides) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    SessionScores own = SessionScores.of(mine, sides);
    Around around = around(scores, start, end, next);
    TreeSet<String> measures = own.measures();
    measures.addAll(around.intake().keySet());
    measures.addAll(around.discharge0().keySet());
    around.followup().values().forEach(m -> measures.addAll(m.keySet()));
    List<Outcome> out = new ArrayList<>(measures.size());
    for (String m : measures) {
      out.add(outcome(episodeId, m, closed, end, next, own, around));
    }
    return out;
  }

  /**
   * The episode's own sessions' scores by measure: the before score of session 1 and of the last
   * session (from 2 sessions), the after score of the last session, and every measure seen.
   */
  private record SessionScores(
      Map<String, Integer> before1,
      Map<String, Integer> beforeLast,
      Map<String, Integer> afterLast,
      TreeSet<String> measures) {
    static SessionScores of(List<NumberedVisit> mine, Sides sides) {
      int last = mine.size();
      SessionScores own =
          new SessionScores(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeSet<>());
      for (NumberedVisit v : mine) {
        Map<String, Integer> b = sides.before().get(v.visit().sessionId());
        Map<String, Integer> a = sides.after().get(v.visit().sessionId());
        if (b != null) {
          own.measures.addAll(b.keySet());
          if (v.sessionNumber() == 1) {
            own.before1.putAll(b);
          }
          if (v.sessionNumber() == last && last >= 2) {
            own.beforeLast.putAll(b);
          }
        }
        if (a != null) {
          own.measures.addAll(a.keySet());
          if (v.sessionNumber() == last) {
            own.afterLast.putAll(a);
          }
        }
      }
      return own;
    }
  }

  /**
   * The scores dated around the episode, by measure: intake 0-30 days before session 1 (the
   * baseline's) and 1-30 days (pre-treatment), discharge 0-30 and 1-30 days after the last session
   * (the course final), and per horizon the follow-up closest to it within its window.
   */
  private record Around(
      Map<String, Score> intake,
      Map<String, Score> preIntake,
      Map<String, Score> discharge0,
      Map<String, Score> discharge1,
      Map<String, Map<String, Score>> followup) {}

  private Around around(List<Score> scores, LocalDate start, LocalDate end, LocalDate next) {
    Around a =
        new Around(
            new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    int w = settings.followupWindowDays();
    for (Score s : scores) {
      LocalDate d = s.recordedOn();
      if (d == null) {
        continue;
      }
      switch (Moment.of(s.moment()).orElse(Moment.BEFORE)) {
        case INTAKE -> {
          long daysBefore = ChronoUnit.DAYS.between(d, start);
          if (daysBefore >= 0 && daysBefore <= 30) {
            a.intake().merge(s.measure(), s, EpisodeOutcomes::later);
            if (daysBefore >= 1) {
              a.preIntake().merge(s.measure(), s, EpisodeOutcomes::later);
            }
          }
        }
        case DISCHARGE -> {
          long daysAfter = ChronoUnit.DAYS.between(end, d);
          if (daysAfter >= 0 && daysAfter <= 30) {
            a.discharge0().merge(s.measure(), s, EpisodeOutcomes::earlier);
            if (daysAfter >= 1) {
              a.discharge1().merge(s.measure(), s, EpisodeOutcomes::earlier);
            }
          }
        }
        case FOLLOWUP -> {
          long daysAfter = ChronoUnit.DAYS.between(end, d);
          if (next != null && !d.isBefore(next)) {
            continue;
          }
          for (Map.Entry<String, Integer> h : settings.followupHorizons().entrySet()) {
            if (Math.abs(daysAfter - h.getValue()) <= w) {
              a.followup()
                  .computeIfAbsent(h.getKey(), x -> new HashMap<>())
                  .merge(s.measure(), s, (x, y) -> closer(x, y, end.plusDays(h.getValue())));
            }
          }
        }
        default -> {}
      }
    }
    return a;
  }

  /** One measure's outcome. */
  private Outcome outcome(
      String episodeId,
      String m,
      boolean closed,
      LocalDate end,
      LocalDate next,
      SessionScores own,
      Around around) {
    Integer b1 = own.before1().get(m);
    Score in = around.intake().get(m);
    Integer baseline = b1 != null ? b1 : tenths(in);
    String baselineSource =
        b1 != null ? Moment.BEFORE.code() : in == null ? null : Moment.INTAKE.code();
    Score dis = around.discharge1().get(m);
    Integer fin = dis != null ? tenths(dis) : own.beforeLast().get(m);
    String finalSource = dis != null ? Moment.DISCHARGE.code() : fin == null ? null : "last_before";
    Integer al = own.afterLast().get(m);
    Integer immediate = al != null ? al : tenths(around.discharge0().get(m));
    Integer improvement = improvement(m, baseline, fin);
    Integer dist = baseline == null ? null : Math.abs(Measure.fromCode(m).bestTenths() - baseline);
    boolean distPositive = dist != null && dist > 0;
    Integer mcid = settings.mcidTenths().get(m);
    Integer pre = tenths(around.preIntake().get(m));
    return new Outcome(
        episodeId,
        m,
        closed,
        baseline,
        baselineSource,
        fin,
        finalSource,
        improvement,
        distPositive && improvement != null ? (double) improvement / dist : null,
        improvement == null || mcid == null ? null : improvement >= mcid,
        distPositive && improvement != null ? improvement * 100L >= dist * 30L : null,
        distPositive && improvement != null ? improvement * 100L >= dist * 50L : null,
        immediate,
        improvement(m, baseline, immediate),
        pre,
        b1,
        improvement(m, pre, b1),
        followups(m, closed, baseline, end, next, around.followup()));
  }

  /** A measure's follow-up at each horizon, with its eligibility. */
  private List<Followup> followups(
      String m,
      boolean closed,
      Integer baseline,
      LocalDate end,
      LocalDate next,
      Map<String, Map<String, Score>> followup) {
    int w = settings.followupWindowDays();
    List<Followup> followups = new ArrayList<>();
    for (Map.Entry<String, Integer> h : settings.followupHorizons().entrySet()) {
      Score fu = followup.getOrDefault(h.getKey(), Map.of()).get(m);
      LocalDate first = end.plusDays(h.getValue() - w);
      LocalDate lastDay = end.plusDays(h.getValue() + w);
      boolean eligible =
          closed
              && baseline != null
              && !lastDay.isAfter(settings.asOf())
              && (next == null || !next.isBefore(first));
      followups.add(
          new Followup(
              h.getKey(),
              eligible,
              tenths(fu),
              improvement(m, baseline, tenths(fu)),
              fu == null ? null : fu.recordedOn()));
    }
    return List.copyOf(followups);
  }

  private static Integer tenths(Score s) {
    return s == null ? null : s.tenths();
  }

  private static Score later(Score a, Score b) {
    int c = a.recordedOn().compareTo(b.recordedOn());
    return c > 0 || (c == 0 && a.tenths() >= b.tenths()) ? a : b;
  }

  private static Score earlier(Score a, Score b) {
    int c = a.recordedOn().compareTo(b.recordedOn());
    return c < 0 || (c == 0 && a.tenths() <= b.tenths()) ? a : b;
  }

  /** The score closer to {@code target}; equally close: the earlier, then the lower. */
  private static Score closer(Score a, Score b, LocalDate target) {
    long da = Math.abs(ChronoUnit.DAYS.between(target, a.recordedOn()));
    long db = Math.abs(ChronoUnit.DAYS.between(target, b.recordedOn()));
    if (da != db) {
      return da < db ? a : b;
    }
    return earlier(a, b);
  }

  /** Improvement (positive = better) of earlier vs later, null when either is. */
  static Integer improvement(String measure, Integer earlier, Integer later) {
    if (earlier == null || later == null) {
      return null;
    }
    return Measure.fromCode(measure).higherIsBetter() ? later - earlier : earlier - later;
  }
}
