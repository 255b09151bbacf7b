package clinic.outcomes.generate;

import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Moment;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Draws and writes the {@code pain_scores.csv} rows of one episode from the latent model documented
 * in {@link TrueEffects} and {@code docs/generator.md}.
 *
 * <p>Latent {@code nrs_pain}: before at visit 1 = baseline B; before at visit k ≥ 2 = B − m × (K +
 * bonus) × dose(k) + noise; after = before − R(technique) + noise. A session's relief R fades by
 * the next visit except for its share of the carried improvement, so a discharge score (1-14 days
 * after the last session) sits around the carried level of the last visit, B − m × (K + bonus) ×
 * dose(n), not at the post-session level; follow-ups keep {@link TrueEffects#FOLLOWUP_RETENTION} of
 * that carried improvement. Every noise term is symmetric and narrowed near the scale ends ({@link
 * Draw#around}), and before-scores of visits ≥ 2 stay at or above {@link #RELIEF_FLOOR} so that a
 * full relief always fits above 0. The other measures follow the episode's expected {@code
 * nrs_pain} course improvement in proportion ({@link TrueEffects#pointsPerNrsPoint}).
 */
final class EpisodeScores {

  /** Chance that a session's {@code before} (resp. {@code after}) nrs_pain is not recorded. */
  static final double BEFORE_MISSING = 0.03;

  static final double AFTER_MISSING = 0.10;

  /** Share of {@code nrs_pain} scores rounded to half points instead of whole points. */
  static final double HALF_POINT_SHARE = 0.08;

  /** Chance of intake scores, dated 0-14 days before session 1 (dropped before the window). */
  static final double INTAKE_SHARE = 0.30;

  static final int INTAKE_MAX_DAYS_BEFORE = 14;

  /** Chance of discharge scores, dated 1-14 days after the last session (dropped after it). */
  static final double DISCHARGE_SHARE = 0.80;

  static final int DISCHARGE_MAX_DAYS_AFTER = 14;

  /**
   * P(follow-up of horizon j answered | discharged) = (base + slope × (m − mu(n))) × decay^j, from
   * 0.5 to 0.9 at 3 months, less at 6 and 12: clients who improved more answer more often.
   */
  static final double FOLLOWUP_BASE = 0.7;

  static final double FOLLOWUP_SLOPE = 0.4;

  static final double FOLLOWUP_DECAY = 0.85;

  /**
   * Follow-up requests at 90, 180 and 365 days after the last session, answered within ± 20 days.
   */
  static final int[] FOLLOWUP_DAYS = {90, 180, 365};

  static final int FOLLOWUP_SPREAD_DAYS = 20;

  /** Responsiveness m is uniform on mu(n) ± this. */
  static final double RESPONSIVENESS_HALF_WIDTH = 0.5;

  /** Largest session relief of any technique: the lowest latent before-score of visits ≥ 2. */
  static final double RELIEF_FLOOR = 1.5;

  /** Largest half-widths of the triangular noise of nrs_pain scores, in points. */
  static final double BEFORE_NOISE = 1.0;

  static final double AFTER_NOISE = 1.0;
  static final double FOLLOWUP_NOISE = 1.0;

  /** Intake (around B) and discharge (around the last after) noise. */
  static final double OCCASION_NOISE = 0.5;

  private final CsvSink out;
  private final ScoreRounder rounder;
  private final int startDay;
  private final int endDay;

  EpisodeScores(CsvSink out, ScoreRounder rounder, int startDay, int endDay) {
    this.out = out;
    this.rounder = rounder;
    this.startDay = startDay;
    this.endDay = endDay;
  }

  /**
   * Writes the scores of {@code episode} (whose sessions are already written).
   *
   * @param nextEpisodeDay first session day of the client's next episode, or {@link
   *     Integer#MAX_VALUE}
   */
  void write(SplittableRandom rng, Episode episode, int nextEpisodeDay) throws IOException {
    int n = episode.sessions();
    double mu = TrueEffects.responsivenessMean(n);
    double m = Draw.uniform(rng, mu - RESPONSIVENESS_HALF_WIDTH, mu + RESPONSIVENESS_HALF_WIDTH);
    double bonus = episode.adherent ? TrueEffects.ADHERENCE_BONUS : 0.0;
    double carriedFull = m * (TrueEffects.carriedImprovement(episode.primary) + bonus);
    int baseline = Draw.between(rng, TrueEffects.BASELINE_MIN, TrueEffects.BASELINE_MAX);
    double expectedCarried = carriedFull * TrueEffects.doseFraction(n);
    double expectedImmediate = TrueEffects.sessionRelief(episode.primary) + expectedCarried;
    FunctionScores function =
        new FunctionScores(rng, episode.clientId, expectedImmediate, expectedCarried);

    if (Draw.chance(rng, INTAKE_SHARE)) {
      int day = episode.firstDay() - Draw.between(rng, 0, INTAKE_MAX_DAYS_BEFORE);
      if (day >= startDay) {
        nrs(rng, episode, null, day, Moment.INTAKE.code(), around(rng, baseline, OCCASION_NOISE));
        function.atIntake(rng, day);
      }
    }
    for (int k = 0; k < n; k++) {
      double before =
          k == 0
              ? baseline
              : Draw.around(
                  rng,
                  baseline - carriedFull * TrueEffects.doseFraction(k + 1),
                  RELIEF_FLOOR,
                  Measure.NRS_PAIN.max(),
                  BEFORE_NOISE);
      double after =
          around(rng, before - TrueEffects.sessionRelief(episode.techniques[k]), AFTER_NOISE);
      String sessionId = episode.sessionIds[k];
      int day = episode.days[k];
      if (!Draw.chance(rng, BEFORE_MISSING)) {
        nrs(rng, episode, sessionId, day, Moment.BEFORE.code(), before);
      }
      if (k == 0) {
        function.atFirstBefore(day, sessionId);
      }
      if (!Draw.chance(rng, AFTER_MISSING)) {
        nrs(rng, episode, sessionId, day, Moment.AFTER.code(), after);
      }
      if (k == n - 1) {
        function.atLastAfter(rng, day, sessionId);
      }
    }
    if (!Draw.chance(rng, DISCHARGE_SHARE)) {
      return;
    }
    int dischargeDay = episode.lastDay() + Draw.between(rng, 1, DISCHARGE_MAX_DAYS_AFTER);
    if (dischargeDay > endDay) {
      return;
    }
    double carriedAtEnd = carriedFull * TrueEffects.doseFraction(n);
    nrs(
        rng,
        episode,
        null,
        dischargeDay,
        Moment.DISCHARGE.code(),
        around(rng, baseline - carriedAtEnd, OCCASION_NOISE));
    function.atDischarge(rng, dischargeDay);
    double answer = FOLLOWUP_BASE + FOLLOWUP_SLOPE * (m - mu);
    for (int j = 0; j < FOLLOWUP_DAYS.length; j++) {
      boolean answered = Draw.chance(rng, answer * Math.pow(FOLLOWUP_DECAY, j));
      int followupDay =
          episode.lastDay()
              + FOLLOWUP_DAYS[j]
              + Draw.between(rng, -FOLLOWUP_SPREAD_DAYS, FOLLOWUP_SPREAD_DAYS);
      if (!answered || followupDay > endDay || followupDay >= nextEpisodeDay) {
        continue;
      }
      double retained = baseline - TrueEffects.FOLLOWUP_RETENTION * carriedAtEnd;
      nrs(
          rng,
          episode,
          null,
          followupDay,
          Moment.FOLLOWUP.code(),
          around(rng, retained, FOLLOWUP_NOISE));
      function.atFollowup(rng, followupDay);
    }
  }

  private static double around(SplittableRandom rng, double center, double noise) {
    return Draw.around(rng, center, 0.0, Measure.NRS_PAIN.max(), noise);
  }

  private void nrs(
      SplittableRandom rng,
      Episode episode,
      String sessionId,
      int day,
      String moment,
      double latent)
      throws IOException {
    int grid = Draw.chance(rng, HALF_POINT_SHARE) ? ScoreRounder.HALF : ScoreRounder.WHOLE;
    out.score(
        episode.clientId,
        sessionId,
        day,
        moment,
        Measure.NRS_PAIN,
        rounder.tenths(rng, Measure.NRS_PAIN, latent, grid));
  }

  /** The {@code odi}, {@code rmdq} and {@code slr_deg} scores of one episode. */
  private final class FunctionScores {

    private final String clientId;
    private final double expectedImmediate;
    private final double expectedCarried;
    private final boolean[] used = new boolean[FunctionMeasure.ALL.size()];
    private final int[] baseline = new int[used.length];

    FunctionScores(
        SplittableRandom rng, String clientId, double expectedImmediate, double expectedCarried) {
      this.clientId = clientId;
      this.expectedImmediate = expectedImmediate;
      this.expectedCarried = expectedCarried;
      for (int i = 0; i < used.length; i++) {
        FunctionMeasure spec = FunctionMeasure.ALL.get(i);
        used[i] = Draw.chance(rng, spec.share());
        if (used[i]) {
          baseline[i] = Draw.between(rng, spec.baselineMin(), spec.baselineMax());
        }
      }
    }

    void atIntake(SplittableRandom rng, int day) throws IOException {
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          double noise = FunctionMeasure.ALL.get(i).occasionNoise();
          write(rng, i, null, day, Moment.INTAKE.code(), bounded(rng, i, baseline[i], noise));
        }
      }
    }

    void atFirstBefore(int day, String sessionId) throws IOException {
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          out.score(clientId, sessionId, day, Moment.BEFORE.code(), measure(i), 10 * baseline[i]);
        }
      }
    }

    void atLastAfter(SplittableRandom rng, int day, String sessionId) throws IOException {
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          double center = improved(i, expectedImmediate);
          write(
              rng,
              i,
              sessionId,
              day,
              Moment.AFTER.code(),
              bounded(rng, i, center, FunctionMeasure.ALL.get(i).courseNoise()));
        }
      }
    }

    void atDischarge(SplittableRandom rng, int day) throws IOException {
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          double noise = FunctionMeasure.ALL.get(i).occasionNoise();
          write(
              rng,
              i,
              null,
              day,
              Moment.DISCHARGE.code(),
              bounded(rng, i, improved(i, expectedCarried), noise));
        }
      }
    }

    void atFollowup(SplittableRandom rng, int day) throws IOException {
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          double center = improved(i, TrueEffects.FOLLOWUP_RETENTION * expectedCarried);
          double noise = FunctionMeasure.ALL.get(i).courseNoise();
          write(rng, i, null, day, Moment.FOLLOWUP.code(), bounded(rng, i, center, noise));
        }
      }
    }

    /** Baseline improved in proportion to {@code nrsPoints} of expected nrs_pain improvement. */
    private double improved(int i, double nrsPoints) {
      double points = TrueEffects.pointsPerNrsPoint(measure(i).code()) * nrsPoints;
      return measure(i).higherIsBetter() ? baseline[i] + points : baseline[i] - points;
    }

    private Measure measure(int i) {
      return FunctionMeasure.ALL.get(i).measure();
    }

    private double bounded(SplittableRandom rng, int i, double center, double noise) {
      return Draw.around(rng, center, 0.0, measure(i).max(), noise);
    }

    private void write(
        SplittableRandom rng, int i, String sessionId, int day, String moment, double latent)
        throws IOException {
      int tenths = rounder.tenths(rng, measure(i), latent, ScoreRounder.WHOLE);
      out.score(clientId, sessionId, day, moment, measure(i), tenths);
    }
  }
}
