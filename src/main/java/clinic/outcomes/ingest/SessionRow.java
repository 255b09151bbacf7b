package clinic.outcomes.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A {@code sessions.csv} row after the stateless rules. Each value is trimmed and normalized, or
 * null when it is empty, invalid or its column is absent.
 *
 * @param sessionId the session's id, as written
 * @param clientId the client's pseudonym, as written
 * @param therapistId the therapist's pseudonym, as written
 * @param sessionDate the session's date, 2000-01-01 up to the rules' maximum date
 * @param technique normalized: lower case, spaces and {@code -} as {@code _}
 * @param durationMin the session's length in minutes, 10-240
 * @param adverseEvent {@code none}, {@code soreness}, {@code bruising}, {@code increased_pain},
 *     {@code other}; null when not recorded
 * @param homeExercise {@code yes} or {@code no}; null when not recorded
 */
public record SessionRow(
    String sessionId,
    String clientId,
    String therapistId,
    LocalDate sessionDate,
    String technique,
    Integer durationMin,
    String adverseEvent,
    String homeExercise)
    implements Serializable {

  static final SessionRow EMPTY = new SessionRow(null, null, null, null, null, null, null, null);
}
