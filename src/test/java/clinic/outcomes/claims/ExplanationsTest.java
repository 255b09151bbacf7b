package clinic.outcomes.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The explanation sentences: one sentence, the numbers with their units and confidence level, the
 * verdict in words, and nothing that says massage caused the change (the data are observational).
 */
class ExplanationsTest {
  /** Causal wording a sentence must never use. */
  private static final Pattern CAUSAL =
      Pattern.compile(
          "\\b(caus(e|es|ed|ing)|reduc(e|es|ed|ing)|improv(e|es|ed|ing)|lowers|lowered|raised|"
              + "led to|leads to|result(s|ed)? in|thanks to|because of|due to|effect of|works?|"
              + "worked|effective|helps?|helped|proves?|proven)\\b|\\bincreased (?!pain)");

  private static String explain(Claim c, Evidence e, int claimsInFile) {
    double confidence = ClaimEvaluator.familyConfidence(claimsInFile);
    Verdict v =
        ClaimEvaluator.verdict(c.operator(), c.threshold(), e.low(), e.high(), e.n(), c.minN());
    return Explanations.sentence(c, e, confidence, v);
  }

  private static void assertPlainSentence(String s, String... mustContain) {
    assertTrue(Character.isUpperCase(s.charAt(0)) || Character.isDigit(s.charAt(0)), s);
    assertTrue(s.endsWith("."), s);
    assertFalse(Pattern.compile("\\.\\s").matcher(s).find(), "one sentence: " + s);
    assertFalse(CAUSAL.matcher(s.toLowerCase(Locale.ROOT)).find(), "causal wording: " + s);
    for (String part : mustContain) {
      assertTrue(s.contains(part), "'" + part + "' missing from: " + s);
    }
  }

  @Test
  void meanChangeForEachVerdict() {
    Claim pain = TestClaims.meanChange("pain", "course", "nrs_pain", Operator.GE, 2);
    String supported = explain(pain, new Evidence(2.4138, 2.0512, 2.7764, 120), 12);
    assertEquals(
        "Over 120 episodes of care (specialized techniques), clients' pain scores (0-10)"
            + " were on average 2.41 points lower at the end of a course of care (not right after a massage)"
            + " than at its start"
            + " (mean improvement 2.41 points, 99.58 % interval 2.05 to 2.78); the clinic's data are"
            + " consistent with the claim of a mean improvement of at least 2 points.",
        supported);
    assertPlainSentence(supported);

    String contradicted = explain(pain, new Evidence(-0.5, -1.25, 0.25, 40), 12);
    assertPlainSentence(
        contradicted,
        "40 episodes",
        "0.50 points higher",
        "mean improvement -0.50",
        "99.58 % interval -1.25 to 0.25",
        "contradict the claim of a mean improvement of at least 2 points");

    String inconclusive = explain(pain, new Evidence(2.3, 1.7, 2.9, 30), 12);
    assertPlainSentence(
        inconclusive,
        "30 episodes",
        "2.30 points lower",
        "1.70 to 2.90",
        "includes the threshold of 2 points",
        "neither support nor contradict");

    String fewEpisodes = explain(pain, new Evidence(3.0, 1.0, 5.0, 6), 12);
    assertPlainSentence(
        fewEpisodes,
        "Only 6 episodes of care (specialized techniques) had pain scores",
        "fewer than the 10 the claim needs",
        "(observed mean improvement 3.00 points)",
        "not enough to judge the claim");

    String noInterval = explain(pain, new Evidence(2.5, null, null, 25), 12);
    assertPlainSentence(
        noInterval,
        "25 episodes of care",
        "no 99.58 % interval could be computed",
        "not enough to judge");

    String nothing = explain(pain, new Evidence(null, null, null, 0), 12);
    assertPlainSentence(
        nothing,
        "No episodes of care (specialized techniques) had pain scores",
        "not enough to judge");
  }

  @Test
  void boundTouchingTheThresholdIsShownWithEnoughDecimals() {
    Claim pain = TestClaims.meanChange("pain", "course", "nrs_pain", Operator.GE, 2);
    // 1.996 would round to 2.00 and look like it meets the threshold; it is shown as 1.996.
    String s = explain(pain, new Evidence(2.4, 1.996, 2.8, 50), 1);
    assertPlainSentence(s, "95 % interval 1.996 to 2.800", "includes the threshold of 2 points");
    // exactly on the threshold: shown as 2.00 and, for >=, supported
    String touching = explain(pain, new Evidence(2.4, 2.0, 2.8, 50), 1);
    assertPlainSentence(touching, "95 % interval 2.00 to 2.80", "consistent with the claim");
  }

  @Test
  void unitsOfEachMeasure() {
    Evidence e = new Evidence(12.0, 10.5, 13.5, 60);
    assertPlainSentence(
        explain(TestClaims.meanChange("o", "course", "odi", Operator.GE, 10), e, 1),
        "Oswestry disability scores (0-100)",
        "12.00 points lower",
        "at least 10 points");
    assertPlainSentence(
        explain(TestClaims.meanChange("r", "course", "rmdq", Operator.GE, 5), e, 1),
        "Roland-Morris disability scores (0-24)",
        "points lower");
    assertPlainSentence(
        explain(TestClaims.meanChange("s", "course", "slr_deg", Operator.GE, 10), e, 1),
        "straight-leg-raise angles",
        "12.00 degrees higher",
        "at least 10 degrees");
    assertPlainSentence(
        explain(TestClaims.meanChange("p", "session_relief", "nrs_pain", Operator.GE, 1), e, 1),
        "right after a session than right before it",
        "of at least 1 point.");
    assertPlainSentence(
        explain(TestClaims.meanChange("f", "followup_6m_bocf", "nrs_pain", Operator.GT, 0), e, 1),
        "at the 6-month follow-up",
        "counting every client due a follow-up who gave none as unchanged");
  }

  @Test
  void ratesAreShownAsPercentages() {
    Claim safe = TestClaims.adverseEvents("episode", Operator.LT, 0.05, 60);
    String s = explain(safe, new Evidence(0.0125, 0.0043, 0.0361, 240), 14);
    assertEquals(
        "Increased pain was recorded at least once in 1.3 % of 240 episodes of care"
            + " (technique specialized; 99.64 % interval 0.4 % to 3.6 %); the clinic's data are consistent with"
            + " the claim of a rate of less than 5 %.",
        s);
    assertPlainSentence(s);
    String perSession =
        explain(
            TestClaims.adverseEvents("session", Operator.LT, 0.05, 60),
            new Evidence(0.04, 0.03, 0.06, 1500),
            1);
    assertPlainSentence(
        perSession, "4.0 % of 1500 sessions", "3.0 % to 6.0 %", "includes the threshold of 5 %");
    String responders =
        explain(TestClaims.responderRate(Operator.GE, 0.5), new Evidence(0.62, 0.53, 0.70, 120), 1);
    assertPlainSentence(
        responders,
        "In 62.0 % of 120 episodes of care",
        "minimal clinically important",
        "53.0 % to 70.0 %",
        "responder rate of at least 50 %");
  }

  @Test
  void differencesAndSlope() {
    String diff =
        explain(
            TestClaims.difference(
                Statistic.ANCOVA_DIFF, "technique_group", "specialized", Operator.GT, 0),
            new Evidence(4.2, 1.1, 7.3, 45),
            14);
    assertPlainSentence(
        diff,
        "Episodes with a specialized main technique had on average 4.20 points more improvement",
        "than regular-massage (reference technique) episodes (baseline-adjusted",
        "baseline-adjusted difference 4.20 points",
        "99.64 % interval 1.10 to 7.30",
        "smaller group 45 episodes");
    String adherence =
        explain(
            TestClaims.difference(Statistic.WELCH_DIFF, "adherence", "adherent", Operator.GT, 0),
            new Evidence(-1.0, -2.5, 0.5, 30),
            1);
    assertPlainSentence(
        adherence,
        "did their home stretches",
        "1.00 points less improvement",
        "unadjusted difference -1.00 points",
        "neither support nor contradict");
    String slope =
        explain(TestClaims.slope(Operator.GT, 0), new Evidence(0.15, 0.05, 0.25, 200), 1);
    assertPlainSentence(
        slope,
        "200 episodes of care",
        "each additional session",
        "slope 0.15 points per session",
        "0.05 to 0.25",
        "slope of more than 0 points per session");
  }

  @Test
  void noCausalWordingInAnySentenceOfTheShippedForms() {
    List<Claim> claims =
        List.of(
            TestClaims.meanChange("a", "trajectory", "nrs_pain", Operator.GT, 0),
            TestClaims.meanChange("b", "followup", "odi", Operator.GE, 10),
            TestClaims.responderRate(Operator.GT, 0.3),
            TestClaims.difference(
                Statistic.RISK_ADJUSTED_DIFF, "technique", "deep_tissue", Operator.GT, 0),
            TestClaims.slope(Operator.LT, 0),
            TestClaims.adverseEvents("session", Operator.LE, 0.1, 10));
    List<Evidence> evidence =
        List.of(
            new Evidence(0.4, 0.1, 0.7, 100), new Evidence(-0.4, -0.7, -0.1, 100),
            new Evidence(0.4, -0.1, 0.9, 100), new Evidence(0.4, 0.1, 0.7, 3),
            new Evidence(null, null, null, 0), new Evidence(0.0, 0.0, 0.0, 40));
    for (Claim c : claims) {
      for (Evidence e : evidence) {
        assertPlainSentence(explain(c, e, claims.size()));
      }
    }
  }
}
