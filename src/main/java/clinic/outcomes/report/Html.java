package clinic.outcomes.report;

import java.util.Locale;

/**
 * HTML text helpers. Every value that came from input, the tables or the claims file goes through
 * {@link #escape}; only fragments built by this package are wrapped as {@link Safe}.
 */
public final class Html {
  private Html() {}

  /** A fragment of HTML built by this package from escaped parts: inserted as is. */
  public record Safe(String html) {
    @Override
    public String toString() {
      return html;
    }
  }

  /** Escapes text for use in element content and in double- or single-quoted attributes. */
  public static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            b.append("&#xFFFD;");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** Escaped text as a safe fragment. */
  public static Safe text(Object value) {
    return new Safe(escape(value));
  }

  /** An element with escaped text content and an optional class. */
  public static Safe element(String tag, String cssClass, Object text) {
    String cls = cssClass == null ? "" : " class=\"" + escape(cssClass) + "\"";
    return new Safe("<" + tag + cls + ">" + escape(text) + "</" + tag + ">");
  }

  /** Concatenates fragments. */
  public static Safe join(Safe... parts) {
    StringBuilder b = new StringBuilder();
    for (Safe p : parts) {
      b.append(p.html());
    }
    return new Safe(b.toString());
  }

  /** A number with {@code digits} decimals, or an em dash for null or not finite. */
  public static String num(Double v, int digits) {
    if (v == null || !Double.isFinite(v)) {
      return "\u2014";
    }
    String s = String.format(Locale.ROOT, "%." + digits + "f", v);
    return s.startsWith("-") && s.matches("-0\\.?0*") ? s.substring(1) : s.replace('-', '\u2212');
  }

  /** A proportion as a percentage with one decimal, or an em dash. */
  public static String pct(Double v) {
    return v == null || !Double.isFinite(v) ? "\u2014" : num(100 * v, 1) + "\u00a0%";
  }

  /** An interval "low to high", or an em dash when either end is missing. */
  public static String interval(Double low, Double high, int digits) {
    if (low == null || high == null || !Double.isFinite(low) || !Double.isFinite(high)) {
      return "\u2014";
    }
    return num(low, digits) + " to " + num(high, digits);
  }

  /** A percentage interval, or an em dash. */
  public static String pctInterval(Double low, Double high) {
    if (low == null || high == null || !Double.isFinite(low) || !Double.isFinite(high)) {
      return "\u2014";
    }
    return num(100 * low, 1) + " to " + num(100 * high, 1) + "\u00a0%";
  }

  /** A p-value: "&lt;0.001" below a thousandth, else three decimals; an em dash for null. */
  public static String p(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "\u2014";
    }
    return v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A count, or an em dash for null. */
  public static String count(Long v) {
    return v == null ? "\u2014" : Long.toString(v);
  }
}
