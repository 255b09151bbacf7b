package clinic.outcomes.claims;

import clinic.outcomes.claims.Wording.MeasureText;
import java.util.Locale;

/**
 * The one plain-English sentence of each verdict: what the data show, with the estimate, its
 * interval and confidence level, n and the unit, then whether the clinic's data are consistent with
 * the claim. The data are observational, so a sentence describes what was recorded ("pain scores
 * were 2.4 points lower at the end of a course of care") and never says that massage caused it.
 */
final class Explanations {
  private Explanations() {}

  /**
   * The sentence for a verdict.
   *
   * @param c the claim
   * @param e its evidence
   * @param confidence the interval's confidence level
   * @param v the verdict reached from {@code e}
   * @return one sentence ending in a full stop
   */
  static String sentence(Claim c, Evidence e, double confidence, Verdict v) {
    Numbers f = Numbers.forBounds(c.statistic().isRate(), c.threshold(), e.low(), e.high());
    String conf = Numbers.confidencePercent(confidence) + " %";
    String target = target(c);
    String text =
        switch (v) {
          case INSUFFICIENT_DATA -> insufficient(c, e, f, conf, target);
          case SUPPORTED ->
              finding(c, e, f, conf)
                  + "; the clinic's data are consistent with the claim of "
                  + target;
          case CONTRADICTED ->
              finding(c, e, f, conf) + "; the clinic's data contradict the claim of " + target;
          case INCONCLUSIVE ->
              finding(c, e, f, conf)
                  + "; the interval includes the threshold of "
                  + threshold(c)
                  + ", so the clinic's data neither support nor contradict the claim of "
                  + target;
        };
    return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }

  /** The claimed value in words, e.g. "a mean improvement of at least 2 points". */
  static String target(Claim c) {
    String op = c.operator().phrase() + " " + threshold(c);
    return switch (c.statistic()) {
      case MEAN_CHANGE -> "a mean improvement of " + op;
      case RESPONDER_RATE -> "a responder rate of " + op;
      case WELCH_DIFF, ANCOVA_DIFF, RISK_ADJUSTED_DIFF ->
          "a " + Wording.differenceKind(c.statistic()) + " difference of " + op;
      case SLOPE -> "a slope of " + op + " per session";
      case ADVERSE_EVENT_RATE -> "a rate of " + op;
      case SESSIONS_TO_MCID -> "a median of " + op + " before half of the clients reach the MCID";
      case HARM_DIFF -> "a difference in adverse-event rates of " + op;
    };
  }

  private static String threshold(Claim c) {
    if (c.statistic() == Statistic.HARM_DIFF) {
      return Numbers.plain(c.threshold(), true) + " percentage points";
    }
    if (c.statistic().isRate()) {
      return Numbers.plain(c.threshold(), true) + " %";
    }
    if (c.statistic() == Statistic.SESSIONS_TO_MCID) {
      return Numbers.plain(c.threshold(), false)
          + ("1".equals(Numbers.plain(c.threshold(), false)) ? " session" : " sessions");
    }
    String value = Numbers.plain(c.threshold(), false);
    String unit = Wording.measure(c.measure()).unit();
    boolean one = "1".equals(value) || "-1".equals(value);
    return value + " " + (one ? unit.substring(0, unit.length() - 1) : unit);
  }

  private static String finding(Claim c, Evidence e, Numbers f, String conf) {
    return switch (c.statistic()) {
      case MEAN_CHANGE -> meanChange(c, e, f, conf);
      case RESPONDER_RATE -> responderRate(c, e, f, conf);
      case WELCH_DIFF, ANCOVA_DIFF, RISK_ADJUSTED_DIFF -> difference(c, e, f, conf);
      case SLOPE -> slope(c, e, f, conf);
      case ADVERSE_EVENT_RATE -> adverseEvents(c, e, f, conf);
      case SESSIONS_TO_MCID ->
          "half of "
              + e.n()
              + " courses of care"
              + groupInBrackets(c)
              + " reached a clinically important improvement in "
              + Wording.measure(c.measure()).label()
              + " after a median of "
              + f.of(e.estimate())
              + " sessions ("
              + interval(conf, f, e, "")
              + ")";
      case HARM_DIFF ->
          "courses of care with "
              + Wording.techniques(c.level())
              + " had an adverse event "
              + f.of(e.estimate())
              + " percentage points "
              + (e.estimate() != null && e.estimate() < 0 ? "less" : "more")
              + " often than regular-massage courses ("
              + interval(conf, f, e, "")
              + " points; smaller group "
              + e.n()
              + " courses)";
    };
  }

  private static String meanChange(Claim c, Evidence e, Numbers f, String conf) {
    MeasureText m = Wording.measure(c.measure());
    double est = e.estimate() == null ? 0 : e.estimate();
    return "over "
        + e.n()
        + " episodes of care"
        + groupInBrackets(c)
        + ", clients' "
        + m.label()
        + " were on average "
        + f.magnitude(est)
        + " "
        + m.unit()
        + " "
        + m.direction(est)
        + " "
        + Wording.later(c)
        + " than "
        + Wording.earlier(c)
        + Wording.analysisScope(c)
        + " (mean improvement "
        + f.of(e.estimate())
        + " "
        + m.unit()
        + ", "
        + interval(conf, f, e, "")
        + ")";
  }

  private static String responderRate(Claim c, Evidence e, Numbers f, String conf) {
    MeasureText m = Wording.measure(c.measure());
    return "in "
        + f.of(e.estimate())
        + " % of "
        + e.n()
        + " episodes of care"
        + groupInBrackets(c)
        + ", clients' "
        + m.label()
        + " were better "
        + Wording.later(c)
        + " than "
        + Wording.earlier(c)
        + " "
        + Wording.responder(c.responder())
        + Wording.analysisScope(c)
        + " ("
        + interval(conf, f, e, " %")
        + ")";
  }

  private static String difference(Claim c, Evidence e, Numbers f, String conf) {
    MeasureText m = Wording.measure(c.measure());
    double est = e.estimate() == null ? 0 : e.estimate();
    return Wording.level(c)
        + " had on average "
        + f.magnitude(est)
        + " "
        + m.unit()
        + " "
        + (est >= 0 ? "more" : "less")
        + " improvement in "
        + m.label()
        + " over a course of care than "
        + Wording.reference(c)
        + " ("
        + Wording.differenceKind(c.statistic())
        + " difference "
        + f.of(e.estimate())
        + " "
        + m.unit()
        + ", "
        + interval(conf, f, e, "")
        + "; smaller group "
        + e.n()
        + " episodes of care)";
  }

  private static String slope(Claim c, Evidence e, Numbers f, String conf) {
    MeasureText m = Wording.measure(c.measure());
    double est = e.estimate() == null ? 0 : e.estimate();
    if (c.model() != null && c.model().startsWith("within_episode")) {
      String span =
          "within_episode".equals(c.model())
              ? "over the first sessions"
              : "over the later sessions";
      return "within "
          + e.n()
          + " courses of care, clients' "
          + m.label()
          + " at the start of each visit "
          + (est >= 0 ? "improved" : "worsened")
          + " by "
          + f.magnitude(est)
          + " "
          + m.unit()
          + " per session on average "
          + span
          + " (mean per-course slope "
          + f.of(e.estimate())
          + " "
          + m.unit()
          + " per session, "
          + interval(conf, f, e, "")
          + ")";
    }
    return "across "
        + e.n()
        + " episodes of care, each additional session in a course went with "
        + f.magnitude(est)
        + " "
        + m.unit()
        + " "
        + (est >= 0 ? "more" : "less")
        + " improvement in "
        + m.label()
        + " on average (slope "
        + f.of(e.estimate())
        + " "
        + m.unit()
        + " per session, "
        + interval(conf, f, e, "")
        + ")";
  }

  private static String adverseEvents(Claim c, Evidence e, Numbers f, String conf) {
    String where =
        "session".equals(c.unit())
            ? " in "
                + f.of(e.estimate())
                + " % of "
                + e.n()
                + " sessions with a recorded adverse-event"
                + " field"
            : " at least once in " + f.of(e.estimate()) + " % of " + e.n() + " episodes of care";
    return Wording.event(c.event())
        + " was recorded"
        + where
        + " ("
        + Wording.techniques(c.technique())
        + "; "
        + interval(conf, f, e, " %")
        + ")";
  }

  private static String insufficient(Claim c, Evidence e, Numbers f, String conf, String target) {
    String count = e.n() == 0 ? "no" : String.valueOf(e.n());
    if (e.n() >= c.minN()
        && c.minFollowupRate() != null
        && (e.followupRate() == null || e.followupRate() < c.minFollowupRate())) {
      String rate =
          e.followupRate() == null
              ? "no"
              : "only " + String.format(Locale.ROOT, "%.0f", e.followupRate() * 100) + " %";
      String observed = e.estimate() == null ? "" : " (observed " + observed(c, e, f) + ")";
      return rate
          + " of the clients due a follow-up gave one, fewer than the "
          + Numbers.plain(c.minFollowupRate(), true)
          + " % the claim needs, so the answer would rest on who"
          + " chose to reply"
          + observed
          + "; the clinic's data are not enough to judge the claim of "
          + target;
    }
    String why =
        e.n() < c.minN()
            ? (e.n() == 0 ? "" : "only ")
                + available(c, count)
                + ", fewer than the "
                + c.minN()
                + " the claim needs"
            : available(c, count)
                + ", but no "
                + conf
                + " interval could be computed from them (too"
                + " little variation in the data)";
    String observed = e.estimate() == null ? "" : " (observed " + observed(c, e, f) + ")";
    return why + observed + ", so the clinic's data are not enough to judge the claim of " + target;
  }

  /** What the n counts, e.g. "12 episodes of care (specialized techniques) had pain scores ...". */
  private static String available(Claim c, String count) {
    return switch (c.statistic()) {
      case MEAN_CHANGE, RESPONDER_RATE ->
          count
              + " episodes of care"
              + groupInBrackets(c)
              + " had "
              + Wording.measure(c.measure()).label()
              + " "
              + Wording.later(c)
              + " and "
              + Wording.earlier(c)
              + Wording.analysisScope(c);
      case WELCH_DIFF, ANCOVA_DIFF, RISK_ADJUSTED_DIFF ->
          count
              + " episodes of care with "
              + Wording.measure(c.measure()).label()
              + " were in the smaller of the two groups compared, "
              + Wording.level(c)
              + " and "
              + Wording.reference(c);
      case SLOPE ->
          c.model() != null && c.model().startsWith("within_episode")
              ? count
                  + " courses of care reached the cohort length with "
                  + Wording.measure(c.measure()).label()
                  + " at 3 or more visits"
              : count
                  + " episodes of care had "
                  + Wording.measure(c.measure()).label()
                  + " at the start and at the end of a course of care";
      case SESSIONS_TO_MCID ->
          count
              + " courses of care"
              + groupInBrackets(c)
              + " had "
              + Wording.measure(c.measure()).label()
              + " at a later visit, but the median or its interval was not reached";
      case HARM_DIFF ->
          count
              + " courses of care recording adverse events were in the smaller of the two groups"
              + " compared";
      case ADVERSE_EVENT_RATE ->
          "session".equals(c.unit())
              ? count
                  + " sessions recorded the adverse-event field ("
                  + Wording.techniques(c.technique())
                  + ")"
              : count
                  + " episodes of care had a session that recorded the adverse-event field ("
                  + Wording.techniques(c.technique())
                  + ")";
    };
  }

  private static String observed(Claim c, Evidence e, Numbers f) {
    String unit = c.statistic().isRate() ? " %" : " " + Wording.measure(c.measure()).unit();
    return switch (c.statistic()) {
      case MEAN_CHANGE -> "mean improvement " + f.of(e.estimate()) + unit;
      case SLOPE -> "slope " + f.of(e.estimate()) + unit + " per session";
      case WELCH_DIFF, ANCOVA_DIFF, RISK_ADJUSTED_DIFF -> "difference " + f.of(e.estimate()) + unit;
      case RESPONDER_RATE, ADVERSE_EVENT_RATE -> "rate " + f.of(e.estimate()) + unit;
      case SESSIONS_TO_MCID -> "median " + f.of(e.estimate()) + " sessions";
      case HARM_DIFF -> "difference " + f.of(e.estimate()) + " percentage points";
    };
  }

  private static String groupInBrackets(Claim c) {
    String g = Wording.group(c.groupBy(), c.group());
    return g == null ? "" : " (" + g + ")";
  }

  /** "95 % confidence interval LOW to HIGH", each bound followed by {@code unit} ("" or " %"). */
  private static String interval(String conf, Numbers f, Evidence e, String unit) {
    return conf + " interval " + f.of(e.low()) + unit + " to " + f.of(e.high()) + unit;
  }
}
