package clinic.outcomes.generate;

/**
 * Exact probability that the SPEC's adherence rule (yes in at least half of the sessions that
 * record {@code home_exercise}, at least one recorded) classifies an episode as adherent, under the
 * generator's home-exercise model.
 */
final class AdherenceOdds {

  private AdherenceOdds() {}

  /**
   * P(adherent) for an episode of {@code sessions} sessions whose recorded sessions say yes with
   * probability {@code yesRate}; session 1 is empty with {@link
   * TrueEffects#HOME_EXERCISE_EMPTY_FIRST}, later ones with {@link
   * TrueEffects#HOME_EXERCISE_EMPTY}.
   */
  static double adherent(int sessions, double yesRate) {
    // odds[y][r]: probability of y yes answers among r recorded sessions so far
    double[][] odds = new double[sessions + 1][sessions + 1];
    odds[0][0] = 1.0;
    for (int k = 1; k <= sessions; k++) {
      double empty =
          k == 1 ? TrueEffects.HOME_EXERCISE_EMPTY_FIRST : TrueEffects.HOME_EXERCISE_EMPTY;
      double[][] next = new double[sessions + 1][sessions + 1];
      for (int y = 0; y < k; y++) {
        for (int r = y; r < k; r++) {
          double p = odds[y][r];
          if (p == 0) {
            continue;
          }
          next[y][r] += p * empty;
          next[y + 1][r + 1] += p * (1 - empty) * yesRate;
          next[y][r + 1] += p * (1 - empty) * (1 - yesRate);
        }
      }
      odds = next;
    }
    double adherent = 0;
    for (int r = 1; r <= sessions; r++) {
      for (int y = 0; y <= r; y++) {
        if (2 * y >= r) {
          adherent += odds[y][r];
        }
      }
    }
    return adherent;
  }
}
