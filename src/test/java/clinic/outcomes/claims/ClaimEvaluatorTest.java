package clinic.outcomes.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Verdict rules of SPEC "Claims" on hand-built intervals, every operator at every boundary, and the
 * Bonferroni adjustment against hand computations. A verdict is supported when every value of the
 * closed interval is on the claimed side, contradicted when none is.
 */
class ClaimEvaluatorTest {
  private static final Verdict S = Verdict.SUPPORTED;
  private static final Verdict C = Verdict.CONTRADICTED;
  private static final Verdict I = Verdict.INCONCLUSIVE;
  private static final Verdict X = Verdict.INSUFFICIENT_DATA;

  private static void check(Verdict expected, Operator op, double low, double high) {
    assertEquals(
        expected,
        ClaimEvaluator.verdict(op, 2.0, low, high, 50, 10),
        op.symbol() + " 2 on [" + low + ", " + high + "]");
  }

  @Test
  void greaterThan() {
    check(S, Operator.GT, 2.1, 3.0);
    check(I, Operator.GT, 2.0, 3.0); // low touches: 2 is not > 2
    check(I, Operator.GT, 1.5, 3.0);
    check(I, Operator.GT, 1.5, 2.1);
    check(C, Operator.GT, 1.5, 2.0); // high touches: every value <= 2
    check(C, Operator.GT, 1.0, 1.9);
    check(C, Operator.GT, 2.0, 2.0);
  }

  @Test
  void greaterOrEqual() {
    check(S, Operator.GE, 2.1, 3.0);
    check(S, Operator.GE, 2.0, 3.0); // low touches: 2 >= 2
    check(I, Operator.GE, 1.5, 3.0);
    check(I, Operator.GE, 1.5, 2.0); // high touches: 2 is claimed, 1.5 is not
    check(C, Operator.GE, 1.0, 1.9);
    check(S, Operator.GE, 2.0, 2.0);
  }

  @Test
  void lessThan() {
    check(S, Operator.LT, 1.0, 1.9);
    check(I, Operator.LT, 1.0, 2.0); // high touches: 2 is not < 2
    check(I, Operator.LT, 1.0, 3.0);
    check(C, Operator.LT, 2.0, 3.0); // low touches: every value >= 2
    check(C, Operator.LT, 2.1, 3.0);
    check(C, Operator.LT, 2.0, 2.0);
  }

  @Test
  void lessOrEqual() {
    check(S, Operator.LE, 1.0, 1.9);
    check(S, Operator.LE, 1.0, 2.0); // high touches: 2 <= 2
    check(I, Operator.LE, 1.0, 3.0);
    check(I, Operator.LE, 2.0, 3.0); // low touches: 2 is claimed, 3 is not
    check(C, Operator.LE, 2.1, 3.0);
    check(S, Operator.LE, 2.0, 2.0);
  }

  @Test
  void insufficientData() {
    // n just below, at and above the minimum
    assertEquals(X, ClaimEvaluator.verdict(Operator.GT, 0, 1.0, 2.0, 9, 10));
    assertEquals(S, ClaimEvaluator.verdict(Operator.GT, 0, 1.0, 2.0, 10, 10));
    assertEquals(S, ClaimEvaluator.verdict(Operator.GT, 0, 1.0, 2.0, 11, 10));
    // no interval, whatever n
    assertEquals(X, ClaimEvaluator.verdict(Operator.GT, 0, null, 2.0, 100, 10));
    assertEquals(X, ClaimEvaluator.verdict(Operator.GT, 0, 1.0, null, 100, 10));
    assertEquals(X, ClaimEvaluator.verdict(Operator.GT, 0, null, null, 100, 10));
    assertEquals(X, ClaimEvaluator.verdict(Operator.LT, 0, Double.NaN, 2.0, 100, 10));
    assertEquals(X, ClaimEvaluator.verdict(Operator.LT, 0, 1.0, Double.POSITIVE_INFINITY, 100, 10));
    // n below the minimum wins over a clear interval
    assertEquals(X, ClaimEvaluator.verdict(Operator.LT, 0.05, 0.0, 0.01, 59, 60));
  }

  @Test
  void reversedBoundsAreAProgrammingError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClaimEvaluator.verdict(Operator.GT, 0, 2.0, 1.0, 100, 10));
  }

  @Test
  void bonferroniConfidenceByHand() {
    // 1 - 0.05/m, by hand: m = 1 -> 0.95; m = 12 -> 1 - 0.0041666... = 0.9958333...; m = 14 ->
    // 0.99642857...
    assertEquals(0.95, ClaimEvaluator.familyConfidence(1), 1e-15);
    assertEquals(0.99583333333333333, ClaimEvaluator.familyConfidence(12), 1e-15);
    assertEquals(0.99642857142857143, ClaimEvaluator.familyConfidence(14), 1e-15);
    assertEquals(0.9995, ClaimEvaluator.familyConfidence(100), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> ClaimEvaluator.familyConfidence(0));
  }

  /** A source giving a normal interval, estimate +/- z * se, at whatever confidence it is asked. */
  private static EvidenceSource normal(double estimate, double se, long n, List<Double> asked) {
    return (claim, confidence) -> {
      asked.add(confidence);
      double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
      return new Evidence(estimate, estimate - z * se, estimate + z * se, n);
    };
  }

  @Test
  void bonferroniWidthByHand() {
    // Twelve claims: each interval at 1 - 0.05/12, z = qnorm(1 - 0.05/24).
    // scipy 1.x: norm.ppf(1 - 0.05/24) = 2.8652602385321346; norm.ppf(0.975) = 1.959963984540054.
    List<Claim> twelve = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      twelve.add(TestClaims.meanChange("c" + i, "course", "nrs_pain", Operator.GE, 2));
    }
    List<Double> asked = new ArrayList<>();
    List<ClaimResult> results = ClaimEvaluator.evaluate(twelve, normal(2.5, 0.2, 80, asked));
    assertEquals(12, asked.size());
    asked.forEach(c -> assertEquals(1 - 0.05 / 12, c, 1e-15));
    ClaimResult r = results.get(0);
    assertEquals(2.5 - 2.8652602385321346 * 0.2, r.ciLow(), 1e-9);
    assertEquals(2.5 + 2.8652602385321346 * 0.2, r.ciHigh(), 1e-9);
    assertEquals(2 * 2.8652602385321346 * 0.2, r.ciHigh() - r.ciLow(), 1e-9);
    // 1.92695 < 2: the widened interval straddles the MCID ...
    assertEquals(Verdict.INCONCLUSIVE, r.verdict());
    // ... while a single claim's 95 % interval, 2.5 -/+ 1.96 * 0.2 = [2.108, 2.892], would not.
    List<ClaimResult> one =
        ClaimEvaluator.evaluate(List.of(twelve.get(0)), normal(2.5, 0.2, 80, asked));
    assertEquals(2.5 - 1.959963984540054 * 0.2, one.get(0).ciLow(), 1e-9);
    assertEquals(Verdict.SUPPORTED, one.get(0).verdict());
  }

  @Test
  void evaluateKeepsOrderAndCarriesTheEvidence() {
    Claim pain = TestClaims.meanChange("pain", "course", "nrs_pain", Operator.GE, 2);
    Claim dose = TestClaims.slope(Operator.GT, 0);
    Claim safe = TestClaims.adverseEvents("episode", Operator.LT, 0.05, 60);
    Claim odi =
        TestClaims.difference(
            Statistic.ANCOVA_DIFF, "technique_group", "specialized", Operator.GT, 0);
    EvidenceSource source =
        (claim, confidence) ->
            switch (claim.id()) {
              case "pain" -> new Evidence(2.6, 2.1, 3.1, 120);
              case "dose" -> new Evidence(-0.3, -0.5, -0.1, 120);
              case "safe" -> new Evidence(0.02, 0.008, 0.07, 200);
              default -> null; // no such comparison in the run
            };
    List<ClaimResult> results = ClaimEvaluator.evaluate(List.of(pain, dose, safe, odi), source);
    assertEquals(4, results.size());
    assertSame(pain, results.get(0).claim());
    assertEquals(Verdict.SUPPORTED, results.get(0).verdict());
    assertEquals(Verdict.CONTRADICTED, results.get(1).verdict());
    assertEquals(Verdict.INCONCLUSIVE, results.get(2).verdict());
    assertEquals(Verdict.INSUFFICIENT_DATA, results.get(3).verdict());
    assertEquals(0, results.get(3).n());
    ClaimResult first = results.get(0);
    assertEquals(2.6, first.estimate());
    assertEquals(2.1, first.ciLow());
    assertEquals(3.1, first.ciHigh());
    assertEquals(120, first.n());
    assertEquals(1 - 0.05 / 4, first.confidence(), 1e-15);
    for (ClaimResult r : results) {
      assertTrue(r.explanation().endsWith("."), r.explanation());
    }
  }

  @Test
  void emptyFamily() {
    assertEquals(List.of(), ClaimEvaluator.evaluate(List.of(), (c, conf) -> null));
  }

  @Test
  void tableValues() {
    assertEquals("insufficient_data", Verdict.INSUFFICIENT_DATA.tableValue());
    assertEquals(">=", Operator.GE.symbol());
    assertEquals("adverse_event_rate", Statistic.ADVERSE_EVENT_RATE.yamlName());
    assertSame(Statistic.RISK_ADJUSTED_DIFF, Statistic.fromYaml("risk_adjusted_diff"));
  }

  @Test
  void aCompletersFollowupBelowItsReplyRateIsInsufficient() {
    // The interval [2.2, 3.1] is wholly above 2, but only 40 % of those due answered (< 0.5).
    Claim lasting = TestClaims.meanChange("lasting", "followup_6m", "nrs_pain", Operator.GE, 2);
    List<ClaimResult> r =
        ClaimEvaluator.evaluate(
            List.of(lasting), (c, conf) -> new Evidence(2.6, 2.2, 3.1, 80, 0.40));
    assertSame(Verdict.INSUFFICIENT_DATA, r.get(0).verdict());
    assertTrue(
        r.get(0)
            .explanation()
            .startsWith(
                "Only 40 % of the clients due a follow-up gave one, fewer"
                    + " than the 50 % the claim needs"),
        r.get(0).explanation());
    List<ClaimResult> enough =
        ClaimEvaluator.evaluate(
            List.of(lasting), (c, conf) -> new Evidence(2.6, 2.2, 3.1, 80, 0.50));
    assertSame(Verdict.SUPPORTED, enough.get(0).verdict());
  }
}
