package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Tolerances of the SPEC: estimates to 1e-9 relative (absolute when |expected| &lt; 1); p-values to
 * 1e-6. For p-values the tolerance is applied relative to the expected value, which is stricter
 * than 1e-6 absolute for every p below 1 and still meaningful for tiny p.
 */
final class Tolerance {

  /** Relative (absolute below 1) tolerance for estimates. */
  static final double ESTIMATE = 1e-9;

  /** Relative tolerance for p-values. */
  static final double P_VALUE = 1e-6;

  private Tolerance() {}

  static void estimate(double expected, Double actual, String what) {
    assertNotNull(actual, what + " is null");
    assertEquals(expected, actual, ESTIMATE * Math.max(1.0, Math.abs(expected)), what);
  }

  static void p(double expected, Double actual, String what) {
    assertNotNull(actual, what + " is null");
    assertEquals(expected, actual, P_VALUE * Math.abs(expected), what);
  }
}
