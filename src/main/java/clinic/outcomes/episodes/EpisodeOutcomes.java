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

  List<Outcome> of(
      String episodeId,
      List<NumberedVisit> mine,
      LocalDate next,
      boolean closed,
      List<Score> scores,
      Sides sides) {
    LocalDate start = mine.get(0).visit().date();
    LocalDate end = mine.get(mine.size() - 1).visit().date();
    int last = mine.size();
    Map<String, Integer> before1 = new TreeMap<>();
    Map<String, Integer> beforeLast = new TreeMap<>();
    Map<String, Integer> afterLast = new TreeMap<>();
    TreeSet<String> measures = new TreeSet<>();
    for (NumberedVisit v : mine) {
      Map<String, Integer> b = sides.before().get(v.visit().sessionId());
      Map<String, Integer> a = sides.after().get(v.visit().sessionId());
      if (b != null) {
        measures.addAll(b.keySet());
        if (v.sessionNumber() == 1) {
          before1.putAll(b);
        }
        if (v.sessionNumber() == last && last >= 2) {
          beforeLast.putAll(b);
        }
      }
      if (a != null) {
        measures.addAll(a.keySet());
        if (v.sessionNumber() == last) {
          afterLast.putAll(a);
        }
      }
    }
    Map<String, Score> intake = new HashMap<>(); // 0-30 days before session 1: baseline
    Map<String, Score> preIntake = new HashMap<>(); // 1-30 days before: pre-treatment
    Map<String, Score> discharge0 = new HashMap<>(); // 0-30 days after the last session
    Map<String, Score> discharge1 = new HashMap<>(); // 1-30 days after: the course final
    Map<String, Map<String, Score>> followup = new HashMap<>(); // horizon -> measure -> score
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
            intake.merge(s.measure(), s, EpisodeOutcomes::later);
            if (daysBefore >= 1) {
              preIntake.merge(s.measure(), s, EpisodeOutcomes::later);
            }
          }
        }
        case DISCHARGE -> {
          long daysAfter = ChronoUnit.DAYS.between(end, d);
          if (daysAfter >= 0 && daysAfter <= 30) {
            discharge0.merge(s.measure(), s, EpisodeOutcomes::earlier);
            if (daysAfter >= 1) {
              discharge1.merge(s.measure(), s, EpisodeOutcomes::earlier);
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
              followup
                  .computeIfAbsent(h.getKey(), x -> new HashMap<>())
                  .merge(s.measure(), s, (a, b) -> closer(a, b, end.plusDays(h.getValue())));
            }
          }
        }
        default -> {}
      }
    }
    measures.addAll(intake.keySet());
    measures.addAll(discharge0.keySet());
    followup.values().forEach(m -> measures.addAll(m.keySet()));

    List<Outcome> out = new ArrayList<>(measures.size());
    for (String m : measures) {
      Integer b1 = before1.get(m);
      Score in = intake.get(m);
      Integer baseline = b1 != null ? b1 : tenths(in);
      String baselineSource =
          b1 != null ? Moment.BEFORE.code() : in == null ? null : Moment.INTAKE.code();
      Score dis = discharge1.get(m);
      Integer fin = dis != null ? tenths(dis) : beforeLast.get(m);
      String finalSource =
          dis != null ? Moment.DISCHARGE.code() : fin == null ? null : "last_before";
      Integer al = afterLast.get(m);
      Integer immediate = al != null ? al : tenths(discharge0.get(m));
      Integer improvement = improvement(m, baseline, fin);
      Integer dist =
          baseline == null ? null : Math.abs(Measure.fromCode(m).bestTenths() - baseline);
      boolean distPositive = dist != null && dist > 0;
      Integer mcid = settings.mcidTenths().get(m);
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
      Integer pre = tenths(preIntake.get(m));
      out.add(
          new Outcome(
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
              List.copyOf(followups)));
    }
    return out;
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
