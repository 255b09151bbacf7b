package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import clinic.outcomes.stats.Wilson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Quarterly figures for the case study, pooled exactly from the monthly groups of the {@code stats}
 * table (course, nrs_pain, by month of the episode's last session) and the monthly session counts:
 * quarters rather than months, so that fewer figures need suppressing.
 */
final class Quarters {
  private Quarters() {}

  /**
   * One quarter.
   *
   * @param label e.g. {@code 2025 Q3}
   * @param sessions sessions in the quarter
   * @param episodes course episodes ending in the quarter
   * @param responders MCID responders among them
   * @param change mean course improvement with its 95 % CI (pooled from the months)
   * @param rate MCID responder rate with its Wilson 95 % interval
   */
  record Quarter(
      String label,
      long sessions,
      long episodes,
      long responders,
      Interval change,
      Interval rate) {}

  /** The quarters of the data, in order. */
  static List<Quarter> of(ReportData data) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<StatRow>> groups = new LinkedHashMap<>();
    for (MonthRow m : data.months()) {
      counts.computeIfAbsent(quarter(m.month()), q -> new long[1])[0] +=
          m.sessions() == null ? 0 : m.sessions();
      groups.computeIfAbsent(quarter(m.month()), q -> new ArrayList<>());
    }
    for (StatRow s : data.stats("course", Measure.NRS_PAIN.code(), "month")) {
      groups.computeIfAbsent(quarter(s.group()), q -> new ArrayList<>()).add(s);
      counts.computeIfAbsent(quarter(s.group()), q -> new long[1]);
    }
    List<Quarter> out = new ArrayList<>();
    for (String q : counts.keySet().stream().sorted().toList()) {
      out.add(pool(q, counts.get(q)[0], groups.get(q)));
    }
    return out;
  }

  /** {@code 2025-08} → {@code 2025 Q3}. */
  static String quarter(String month) {
    int m = Integer.parseInt(month.substring(5, 7));
    return month.substring(0, 4) + " Q" + ((m - 1) / 3 + 1);
  }

  /** Pools monthly groups into one (exact mean and pooled SD of the episodes behind them). */
  static Quarter pool(String label, long sessions, List<StatRow> months) {
    long n = 0;
    long responders = 0;
    long mcidN = 0;
    double sum = 0;
    for (StatRow s : months) {
      if (s.change().estimate() == null) {
        continue;
      }
      n += s.n();
      sum += s.n() * s.change().estimate();
      if (s.mcid().count() != null && s.mcid().n() != null) {
        responders += s.mcid().count();
        mcidN += s.mcid().n();
      }
    }
    Interval change = Interval.NONE;
    if (n > 0) {
      double mean = sum / n;
      double ss = 0;
      for (StatRow s : months) {
        if (s.change().estimate() != null) {
          double sd = s.sd() == null ? 0 : s.sd();
          double d = s.change().estimate() - mean;
          ss += (s.n() - 1) * sd * sd + s.n() * d * d;
        }
      }
      change = new Interval(mean, null, null);
      if (n > 1) {
        double half =
            TDistribution.of(n - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt(ss / (n - 1) / n);
        change = new Interval(mean, mean - half, mean + half);
      }
    }
    Interval rate = Interval.NONE;
    if (mcidN > 0) {
      Wilson.Interval w = Wilson.interval(responders, mcidN, 0.95);
      rate = new Interval((double) responders / mcidN, w.low(), w.high());
    }
    return new Quarter(label, sessions, n, responders, change, rate);
  }
}
