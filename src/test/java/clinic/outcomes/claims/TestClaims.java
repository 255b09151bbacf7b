package clinic.outcomes.claims;

/** Hand-built claims for the tests, one per statistic. */
final class TestClaims {
  private TestClaims() {}

  static Claim meanChange(
      String id, String analysis, String measure, Operator op, double threshold) {
    return new Claim(
        id,
        "Clients feel better.",
        "",
        Statistic.MEAN_CHANGE,
        analysis,
        measure,
        "technique_group",
        "specialized",
        null,
        null,
        null,
        null,
        null,
        null,
        op,
        threshold,
        10,
        null,
        analysis.startsWith("followup_") && !analysis.endsWith("_bocf")
            ? Claim.DEFAULT_MIN_FOLLOWUP_RATE
            : null);
  }

  static Claim responderRate(Operator op, double threshold) {
    return new Claim(
        "responders",
        "Most clients respond.",
        "",
        Statistic.RESPONDER_RATE,
        "course",
        "nrs_pain",
        "overall",
        "all",
        "mcid",
        null,
        null,
        null,
        null,
        null,
        op,
        threshold,
        10,
        null,
        null);
  }

  static Claim difference(
      Statistic statistic, String factor, String level, Operator op, double threshold) {
    return new Claim(
        "diff",
        "It works better.",
        "",
        statistic,
        null,
        "odi",
        null,
        null,
        null,
        factor,
        level,
        null,
        null,
        null,
        op,
        threshold,
        10,
        null,
        null);
  }

  static Claim slope(Operator op, double threshold) {
    return new Claim(
        "dose",
        "More sessions, more relief.",
        "",
        Statistic.SLOPE,
        null,
        "nrs_pain",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        op,
        threshold,
        10,
        "between_episodes",
        null);
  }

  static Claim adverseEvents(String unit, Operator op, double threshold, int minN) {
    return new Claim(
        "safe",
        "It is generally safe.",
        "",
        Statistic.ADVERSE_EVENT_RATE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        unit,
        "specialized",
        "increased_pain",
        op,
        threshold,
        minN,
        null,
        null);
  }
}
