package clinic.outcomes.generate;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Technique;
import java.util.List;
import java.util.Map;

/**
 * The documented ground truth of the synthetic data: every parameter the generator draws from and
 * the closed-form expected values a correct analysis must recover.
 *
 * <p>Model for {@code nrs_pain} in an episode with primary technique {@code t}, {@code n} sessions
 * and observed adherence {@code a} (1 when the episode is adherent by the SPEC's rule, 0 when it is
 * not or unknown):
 *
 * <ul>
 *   <li>baseline {@code B} (the {@code before} score of session 1): uniform integer 5..9;
 *   <li>session relief ({@code before - after} of a session of technique {@code s}), mean {@link
 *       #sessionRelief(String)};
 *   <li>carried improvement at visit {@code k} ({@code B - before_k}), mean {@code mu(n) * (K_t +
 *       0.5 a) * min(k - 1, 5) / 5}, with {@link #carriedImprovement(String) K_t} and the
 *       responsiveness mean {@link #responsivenessMean(int) mu(n)} (0.70 / 0.85 / 1.00: episodes
 *       that end early belong to clients who respond less, the built-in dropout effect);
 *   <li>course improvement (baseline − the course final: a discharge score 1-14 days after the last
 *       session, around the carried level, else the before score of visit n) = the carried
 *       improvement at visit n: {@link #expectedCourseImprovement(String, int, boolean)};
 *   <li>immediate course improvement ({@code B - after_n}, SPEC {@code course_immediate}) = that
 *       plus the relief of session n (always the primary technique): {@link
 *       #expectedImmediateImprovement(String, int, boolean)}.
 * </ul>
 *
 * All noise is symmetric and narrowed near the scale ends, and scores are rounded at random to
 * their grid with the probability that keeps the mean, so the means above hold exactly (no
 * clamping, no rounding bias). This class is stateless.
 */
public final class TrueEffects {

  /** The four known techniques, in the order of {@link #techniqueShare(String)}'s table. */
  public static final List<String> TECHNIQUES = Technique.CODES;

  /** Lowest baseline {@code nrs_pain} (integer points). */
  public static final int BASELINE_MIN = 5;

  /** Highest baseline {@code nrs_pain} (integer points). */
  public static final int BASELINE_MAX = 9;

  /** Extra carried improvement (points at full dose) of an adherent episode. */
  public static final double ADHERENCE_BONUS = 0.5;

  /** From this session number on, the carried improvement is complete (dose fraction 1). */
  public static final int FULL_DOSE_SESSIONS = 6;

  /** Fraction of an episode's course improvement still present at follow-up. */
  public static final double FOLLOWUP_RETENTION = 0.7;

  /** Episode gap, in days, above which the generator starts a second episode. */
  public static final int EPISODE_GAP_DAYS = 90;

  /** Share of episodes whose client is a "stretcher" (does the home exercise as a habit). */
  public static final double STRETCHER_SHARE = 0.45;

  /** Probability of {@code home_exercise = yes} in a recorded session of a stretcher. */
  public static final double YES_IF_STRETCHER = 0.85;

  /** Probability of {@code home_exercise = yes} in a recorded session of a non-stretcher. */
  public static final double YES_IF_NOT_STRETCHER = 0.15;

  /** Probability that session 1 of an episode leaves {@code home_exercise} empty. */
  public static final double HOME_EXERCISE_EMPTY_FIRST = 0.60;

  /** Probability that a later session leaves {@code home_exercise} empty. */
  public static final double HOME_EXERCISE_EMPTY = 0.12;

  /** Probability that a session records {@code adverse_event} at all. */
  public static final double ADVERSE_RECORDED = 0.92;

  private static final Map<String, double[]> TECHNIQUE_TABLE =
      Map.of(
          // share, session relief R, carried improvement K, soreness, bruising, increased_pain,
          // other
          Technique.DEEP_TISSUE.code(),
          new double[] {0.30, 1.5, 1.5, 0.16, 0.04, 0.010, 0.005},
          Technique.TRIGGER_POINT.code(),
          new double[] {0.20, 1.2, 1.3, 0.11, 0.03, 0.010, 0.005},
          Technique.MYOFASCIAL_RELEASE.code(),
          new double[] {0.20, 1.0, 1.0, 0.08, 0.03, 0.010, 0.005},
          Technique.SWEDISH.code(),
          new double[] {0.30, 0.8, 0.2, 0.05, 0.01, 0.005, 0.005});

  /** The events of the table's last four columns: every adverse event but {@code none}. */
  private static final List<String> EVENTS =
      List.of(
          AdverseEvent.SORENESS.code(),
          AdverseEvent.BRUISING.code(),
          AdverseEvent.INCREASED_PAIN.code(),
          AdverseEvent.OTHER.code());

  /** P(n sessions in an episode), n = 1..15, before any shortening to fit the date window. */
  private static final double[] SESSION_COUNT_PROBABILITY = {
    0.08, 0.07, 0.09, 0.10, 0.11, 0.11, 0.10, 0.09, 0.06, 0.05, 0.04, 0.04, 0.03, 0.02, 0.01
  };

  private static final Map<String, Double> PER_NRS_POINT =
      Map.of(
          Measure.NRS_PAIN.code(), 1.0,
          Measure.ODI.code(), 6.0,
          Measure.RMDQ.code(), 1.5,
          Measure.SLR_DEG.code(), 4.0);

  private TrueEffects() {}

  /** Share of episodes whose primary technique is {@code technique} (sums to 1). */
  public static double techniqueShare(String technique) {
    return row(technique)[0];
  }

  /** Mean within-session relief of {@code nrs_pain} (before − after), points. */
  public static double sessionRelief(String technique) {
    return row(technique)[1];
  }

  /** Carried {@code nrs_pain} improvement K at full dose, responsiveness 1, not adherent. */
  public static double carriedImprovement(String technique) {
    return row(technique)[2];
  }

  /**
   * Probability of an adverse event in a session of {@code technique} that records one.
   *
   * @param event {@code soreness}, {@code bruising}, {@code increased_pain} or {@code other}
   */
  public static double adverseEventProbability(String technique, String event) {
    int index = EVENTS.indexOf(event);
    if (index < 0) {
      throw new IllegalArgumentException("unknown adverse event: " + event);
    }
    return row(technique)[3 + index];
  }

  /** P(an episode has {@code sessions} sessions), 1..15; 0 outside. */
  public static double sessionCountProbability(int sessions) {
    return sessions < 1 || sessions > SESSION_COUNT_PROBABILITY.length
        ? 0.0
        : SESSION_COUNT_PROBABILITY[sessions - 1];
  }

  /** Largest number of sessions in an episode. */
  public static int maxSessions() {
    return SESSION_COUNT_PROBABILITY.length;
  }

  /**
   * Mean responsiveness of an episode with {@code sessions} sessions: 0.70 for 1-2 sessions, 0.85
   * for 3-5, 1.00 for 6 or more. The responsiveness itself is uniform on mean ± 0.5.
   */
  public static double responsivenessMean(int sessions) {
    if (sessions <= 2) {
      return 0.70;
    }
    return sessions < FULL_DOSE_SESSIONS ? 0.85 : 1.00;
  }

  /** Dose fraction at visit {@code k}: min(k − 1, 5) / 5 (0 at visit 1, 1 from visit 6). */
  public static double doseFraction(int k) {
    return Math.min(k - 1, FULL_DOSE_SESSIONS - 1) / (double) (FULL_DOSE_SESSIONS - 1);
  }

  /**
   * Expected carried {@code nrs_pain} improvement, baseline − {@code before} at visit {@code k}, of
   * an episode with {@code sessions} sessions: what a trajectory point estimates.
   */
  public static double expectedCarriedImprovement(
      String technique, int sessions, int k, boolean adherent) {
    double full = carriedImprovement(technique) + (adherent ? ADHERENCE_BONUS : 0.0);
    return responsivenessMean(sessions) * full * doseFraction(k);
  }

  /**
   * Expected {@code nrs_pain} course improvement (baseline − the end-of-course final) of one
   * episode: the improvement carried into its last visit.
   *
   * @param technique the episode's primary technique (also the technique of its last session)
   * @param sessions the episode's session count, at least 1
   * @param adherent the SPEC's adherence of the episode; pass false for {@code unknown}
   */
  public static double expectedCourseImprovement(String technique, int sessions, boolean adherent) {
    if (sessions < 1) {
      throw new IllegalArgumentException("sessions must be at least 1: " + sessions);
    }
    return expectedCarriedImprovement(technique, sessions, sessions, adherent);
  }

  /**
   * Expected {@code nrs_pain} improvement from baseline to right after the last massage (SPEC
   * {@code course_immediate}): the course improvement plus the last session's relief.
   */
  public static double expectedImmediateImprovement(
      String technique, int sessions, boolean adherent) {
    return sessionRelief(technique) + expectedCourseImprovement(technique, sessions, adherent);
  }

  /**
   * Expected course improvement of {@code measure} (in the SPEC's improvement direction): {@link
   * #pointsPerNrsPoint(String)} times the {@code nrs_pain} value.
   */
  public static double expectedCourseImprovement(
      String measure, String technique, int sessions, boolean adherent) {
    return pointsPerNrsPoint(measure) * expectedCourseImprovement(technique, sessions, adherent);
  }

  /** Expected follow-up improvement of {@code measure}: the retained share of the course's. */
  public static double expectedFollowupImprovement(
      String measure, String technique, int sessions, boolean adherent) {
    return FOLLOWUP_RETENTION * expectedCourseImprovement(measure, technique, sessions, adherent);
  }

  /**
   * Improvement of {@code measure} per point of {@code nrs_pain} improvement (odi 6, rmdq 1.5,
   * slr_deg 4 degrees, nrs_pain 1).
   */
  public static double pointsPerNrsPoint(String measure) {
    Double value = PER_NRS_POINT.get(measure);
    if (value == null) {
      throw new IllegalArgumentException("unknown measure: " + measure);
    }
    return value;
  }

  /**
   * P(an episode with {@code sessions} sessions is adherent by the SPEC's rule), from the
   * home-exercise model (stretcher share, yes rates, empty rates), by exact enumeration.
   */
  public static double adherentProbability(int sessions) {
    return STRETCHER_SHARE * AdherenceOdds.adherent(sessions, YES_IF_STRETCHER)
        + (1 - STRETCHER_SHARE) * AdherenceOdds.adherent(sessions, YES_IF_NOT_STRETCHER);
  }

  /**
   * Expected {@code nrs_pain} course improvement of an episode of {@code technique}, averaged over
   * the session-count distribution and adherence: the per-technique mean an analysis of a large
   * sample made with a window of at least 632 days should find.
   */
  public static double expectedCourseImprovement(String technique) {
    double sum = 0;
    for (int n = 1; n <= maxSessions(); n++) {
      double adherent = adherentProbability(n);
      sum +=
          sessionCountProbability(n)
              * (adherent * expectedCourseImprovement(technique, n, true)
                  + (1 - adherent) * expectedCourseImprovement(technique, n, false));
    }
    return sum;
  }

  /**
   * Expected naive trajectory point at visit {@code k}: the mean carried improvement over the
   * episodes that reach visit k (all n ≥ k), bent by survivor bias; with {@code minSessions = 6}
   * and k ≤ 6 it is the unbiased cohort curve instead.
   *
   * @throws IllegalArgumentException when no episode has max(k, minSessions) sessions or more
   */
  public static double expectedTrajectoryImprovement(String technique, int k, int minSessions) {
    double weight = 0;
    double sum = 0;
    for (int n = Math.max(k, minSessions); n <= maxSessions(); n++) {
      double adherent = adherentProbability(n);
      double p = sessionCountProbability(n);
      weight += p;
      sum +=
          p
              * (adherent * expectedCarriedImprovement(technique, n, k, true)
                  + (1 - adherent) * expectedCarriedImprovement(technique, n, k, false));
    }
    if (weight == 0) {
      throw new IllegalArgumentException("no episode reaches visit " + k);
    }
    return sum / weight;
  }

  private static double[] row(String technique) {
    double[] row = TECHNIQUE_TABLE.get(technique);
    if (row == null) {
      throw new IllegalArgumentException("unknown technique: " + technique);
    }
    return row;
  }
}
