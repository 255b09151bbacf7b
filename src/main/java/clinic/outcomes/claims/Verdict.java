package clinic.outcomes.claims;

import java.util.Locale;

/** The verdict on one claim (SPEC "Claims"); see {@link ClaimEvaluator#verdict} for the rules. */
public enum Verdict {
  /** The whole interval lies on the claimed side of the threshold. */
  SUPPORTED,
  /** The whole interval lies on the other side. */
  CONTRADICTED,
  /** The interval has values on both sides. */
  INCONCLUSIVE,
  /** Fewer episodes (or sessions) than the claim's minimum n, or no interval could be computed. */
  INSUFFICIENT_DATA;

  /** The value in the {@code claims} table: {@code supported}, {@code insufficient_data}, ... */
  public String tableValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
