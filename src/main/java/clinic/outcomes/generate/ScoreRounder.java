package clinic.outcomes.generate;

import clinic.outcomes.core.Measure;
import java.util.SplittableRandom;

/**
 * Turns a latent score into a written score in tenths, rounding at random to the grid (whole
 * points, or half points) with the probability that keeps the expected value equal to the latent
 * score: a latent 6.3 becomes 7 with probability 0.3 and 6 otherwise.
 *
 * <p>The model keeps every latent score inside its scale, so clamping should never bind; the number
 * of latent scores that were outside by more than 1e-9 is counted as {@link #clamped()}.
 */
final class ScoreRounder {

  /** Grid of whole points, in tenths. */
  static final int WHOLE = 10;

  /** Grid of half points, in tenths. */
  static final int HALF = 5;

  private static final double TOLERANCE = 1e-9;

  private long clamped;

  /** The written score in tenths of a point, within {@code [0, 10 * measure.max()]}. */
  int tenths(SplittableRandom rng, Measure measure, double latent, int gridTenths) {
    if (latent < -TOLERANCE || latent > measure.max() + TOLERANCE) {
      clamped++;
    }
    double units = Math.max(0.0, Math.min(measure.max(), latent)) * 10.0 / gridTenths;
    double floor = Math.floor(units);
    int tenths = ((int) floor + (rng.nextDouble() < units - floor ? 1 : 0)) * gridTenths;
    return Math.max(0, Math.min(10 * measure.max(), tenths));
  }

  /** How many latent scores lay outside their scale (0 for the documented model). */
  long clamped() {
    return clamped;
  }
}
