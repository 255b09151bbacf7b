package clinic.outcomes.ingest;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Moment;

/**
 * The allowed values of the enumerated columns, lower case, and the score ranges; those of the
 * domain vocabulary (adverse events, moments, measures) come from its enums in {@code core}.
 */
final class Vocabulary {
  static final String NONE = "none";
  static final String[] YES_NO = {"yes", "no"};
  static final String[] ADVERSE_EVENTS = AdverseEvent.CODES.toArray(String[]::new);
  static final String[] MOMENTS = Moment.CODES.toArray(String[]::new);
  static final String[] MEASURES = Measure.CODES.toArray(String[]::new);
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

  private Vocabulary() {}

  /** Returns the highest valid score of a measure (the lowest is 0 for all). */
  static int measureMax(String measure) {
    return Measure.fromCode(measure).max();
  }

  /** Tells whether a moment belongs to a session, so that its score needs a session_id. */
  static boolean isSessionMoment(String moment) {
    return Moment.of(moment).map(Moment::ofSession).orElse(false);
  }
}
