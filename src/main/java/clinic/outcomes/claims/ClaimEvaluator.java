package clinic.outcomes.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Judges the claims of one file (SPEC "Claims"): each claim's interval against its threshold, the
 * intervals Bonferroni-adjusted for the number of claims in the file.
 */
public final class ClaimEvaluator {
  /** The family-wise error rate of one claims file. */
  public static final double FAMILY_ALPHA = 0.05;

  private static final Evidence NO_EVIDENCE = new Evidence(null, null, null, 0);

  private ClaimEvaluator() {}

  /**
   * The Bonferroni confidence level of each interval in a family of {@code claims} claims, {@code 1
   * - 0.05 / claims}: with 12 claims each interval is a 99.583 % interval, and the chance that any
   * of the 12 misses its true value is at most 5 %.
   *
   * @param claims the number of claims in the file, at least 1
   * @return the confidence level, in [0.95, 1)
   * @throws IllegalArgumentException when {@code claims < 1}
   */
  public static double familyConfidence(int claims) {
    if (claims < 1) {
      throw new IllegalArgumentException("a claims family needs at least one claim: " + claims);
    }
    return 1 - FAMILY_ALPHA / claims;
  }

  /**
   * The verdict of a claim from its closed interval {@code [low, high]}.
   *
   * <ul>
   *   <li>{@code INSUFFICIENT_DATA} when {@code n < minN}, or either bound is null or not finite;
   *   <li>{@code SUPPORTED} when every value of the interval satisfies {@code value op threshold};
   *   <li>{@code CONTRADICTED} when no value of it does;
   *   <li>{@code INCONCLUSIVE} otherwise.
   * </ul>
   *
   * <p>So a bound touching the threshold counts on the side the operator puts the threshold: for
   * {@code >} the threshold is not claimed, so {@code low == threshold} is inconclusive and {@code
   * high == threshold} contradicted; for {@code >=} it is claimed, so {@code low == threshold} is
   * supported and {@code high == threshold} inconclusive (when {@code low < threshold}). The same
   * mirrored for {@code <} and {@code <=}. A degenerate interval {@code [t, t]} is supported by
   * {@code >=} and {@code <=} and contradicted by {@code >} and {@code <}.
   *
   * @param op the claimed side
   * @param threshold the claim's threshold
   * @param low lower bound, or null when undefined
   * @param high upper bound, or null when undefined
   * @param n episodes (or sessions) behind the interval
   * @param minN the claim's minimum n
   * @return the verdict, never null
   * @throws IllegalArgumentException when both bounds are finite and {@code low > high}
   */
  public static Verdict verdict(
      Operator op, double threshold, Double low, Double high, long n, int minN) {
    if (n < minN || !defined(low) || !defined(high)) {
      return Verdict.INSUFFICIENT_DATA;
    }
    if (low > high) {
      throw new IllegalArgumentException("interval bounds reversed: " + low + " > " + high);
    }
    double nearBound = op.claimsAbove() ? low : high;
    double farBound = op.claimsAbove() ? high : low;
    if (op.holds(nearBound, threshold)) {
      return Verdict.SUPPORTED;
    }
    if (!op.holds(farBound, threshold)) {
      return Verdict.CONTRADICTED;
    }
    return Verdict.INCONCLUSIVE;
  }

  /**
   * Judges every claim of a file, in file order. Each claim's evidence is asked at {@link
   * #familyConfidence}{@code (claims.size())}.
   *
   * @param claims the claims of one file; may be empty (then the result is empty)
   * @param source the run's evidence; a null answer counts as no data (n = 0)
   * @return one result per claim, unmodifiable
   */
  public static List<ClaimResult> evaluate(List<Claim> claims, EvidenceSource source) {
    if (claims.isEmpty()) {
      return List.of();
    }
    double confidence = familyConfidence(claims.size());
    List<ClaimResult> results = new ArrayList<>(claims.size());
    for (Claim claim : claims) {
      Evidence e = source.evidence(claim, confidence);
      if (e == null) {
        e = NO_EVIDENCE;
      }
      Verdict v =
          verdict(claim.operator(), claim.threshold(), e.low(), e.high(), e.n(), claim.minN());
      if (claim.minFollowupRate() != null
          && (e.followupRate() == null || e.followupRate() < claim.minFollowupRate())) {
        v = Verdict.INSUFFICIENT_DATA; // the answer would rest on who chose to reply
      }
      results.add(
          new ClaimResult(
              claim,
              e.estimate(),
              e.low(),
              e.high(),
              e.n(),
              confidence,
              v,
              Explanations.sentence(claim, e, confidence, v)));
    }
    return Collections.unmodifiableList(results);
  }

  private static boolean defined(Double x) {
    return x != null && Double.isFinite(x);
  }
}
