package clinic.outcomes.claims;

import java.util.Objects;

/**
 * One claim of a claims file: the sentence as published and its testable form. Fields that do not
 * apply to the claim's statistic are null (see {@code docs/claims.md} for which apply to which).
 * {@link ClaimsFile#load} checks every field against the vocabulary of the run's tables.
 *
 * @param id unique within its file, {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, at most 64 characters
 * @param statement the claim as the clinic published it
 * @param rationale why this testable form and threshold; empty when not given
 * @param statistic what is estimated
 * @param analysis for {@code MEAN_CHANGE} and {@code RESPONDER_RATE}: {@code session_relief},
 *     {@code course}, {@code course_immediate}, {@code pre_treatment}, {@code trajectory}, {@code
 *     trajectory_cohort}, {@code followup_<h>} or {@code followup_<h>_bocf}
 * @param measure {@code nrs_pain}, {@code odi}, {@code rmdq} or {@code slr_deg}; null for {@code
 *     ADVERSE_EVENT_RATE}
 * @param groupBy for {@code MEAN_CHANGE} and {@code RESPONDER_RATE}: the {@code stats} table's
 *     group_by, e.g. {@code technique_group} (default {@code overall})
 * @param group the group within {@code groupBy}, e.g. {@code specialized} (default {@code all})
 * @param responder for {@code RESPONDER_RATE}: {@code mcid}, {@code r30} or {@code r50}
 * @param factor for the differences: {@code technique}, {@code technique_group} or {@code
 *     adherence}
 * @param level for the differences: the compared level; the reference is implied (the reference
 *     technique, or {@code not_adherent} for adherence)
 * @param unit for {@code ADVERSE_EVENT_RATE}: {@code session} or {@code episode}
 * @param technique for {@code ADVERSE_EVENT_RATE}: a technique code, a technique group or {@code
 *     all}
 * @param event for {@code ADVERSE_EVENT_RATE}: {@code soreness}, {@code bruising}, {@code
 *     increased_pain}, {@code other} or {@code any}
 * @param operator the claimed side of the threshold
 * @param threshold in the statistic's unit: points or degrees of improvement (per session for a
 *     slope), or a proportion 0-1 for rates
 * @param minN the fewest episodes (sessions for a per-session rate) a verdict needs; default 10
 * @param model for {@code SLOPE}: the dose-response model, {@code between_episodes} (default),
 *     {@code within_episode} or {@code within_episode_late}
 * @param minFollowupRate for a claim on a completers' follow-up analysis ({@code followup_3m},
 *     ...): below this share of eligible episodes with a follow-up score the verdict is {@code
 *     insufficient_data} (default 0.5); null for any other claim
 */
public record Claim(
    String id,
    String statement,
    String rationale,
    Statistic statistic,
    String analysis,
    String measure,
    String groupBy,
    String group,
    String responder,
    String factor,
    String level,
    String unit,
    String technique,
    String event,
    Operator operator,
    double threshold,
    int minN,
    String model,
    Double minFollowupRate) {

  /** The follow-up rate below which a completers' follow-up claim is insufficient_data. */
  public static final double DEFAULT_MIN_FOLLOWUP_RATE = 0.5;

  /** The minimum n when a claim names none (SPEC "Claims"). */
  public static final int DEFAULT_MIN_N = 10;

  /** Checks the fields every claim has; a null rationale becomes empty. */
  public Claim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(operator, "operator");
    rationale = rationale == null ? "" : rationale;
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("claim " + id + ": threshold must be finite");
    }
  }
}
