package clinic.outcomes.ingest;

import clinic.outcomes.core.AdverseEvent;
import clinic.outcomes.core.ClientVocabulary;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Moment;
import java.util.List;
import java.util.stream.Stream;

/**
 * The allowed values of the enumerated columns, lower case, and the score ranges; those of the
 * domain vocabulary (adverse events, moments, measures) come from its enums in {@code core}.
 */
final class Vocabulary {
  static final String NONE = ClientVocabulary.NONE;
  static final String[] YES_NO = {"yes", "no"};
  static final String[] ADVERSE_EVENTS = AdverseEvent.CODES.toArray(String[]::new);
  static final String[] MOMENTS = Moment.CODES.toArray(String[]::new);
  static final String[] MEASURES = Measure.CODES.toArray(String[]::new);
  static final String[] AGE_BANDS = ClientVocabulary.AGE_BANDS.toArray(String[]::new);
  static final String[] SEXES = ClientVocabulary.SEXES.toArray(String[]::new);
  static final String[] CONDITIONS = ClientVocabulary.CONDITIONS.toArray(String[]::new);
  static final String[] CO_TREATMENTS = withNone(ClientVocabulary.CO_TREATMENTS);
  static final String[] CONTRAINDICATIONS = withNone(ClientVocabulary.CONTRAINDICATIONS);

  private Vocabulary() {}

  /** Returns the highest valid score of a measure (the lowest is 0 for all). */
  static int measureMax(String measure) {
    return Measure.fromCode(measure).max();
  }

  /** Tells whether a moment belongs to a session, so that its score needs a session_id. */
  static boolean isSessionMoment(String moment) {
    return Moment.of(moment).map(Moment::ofSession).orElse(false);
  }

  private static String[] withNone(List<String> values) {
    return Stream.concat(values.stream(), Stream.of(ClientVocabulary.NONE)).toArray(String[]::new);
  }
}
