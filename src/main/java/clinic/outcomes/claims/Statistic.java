package clinic.outcomes.claims;

import java.util.Locale;

/**
 * What a claim's estimate is (SPEC "Statistics" and "Claims"). Each statistic reads one kind of
 * figure of the run and has its own fields in the claims file (see {@code docs/claims.md}).
 */
public enum Statistic {
  /** Mean improvement of a group of episodes in one analysis, in the measure's unit. */
  MEAN_CHANGE,
  /** Share of episodes that meet a responder rule ({@code mcid}, {@code r30}, {@code r50}), 0-1. */
  RESPONDER_RATE,
  /** Difference of mean course improvement, level minus reference, Welch interval. */
  WELCH_DIFF,
  /** Baseline-adjusted difference of course improvement (ANCOVA coefficient of the level). */
  ANCOVA_DIFF,
  /** The ANCOVA difference further adjusted for age band, sex, condition and chronicity. */
  RISK_ADJUSTED_DIFF,
  /** OLS slope of course improvement on the episode's session count, unit per session. */
  SLOPE,
  /** Adverse-event rate per session or per episode, 0-1, Wilson interval. */
  ADVERSE_EVENT_RATE,
  /**
   * Median number of sessions until the carried pain first improves by the MCID (Kaplan-Meier),
   * with the interval of R's print.survfit; null bounds (a curve that never reaches 0.5) give
   * insufficient_data.
   */
  SESSIONS_TO_MCID,
  /**
   * Difference in the share of episodes with any adverse event, level minus the reference technique
   * (Newcombe's hybrid score interval), 0-1; an NNH of at least N is a harm_diff of at most 1/N.
   */
  HARM_DIFF;

  /** The name in the claims file and the tables, e.g. {@code mean_change}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The statistic of a claims-file name.
   *
   * @param name a name such as {@code ancova_diff}; exact, lower case
   * @return the statistic, or null when the name is not one
   */
  public static Statistic fromYaml(String name) {
    for (Statistic s : values()) {
      if (s.yamlName().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** True for the proportions (responder rate, adverse-event rate): estimates in [0, 1]. */
  public boolean isRate() {
    return this == RESPONDER_RATE || this == ADVERSE_EVENT_RATE || this == HARM_DIFF;
  }

  /** True for the two-group differences (Welch, ANCOVA, risk-adjusted). */
  public boolean isDifference() {
    return this == WELCH_DIFF || this == ANCOVA_DIFF || this == RISK_ADJUSTED_DIFF;
  }

  /** True for the within-group statistics of one analysis slice (mean change, responder rate). */
  public boolean isGroupStatistic() {
    return this == MEAN_CHANGE || this == RESPONDER_RATE;
  }
}
