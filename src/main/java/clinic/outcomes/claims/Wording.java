package clinic.outcomes.claims;

import clinic.outcomes.core.Measure;

/**
 * The words the explanations use for the vocabulary of a claim: measures with their units, analyses
 * as "later than earlier", groups, events. Plain English for a clinic owner; nothing here names a
 * cause.
 */
final class Wording {
  private Wording() {}

  /** How a measure reads in a sentence. */
  record MeasureText(String label, String unit, boolean higherIsBetter) {
    /** "lower" or "higher", for an improvement of the given sign. */
    String direction(double improvement) {
      boolean higher = higherIsBetter == (improvement >= 0);
      return higher ? "higher" : "lower";
    }
  }

  /**
   * The measure's words from {@link Measure}: its scores, and its unit without the scale's name (a
   * sentence has already named the measure: "2 points", not "2 NRS points").
   */
  static MeasureText measure(String measure) {
    return Measure.of(measure)
        .map(
            m ->
                new MeasureText(
                    m.scores(),
                    m.unit().endsWith(" points") ? "points" : m.unit(),
                    m.higherIsBetter()))
        .orElseGet(() -> new MeasureText(spaced(measure) + " scores", "units", false));
  }

  /** When the later score of an analysis was taken, e.g. "at the end of a course of care". */
  static String later(Claim c) {
    return switch (c.analysis()) {
      case "session_relief" -> "right after a session";
      case "course" -> "at the end of a course of care (not right after a massage)";
      case "course_immediate" -> "right after the last massage of a course of care";
      case "pre_treatment" -> "at their first visit";
      case "trajectory", "trajectory_cohort" -> "at the start of " + visit(c);
      default -> "at the " + horizon(c.analysis()) + " follow-up";
    };
  }

  /** The horizon of a follow-up analysis in words: {@code followup_3m_bocf} gives "3-month". */
  static String horizon(String analysis) {
    String h = analysis.replace("followup_", "").replace("_bocf", "");
    if (h.endsWith("m") && h.length() > 1 && Character.isDigit(h.charAt(0))) {
      return h.substring(0, h.length() - 1) + "-month";
    }
    return h;
  }

  /** When the earlier score was taken, e.g. "at its start". */
  static String earlier(Claim c) {
    return switch (c.analysis()) {
      case "session_relief" -> "right before it";
      case "course", "course_immediate" -> "at its start";
      case "pre_treatment" -> "at intake, 1-30 days before it, while they waited for treatment";
      default -> "at the start of the course of care";
    };
  }

  /** Which episodes an analysis keeps, as a trailing clause; empty when it keeps all. */
  static String analysisScope(Claim c) {
    return switch (c.analysis()) {
      case "trajectory_cohort" -> ", counting only courses that reached the cohort length";
      default ->
          c.analysis().startsWith("followup_")
              ? c.analysis().endsWith("_bocf")
                  ? ", counting every client due a follow-up who gave none as unchanged"
                  : ", counting only clients who gave a follow-up score"
              : "";
    };
  }

  private static String visit(Claim c) {
    String k = c.group();
    if ("technique×session_number".equals(c.groupBy())) {
      k = k.substring(k.indexOf('|') + 1);
    } else if (!"session_number_group".equals(c.groupBy())) {
      return "a later visit";
    }
    return "10+".equals(k) ? "visit 10 or later" : "visit " + k;
  }

  /** The group of a mean-change or responder claim, e.g. "specialized techniques"; null for all. */
  static String group(String groupBy, String group) {
    return switch (groupBy) {
      case "overall" -> null;
      case "technique" -> "technique " + spaced(group);
      case "technique_group" -> spaced(group) + " techniques";
      case "session_bucket" -> "courses of " + group + " sessions";
      case "session_number_group" -> "visit " + group;
      case "baseline_band" -> spaced(group) + " pain at the start";
      case "adherence" -> "home stretching " + spaced(group);
      case "technique×session_number" ->
          "technique " + spaced(group.substring(0, group.indexOf('|')));
      default -> spaced(groupBy) + " " + spaced(group);
    };
  }

  /** The responder rule, e.g. "by at least the minimal clinically important difference". */
  static String responder(String rule) {
    return switch (rule) {
      case "r30" -> "by at least 30 % of the way to the best possible score";
      case "r50" -> "by at least 50 % of the way to the best possible score";
      default -> "by at least the minimal clinically important difference (MCID)";
    };
  }

  /** The compared level of a difference, e.g. "episodes with deep tissue as the main technique". */
  static String level(Claim c) {
    return switch (c.factor()) {
      case "adherence" -> "episodes where clients did their home stretches (adherent)";
      case "technique_group" -> "episodes with a " + spaced(c.level()) + " main technique";
      default -> "episodes with " + spaced(c.level()) + " as the main technique";
    };
  }

  /** The implied reference of a difference. */
  static String reference(Claim c) {
    if ("adherence".equals(c.factor())) {
      return "episodes where they did not";
    }
    return "regular-massage (reference technique) episodes";
  }

  /** The kind of difference, e.g. "baseline-adjusted". */
  static String differenceKind(Statistic s) {
    return switch (s) {
      case ANCOVA_DIFF -> "baseline-adjusted";
      case RISK_ADJUSTED_DIFF -> "baseline- and case-mix-adjusted";
      default -> "unadjusted";
    };
  }

  /** An adverse event, e.g. "increased pain". */
  static String event(String event) {
    return switch (event) {
      case "any" -> "an adverse event of any kind";
      case "other" -> "an adverse event other than soreness, bruising or increased pain";
      default -> spaced(event);
    };
  }

  /** The techniques of a safety claim, e.g. "all techniques". */
  static String techniques(String technique) {
    return "all".equals(technique) ? "all techniques" : "technique " + spaced(technique);
  }

  /** A code with underscores as spaces: {@code deep_tissue} to "deep tissue". */
  static String spaced(String code) {
    return code.replace('_', ' ');
  }
}
