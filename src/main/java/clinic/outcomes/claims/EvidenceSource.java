package clinic.outcomes.claims;

/** Answers a claim from a run's statistics; the Spark side implements it, tests hand-build it. */
@FunctionalInterface
public interface EvidenceSource {
  /**
   * The evidence on a claim's statistic.
   *
   * @param claim the claim, already checked by {@link ClaimsFile}
   * @param confidence two-sided confidence level of the interval, in (0, 1)
   * @return the evidence; null is read as "no such group" (no estimate, n = 0)
   */
  Evidence evidence(Claim claim, double confidence);
}
