package clinic.outcomes.claims;

/**
 * What the data say about one claim's statistic: the estimate and its two-sided interval at the
 * confidence level asked for, in the statistic's unit (points, degrees, or a proportion 0-1).
 *
 * @param estimate the point estimate; null when undefined
 * @param low the interval's lower bound; null when undefined (e.g. n &lt; 2 or zero variance)
 * @param high the interval's upper bound; null when undefined
 * @param n episodes behind the estimate (sessions for a per-session rate; the smaller group for a
 *     two-group difference); 0 when there is no such group
 * @param followupRate for a completers' follow-up analysis: completers / eligible episodes; else
 *     null
 */
public record Evidence(Double estimate, Double low, Double high, long n, Double followupRate) {
  /** Evidence without a follow-up rate. */
  public Evidence(Double estimate, Double low, Double high, long n) {
    this(estimate, low, high, n, null);
  }
}
