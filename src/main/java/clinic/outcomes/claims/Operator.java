package clinic.outcomes.claims;

/**
 * How a claim compares its estimate with its threshold. A claim says the true value lies on the
 * claimed side of the threshold: {@code GT} claims {@code value > threshold}, {@code GE} claims
 * {@code value >= threshold}, and so on. Whether the threshold itself belongs to the claimed side
 * decides the verdict when an interval bound touches it (see {@link ClaimEvaluator#verdict}).
 */
public enum Operator {
  GT(">", "gt", "more than"),
  GE(">=", "ge", "at least"),
  LT("<", "lt", "less than"),
  LE("<=", "le", "at most");

  private final String symbol;
  private final String word;
  private final String phrase;

  Operator(String symbol, String word, String phrase) {
    this.symbol = symbol;
    this.word = word;
    this.phrase = phrase;
  }

  /** The symbol as written in the claims file and the tables: {@code >}, {@code >=}, ... */
  public String symbol() {
    return symbol;
  }

  /** Plain English for a sentence, e.g. "at least". */
  public String phrase() {
    return phrase;
  }

  /** True when the claimed side is above the threshold ({@code GT}, {@code GE}). */
  public boolean claimsAbove() {
    return this == GT || this == GE;
  }

  /** True when the threshold itself is on the claimed side ({@code GE}, {@code LE}). */
  public boolean includesThreshold() {
    return this == GE || this == LE;
  }

  /**
   * Whether {@code value} is on the claimed side of {@code threshold}.
   *
   * @param value a finite number
   * @param threshold the claim's threshold
   * @return e.g. for {@code GE}, {@code value >= threshold}
   */
  public boolean holds(double value, double threshold) {
    return switch (this) {
      case GT -> value > threshold;
      case GE -> value >= threshold;
      case LT -> value < threshold;
      case LE -> value <= threshold;
    };
  }

  /**
   * The operator of a claims-file value.
   *
   * @param text a symbol ({@code >}, {@code >=}, {@code <}, {@code <=}) or its word ({@code gt},
   *     {@code ge}, {@code lt}, {@code le}); exact
   * @return the operator, or null when the text is neither
   */
  public static Operator parse(String text) {
    for (Operator o : values()) {
      if (o.symbol.equals(text) || o.word.equals(text)) {
        return o;
      }
    }
    return null;
  }
}
