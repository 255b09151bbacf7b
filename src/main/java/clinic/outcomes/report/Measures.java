package clinic.outcomes.report;

/** Display names and units of the measures (SPEC "Input"). */
final class Measures {
  private Measures() {}

  /** Title of a measure. */
  static String title(String measure) {
    return switch (measure) {
      case "nrs_pain" -> "Pain (NRS 0-10)";
      case "odi" -> "Disability (ODI 0-100)";
      case "rmdq" -> "Disability (RMDQ 0-24)";
      case "slr_deg" -> "Straight-leg raise (degrees)";
      default -> measure;
    };
  }

  /** Unit of a measure's improvement. */
  static String unit(String measure) {
    return switch (measure) {
      case "nrs_pain" -> "NRS points";
      case "odi" -> "ODI points";
      case "rmdq" -> "RMDQ points";
      case "slr_deg" -> "degrees";
      default -> "points";
    };
  }
}
