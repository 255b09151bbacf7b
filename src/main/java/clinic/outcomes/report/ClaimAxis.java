package clinic.outcomes.report;

import clinic.outcomes.claims.Statistic;

/**
 * The plain-language axis label and scale of a claim's statistic (never the code word, "ancova
 * diff").
 */
final class ClaimAxis {
  private ClaimAxis() {}

  /** True for statistics stored as 0-1 proportions: charts draw them as percentages. */
  static boolean isRate(String statistic) {
    Statistic s = Statistic.fromYaml(statistic);
    return s != null ? s.isRate() : statistic != null && statistic.endsWith("rate");
  }

  /** The axis label of {@code statistic} (a claims-file name such as {@code ancova_diff}). */
  static String label(String statistic) {
    Statistic s = Statistic.fromYaml(statistic);
    if (s == null) {
      return Palette.label(statistic);
    }
    return switch (s) {
      case MEAN_CHANGE -> "Mean improvement (points)";
      case RESPONDER_RATE -> "Clients who improved (%)";
      case WELCH_DIFF -> "Difference in mean improvement (points)";
      case ANCOVA_DIFF -> "Difference in improvement, allowing for starting pain (points)";
      case RISK_ADJUSTED_DIFF ->
          "Difference in improvement, allowing for starting pain and case mix (points)";
      case SLOPE -> "Extra improvement per session (points)";
      case ADVERSE_EVENT_RATE -> "Adverse events (%)";
      case SESSIONS_TO_MCID -> "Sessions until a noticeable improvement (median)";
      case HARM_DIFF -> "Difference in adverse events (percentage points)";
    };
  }
}
