package clinic.outcomes.claims;

/**
 * One row of the {@code claims} table.
 *
 * @param claim the claim as loaded
 * @param estimate the point estimate, null when undefined
 * @param ciLow lower bound of the interval at {@code confidence}, null when undefined
 * @param ciHigh upper bound, null when undefined
 * @param n episodes (sessions for a per-session rate; the smaller group for a difference)
 * @param confidence the Bonferroni-adjusted confidence level of the interval, e.g. 0.9958
 * @param verdict the verdict
 * @param explanation one plain-English sentence with the numbers; never a causal statement
 */
public record ClaimResult(
    Claim claim,
    Double estimate,
    Double ciLow,
    Double ciHigh,
    long n,
    double confidence,
    Verdict verdict,
    String explanation) {}
