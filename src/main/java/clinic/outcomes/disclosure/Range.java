package clinic.outcomes.disclosure;

/**
 * The smallest and largest value of a count consistent with what is published ({@code
 * Double.POSITIVE_INFINITY} when nothing bounds it from above; both NaN when the published figures
 * contradict each other).
 *
 * @param low the smallest consistent value
 * @param high the largest consistent value
 */
public record Range(double low, double high) {
  /** Tolerance of the linear programs' arithmetic. */
  static final double EPS = 1e-6;

  /** A count shown as it is. */
  static Range exact(long v) {
    return new Range(v, v);
  }

  /** True when the figures were consistent. */
  public boolean consistent() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /**
   * True when a reader cannot tell whether the count is empty, small or not small: the range
   * reaches from 0 to at least {@code minCell}.
   */
  public boolean protects(int minCell) {
    return consistent() && low <= EPS && high >= minCell - EPS;
  }

  /** True when the range lies inside 1 .. minCell - 1: the count is known to be small. */
  public boolean pinsSmall(int minCell) {
    return consistent() && low >= 1 - EPS && high <= minCell - 1 + EPS;
  }
}
