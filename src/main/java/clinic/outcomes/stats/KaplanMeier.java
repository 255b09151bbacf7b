package clinic.outcomes.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kaplan-Meier estimate over integer times (SPEC "Time to MCID": the number of sessions received),
 * with Greenwood confidence intervals on the log scale and the median with its interval, as R's
 * {@code survival::survfit(Surv(time, event) ~ 1)} with its defaults ({@code conf.type = "log"},
 * {@code conf.int = 0.95}) and {@code print.survfit} report them.
 *
 * <p>Rules, mirrored from the R survival package (therneau/survival, {@code R/survfit.R} {@code
 * survfit_confint}, {@code R/print.survfit.R} {@code survmean}/{@code minmin}):
 *
 * <ul>
 *   <li>one row per distinct time with an event or a censoring (R's default {@code censor = TRUE});
 *       {@code at_risk} counts everyone whose time is at least t (those censored at t are at risk
 *       at t);
 *   <li>survival {@code S(t) = prod_{u <= t} (1 - d_u / n_u)};
 *   <li>standard error of log S (R's {@code std.err}), Greenwood: {@code sqrt(sum_{u <= t} d_u /
 *       (n_u (n_u - d_u)))};
 *   <li>interval {@code exp(log S -/+ z se)}, the upper bound capped at 1; both null where S = 0
 *       (R: NA);
 *   <li>median: over the rows in time order, keep those whose curve value y is not null and {@code
 *       y < 0.5 + tol} with {@code tol = sqrt(machine epsilon)} (R's all.equal tolerance); none
 *       kept: null; otherwise the first kept time x1, except when {@code |y1 - 0.5| < tol} and a
 *       later kept row has {@code y < y1}: the midpoint of x1 and the time of the first such row
 *       (the curve is exactly 0.5 over an interval). A curve that stays at 0.5 to its end gives x1
 *       (not a midpoint). The interval of the median applies the same rule to the lower curve
 *       (giving the median's lower bound) and to the upper curve (its upper bound).
 * </ul>
 */
public final class KaplanMeier {

  /** R's {@code .Machine$double.eps^.5}, the tolerance of {@code minmin}. */
  static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

  private KaplanMeier() {}

  /**
   * One row of the curve (R {@code summary(fit, censored = TRUE)}).
   *
   * @param time the time t (sessions)
   * @param atRisk number at risk at t (time &ge; t)
   * @param events events at t
   * @param censored censorings at t
   * @param survival S(t) in [0, 1]
   * @param stdErr standard error of log S(t) (Greenwood), null where S = 0
   * @param ciLow lower bound {@code exp(log S - z se)}, null where S = 0
   * @param ciHigh upper bound {@code min(1, exp(log S + z se))}, null where S = 0
   */
  public record Row(
      long time,
      long atRisk,
      long events,
      long censored,
      double survival,
      Double stdErr,
      Double ciLow,
      Double ciHigh) {}

  /**
   * A fitted curve.
   *
   * @param n number of subjects
   * @param events total number of events
   * @param rows the rows in increasing time (empty when n = 0)
   * @param median the median time, null where the curve never reaches 0.5
   * @param medianCiLow lower bound of the median's interval (from the lower curve), null where that
   *     curve never reaches 0.5
   * @param medianCiHigh upper bound (from the upper curve), null where that curve never reaches 0.5
   */
  public record Curve(
      long n, long events, List<Row> rows, Double median, Double medianCiLow, Double medianCiHigh) {

    /** Makes the row list unmodifiable. */
    public Curve {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Fits the curve to one (time, event) pair per subject.
   *
   * @param times the times, each &ge; 0
   * @param events true for an event at that time, false for a censoring
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the curve, never null
   * @throws IllegalArgumentException when an array is null, the lengths differ, a time is negative,
   *     or {@code confidence} is not strictly between 0 and 1
   */
  public static Curve fit(long[] times, boolean[] events, double confidence) {
    if (times == null || events == null) {
      throw new IllegalArgumentException("times and events must not be null");
    }
    if (times.length != events.length) {
      throw new IllegalArgumentException(
          "times and events differ in length: " + times.length + " vs " + events.length);
    }
    long[] ev = new long[times.length];
    long[] cens = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      if (events[i]) {
        ev[i] = 1;
      } else {
        cens[i] = 1;
      }
    }
    return fromCounts(times, ev, cens, confidence);
  }

  /**
   * Fits the curve to a histogram by time of events and censorings (the form that merges across
   * Spark partitions: per group, time to (events, censored)). Times may repeat and come in any
   * order; their counts are added.
   *
   * @param times the times, each &ge; 0
   * @param events number of events at each time, &ge; 0
   * @param censored number of censorings at each time, &ge; 0
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the curve, never null
   * @throws IllegalArgumentException when an array is null, the lengths differ, a time or a count
   *     is negative, or {@code confidence} is not strictly between 0 and 1
   */
  public static Curve fromCounts(long[] times, long[] events, long[] censored, double confidence) {
    if (times == null || events == null || censored == null) {
      throw new IllegalArgumentException("arrays must not be null");
    }
    if (times.length != events.length || times.length != censored.length) {
      throw new IllegalArgumentException("arrays differ in length");
    }
    Support.checkConfidence(confidence);
    TreeMap<Long, long[]> byTime = new TreeMap<>();
    long n = 0;
    long totalEvents = 0;
    for (int i = 0; i < times.length; i++) {
      if (times[i] < 0 || events[i] < 0 || censored[i] < 0) {
        throw new IllegalArgumentException("negative time or count at " + i);
      }
      if (events[i] + censored[i] == 0) {
        continue;
      }
      long[] c = byTime.computeIfAbsent(times[i], t -> new long[2]);
      c[0] += events[i];
      c[1] += censored[i];
      n += events[i] + censored[i];
      totalEvents += events[i];
    }
    double z = Support.zQuantile(confidence);
    List<Row> rows = new ArrayList<>(byTime.size());
    long atRisk = n;
    double s = 1.0;
    double greenwood = 0.0;
    for (Map.Entry<Long, long[]> e : byTime.entrySet()) {
      long d = e.getValue()[0];
      long c = e.getValue()[1];
      if (d > 0) {
        s *= (double) (atRisk - d) / atRisk;
        if (atRisk > d) {
          greenwood += (double) d / ((double) atRisk * (atRisk - d));
        }
      }
      Double se = null;
      Double low = null;
      Double high = null;
      if (s > 0) {
        double sd = Math.sqrt(greenwood);
        se = sd;
        double logS = Math.log(s);
        low = Math.exp(logS - z * sd);
        high = Math.min(1.0, Math.exp(logS + z * sd));
      }
      rows.add(new Row(e.getKey(), atRisk, d, c, s, se, low, high));
      atRisk -= d + c;
    }
    int k = rows.size();
    long[] t = new long[k];
    Double[] surv = new Double[k];
    Double[] lower = new Double[k];
    Double[] upper = new Double[k];
    for (int i = 0; i < k; i++) {
      Row r = rows.get(i);
      t[i] = r.time();
      surv[i] = r.survival();
      lower[i] = r.ciLow();
      upper[i] = r.ciHigh();
    }
    return new Curve(
        n, totalEvents, rows, medianOf(t, surv), medianOf(t, lower), medianOf(t, upper));
  }

  /**
   * R's {@code minmin(y, x)} of {@code survmean} (print.survfit): the time at which a
   * non-increasing curve first reaches 0.5, with the midpoint rule where it equals 0.5 over an
   * interval. Package-private for the tests.
   *
   * @param times the times, increasing
   * @param y the curve's values, null where undefined (R: NA)
   * @return the median, or null when no value is below 0.5 + tolerance
   */
  static Double medianOf(long[] times, Double[] y) {
    int first = -1;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != null && y[i] < 0.5 + TOLERANCE) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return null;
    }
    double y1 = y[first];
    if (Math.abs(y1 - 0.5) < TOLERANCE) {
      for (int i = first + 1; i < y.length; i++) {
        if (y[i] != null && y[i] < y1) {
          return (times[first] + times[i]) / 2.0;
        }
      }
    }
    return (double) times[first];
  }
}
