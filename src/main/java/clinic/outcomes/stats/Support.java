package clinic.outcomes.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/** Shared helpers: argument checks and distribution tails. Package-private. */
final class Support {

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private Support() {}

  /** Throws unless {@code 0 < confidence < 1}. */
  static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
  }

  /** Two-sided quantile t_{1-alpha/2, df} for a confidence level; df &gt; 0. */
  static double tQuantile(double confidence, double df) {
    double upper = (1 - confidence) / 2;
    return TDistribution.of(df).inverseSurvivalProbability(upper);
  }

  /** Two-sided p-value 2 P(T_df &gt;= |t|), capped at 1; t may be infinite (gives 0). */
  static double tTwoSidedP(double t, double df) {
    return Math.min(1.0, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
  }

  /** Two-sided quantile z_{1-alpha/2} for a confidence level. */
  static double zQuantile(double confidence) {
    return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
  }

  /** Two-sided normal p-value 2 min(Phi(z), 1 - Phi(z)), capped at 1. */
  static double zTwoSidedP(double z) {
    double tail =
        z > 0 ? STANDARD_NORMAL.survivalProbability(z) : STANDARD_NORMAL.cumulativeProbability(z);
    return Math.min(1.0, 2 * tail);
  }
}
