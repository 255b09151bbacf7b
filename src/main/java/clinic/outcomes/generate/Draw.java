package clinic.outcomes.generate;

import java.util.SplittableRandom;

/** Small random draws used by the generator; all take the caller's stream. */
final class Draw {

  private Draw() {}

  /** True with probability {@code p}. */
  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  /** Uniform integer in {@code [low, high]}, both inclusive. */
  static int between(SplittableRandom rng, int low, int high) {
    return low + rng.nextInt(high - low + 1);
  }

  /** Uniform double in {@code [low, high)}. */
  static double uniform(SplittableRandom rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /**
   * An index drawn with the given probabilities; the last index takes whatever the others leave (so
   * the table need not sum to exactly 1 in binary floating point).
   */
  static int index(SplittableRandom rng, double[] probabilities) {
    double u = rng.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < probabilities.length - 1; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  /**
   * {@code center} plus symmetric triangular noise whose half-width is {@code maxHalfWidth},
   * narrowed so that the result stays in {@code [low, high]}. Because the noise is symmetric for
   * every half-width, the mean is exactly {@code center}.
   */
  static double around(
      SplittableRandom rng, double center, double low, double high, double maxHalfWidth) {
    double halfWidth = Math.max(0.0, Math.min(maxHalfWidth, Math.min(center - low, high - center)));
    return center + halfWidth * (rng.nextDouble() + rng.nextDouble() - 1.0);
  }
}
