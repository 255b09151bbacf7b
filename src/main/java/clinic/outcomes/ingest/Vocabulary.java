package clinic.outcomes.ingest;

/** The allowed values of the enumerated columns, lower case, and the score ranges. */
final class Vocabulary {
  static final String NONE = "none";
  static final String[] YES_NO = {"yes", "no"};
  static final String[] ADVERSE_EVENTS = {
    "none", "soreness", "bruising", "increased_pain", "other"
  };
  static final String[] MOMENTS = {"intake", "before", "after", "discharge", "followup"};
  static final String[] MEASURES = {"nrs_pain", "odi", "rmdq", "slr_deg"};
  static final String[] AGE_BANDS = {
    "18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"
  };
  static final String[] SEXES = {"female", "male", "other", "unknown"};
  static final String[] CONDITIONS = {
    "herniated_disc",
    "spinal_stenosis",
    "degenerative_disc",
    "piriformis",
    "pregnancy",
    "other",
    "unknown"
  };
  static final String[] CO_TREATMENTS = {"physio", "chiro", "medication", "none"};
  static final String[] CONTRAINDICATIONS = {
    "recent_surgery",
    "open_wound",
    "clotting_disorder",
    "severe_osteoporosis",
    "pregnancy",
    "hypertension",
    "diabetes",
    "none"
  };

  private static final int[] MEASURE_MAX = {10, 100, 24, 90};

  private Vocabulary() {}

  /** Returns the highest valid score of a measure (the lowest is 0 for all). */
  static int measureMax(String measure) {
    for (int i = 0; i < MEASURES.length; i++) {
      if (MEASURES[i].equals(measure)) {
        return MEASURE_MAX[i];
      }
    }
    throw new IllegalArgumentException("unknown measure " + measure);
  }

  /** Tells whether a moment belongs to a session, so that its score needs a session_id. */
  static boolean isSessionMoment(String moment) {
    return "before".equals(moment) || "after".equals(moment);
  }
}
