package clinic.outcomes.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The four outcome measures (SPEC data contract and "Outcomes"): the one place their code, score
 * range, direction, best score, default MCID, title and unit live. Scores are kept in tenths of a
 * unit where they are summed ({@code bestTenths}, {@code defaultMcidTenths}).
 */
public enum Measure {
  NRS_PAIN("nrs_pain", 10, false, 20, "Pain (NRS 0-10)", "NRS points", "pain scores (0-10)"),
  ODI(
      "odi",
      100,
      false,
      100,
      "Disability (ODI 0-100)",
      "ODI points",
      "Oswestry disability scores (0-100)"),
  RMDQ(
      "rmdq",
      24,
      false,
      50,
      "Disability (RMDQ 0-24)",
      "RMDQ points",
      "Roland-Morris disability scores (0-24)"),
  SLR_DEG(
      "slr_deg",
      90,
      true,
      100,
      "Straight-leg raise (degrees)",
      "degrees",
      "straight-leg-raise angles");

  /** In table order. */
  public static final List<Measure> ALL = List.of(values());

  /** The codes in table order, as they appear in the data and the tables. */
  public static final List<String> CODES = ALL.stream().map(Measure::code).toList();

  private final String code;
  private final int max;
  private final boolean higherIsBetter;
  private final int defaultMcidTenths;
  private final String title;
  private final String unit;
  private final String scores;

  Measure(
      String code,
      int max,
      boolean higherIsBetter,
      int defaultMcidTenths,
      String title,
      String unit,
      String scores) {
    this.code = code;
    this.max = max;
    this.higherIsBetter = higherIsBetter;
    this.defaultMcidTenths = defaultMcidTenths;
    this.title = title;
    this.unit = unit;
    this.scores = scores;
  }

  /** The code in the data, e.g. {@code nrs_pain}. */
  public String code() {
    return code;
  }

  /** The highest valid score; the lowest is 0 for every measure. */
  public int max() {
    return max;
  }

  /** Whether a higher score is better ({@code slr_deg}, an angle) rather than worse. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Best possible score in tenths: 900 for {@code slr_deg}, else 0. */
  public int bestTenths() {
    return higherIsBetter ? max * 10 : 0;
  }

  /** The SPEC's default minimal clinically important difference, in tenths of a unit. */
  public int defaultMcidTenths() {
    return defaultMcidTenths;
  }

  /** Title for tables and charts, e.g. "Pain (NRS 0-10)". */
  public String title() {
    return title;
  }

  /** Unit of a change, e.g. "NRS points". */
  public String unit() {
    return unit;
  }

  /** Plain words for the scores in a sentence, e.g. "pain scores (0-10)". */
  public String scores() {
    return scores;
  }

  /** The measure with this code, if any. */
  public static Optional<Measure> of(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /** Looked up once per pair and per score row by the client pass: a map, not a scan. */
  private static final Map<String, Measure> BY_CODE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Measure::code, m -> m));

  /** The measure with this code; an unknown code is a programming error here. */
  public static Measure fromCode(String code) {
    return of(code).orElseThrow(() -> new IllegalArgumentException("unknown measure " + code));
  }
}
