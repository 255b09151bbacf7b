package clinic.outcomes.report;

/**
 * A point estimate with its interval; any part may be null (undefined or suppressed).
 *
 * @param estimate the estimate
 * @param low lower end of the interval
 * @param high upper end of the interval
 */
public record Interval(Double estimate, Double low, Double high) {
  /** An interval with no values (missing or suppressed). */
  public static final Interval NONE = new Interval(null, null, null);

  /**
   * A figure the case study withholds (its group's count is suppressed): no values, and charts draw
   * it as a marked gap rather than leave it blank. Recognised by identity ({@link #withheld}).
   */
  public static final Interval WITHHELD = new Interval(null, null, null);

  /** True for the {@link #WITHHELD} marker (not merely an empty interval). */
  public boolean withheld() {
    return this == WITHHELD;
  }

  /** True when there is an estimate to draw. */
  public boolean present() {
    return estimate != null && Double.isFinite(estimate);
  }

  /** True when both ends are there. */
  public boolean hasRange() {
    return low != null && high != null && Double.isFinite(low) && Double.isFinite(high);
  }
}
