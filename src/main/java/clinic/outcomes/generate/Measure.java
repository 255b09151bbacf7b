package clinic.outcomes.generate;

/** The SPEC's four measures with their code and top of scale. */
enum Measure {
  NRS_PAIN("nrs_pain", 10, true),
  ODI("odi", 100, true),
  RMDQ("rmdq", 24, true),
  SLR_DEG("slr_deg", 90, false);

  private final String code;
  private final int max;
  private final boolean lowerIsBetter;

  Measure(String code, int max, boolean lowerIsBetter) {
    this.code = code;
    this.max = max;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** The code written in {@code pain_scores.csv}. */
  String code() {
    return code;
  }

  /** Top of the scale (the bottom is 0). */
  int max() {
    return max;
  }

  /** The score that lies {@code improvement} better than {@code earlier}. */
  double improvedBy(double earlier, double improvement) {
    return lowerIsBetter ? earlier - improvement : earlier + improvement;
  }
}
