package clinic.outcomes.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A {@code pain_scores.csv} row after the stateless rules. Each value is trimmed and normalized, or
 * null when it is empty, invalid or its column is absent.
 *
 * @param clientId the client's pseudonym, as written
 * @param sessionId the session's id (required for the moments {@code before} and {@code after})
 * @param recordedOn the date the score was recorded, 2000-01-01 up to the rules' maximum date
 * @param moment {@code intake}, {@code before}, {@code after}, {@code discharge} or {@code
 *     followup}
 * @param measure {@code nrs_pain} (0-10), {@code odi} (0-100), {@code rmdq} (0-24) or {@code
 *     slr_deg} (0-90)
 * @param scoreTenths the score in exact tenths of the measure's unit ({@code "7.5"} is 75); null
 *     when the score is missing, invalid, too precise, out of range, or the measure is invalid
 */
public record ScoreRow(
    String clientId,
    String sessionId,
    LocalDate recordedOn,
    String moment,
    String measure,
    Integer scoreTenths)
    implements Serializable {

  static final ScoreRow EMPTY = new ScoreRow(null, null, null, null, null, null);
}
