package clinic.outcomes.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wording of claim verdicts, and the check that a sentence is safe to publish. */
final class ClaimText {
  private static final Pattern INTEGER = Pattern.compile("(?<![0-9.,])([0-9]+)(?![0-9]|[.,][0-9])");

  private ClaimText() {}

  /** The verdict in words. */
  static String verdict(String verdict) {
    return switch (verdict == null ? "" : verdict) {
      case "supported" -> "Supported by the data";
      case "contradicted" -> "Contradicted by the data";
      case "inconclusive" -> "Inconclusive";
      case "insufficient_data" -> "Not enough data";
      default -> verdict == null ? "" : verdict;
    };
  }

  /** The confidence level as a percentage ("99.2 %"), or "95 %" when not given. */
  static String confidence(Double c) {
    if (c == null) {
      return "95\u00a0%";
    }
    String s =
        String.format(Locale.ROOT, "%.2f", 100 * c).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + "\u00a0%";
  }

  /** The threshold as "≥ 2" or, for a rate, "< 5 %". */
  static String threshold(ClaimRow c) {
    String op =
        c.operator() == null ? "" : c.operator().replace(">=", "\u2265").replace("<=", "\u2264");
    if (isRate(c) && c.threshold() != null) {
      return (op + " " + Html.num(c.threshold() * 100, digits(c.threshold() * 100)) + "\u00a0%")
          .trim();
    }
    return (op + " " + Html.num(c.threshold(), digits(c.threshold()))).trim();
  }

  /** Whether the claim's estimate is a proportion (shown as a percentage everywhere). */
  static boolean isRate(ClaimRow c) {
    return c.statistic() != null
        && (c.statistic().endsWith("_rate") || c.statistic().equals("harm_diff"));
  }

  /** The estimate as the page shows it: a percentage for rates, else 2 decimals. */
  static String estimate(ClaimRow c) {
    return isRate(c) ? Html.pct(c.value().estimate()) : Html.num(c.value().estimate(), 2);
  }

  /** The interval as the page shows it: percentages for rates, else 2 decimals. */
  static String interval(ClaimRow c) {
    return isRate(c)
        ? Html.pctInterval(c.value().low(), c.value().high())
        : Html.interval(c.value().low(), c.value().high(), 2);
  }

  /** Decimals needed to show a threshold exactly (at most 3). */
  static int digits(Double v) {
    if (v == null) {
      return 0;
    }
    for (int d = 0; d < 3; d++) {
      if (Math.abs(v * Math.pow(10, d) - Math.rint(v * Math.pow(10, d))) < 1e-9) {
        return d;
      }
    }
    return 3;
  }

  /**
   * A sentence for the case study built only from published figures: the verdict, the estimate and
   * interval when they may be shown, and the claimed threshold.
   */
  static String published(ClaimRow c, boolean figuresShown, int minCell) {
    String v = verdict(c.verdict());
    if (!figuresShown || !c.value().present()) {
      return "insufficient_data".equals(c.verdict())
          ? "Too few episodes to judge this claim; the figures are not shown."
          : v
              + ". The figures are not shown: they would reveal a count of fewer than "
              + minCell
              + " episodes.";
    }
    String range =
        c.value().hasRange()
            ? " (" + confidence(c.confidence()) + " interval " + interval(c) + ")"
            : "";
    return v
        + ": the clinic's records give "
        + estimate(c)
        + range
        + " against the claimed "
        + threshold(c)
        + ".";
  }

  /**
   * True when {@code sentence} shows no whole number from 1 to {@code minCell - 1} other than the
   * claim's own threshold or minimum n (which are not counts of people): such a number could be a
   * small count of episodes.
   */
  static boolean safeToPublish(String sentence, ClaimRow c, int minCell) {
    if (sentence == null) {
      return false;
    }
    Matcher m = INTEGER.matcher(sentence);
    while (m.find()) {
      long v;
      try {
        v = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return false;
      }
      boolean allowed =
          (c.threshold() != null && v == c.threshold()) || (c.minN() != null && v == c.minN());
      if (Suppression.isSmall(v, minCell) && !allowed) {
        return false;
      }
    }
    return true;
  }
}
