package clinic.outcomes.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The stateless per-row rules of the data contract: each record on its own, without looking at
 * other rows (duplicates, conflicting keys, unknown sessions and date mismatches are checked
 * later).
 *
 * <p>A record whose field count differs from the header's, or whose quoting is broken, gets only
 * {@code malformed_row} and a row of nulls. Otherwise every rule that applies adds its reason code:
 * {@code missing_<column>} (required and empty), {@code invalid_<column>}, {@code
 * <column>_out_of_range} (dates outside 2000-01-01 to the maximum date, {@code duration_min}
 * outside 10-240, {@code symptom_weeks} outside 0-1040), {@code score_out_of_range} and {@code
 * score_precision}. Values are trimmed, enumerations match ignoring ASCII case and are returned in
 * lower case, integers are plain digits.
 *
 * <p>The privacy guard on values runs here too, on every record before its raw line can reach the
 * rejects output: an id ({@code session_id}, {@code client_id}, {@code therapist_id}) that looks
 * like an e-mail address or phone number, another field that looks like an e-mail address or a
 * phone number with separators, or any value of a malformed record that looks like either (its
 * fields are not reliably placed, so each is judged as an id) throws {@link InputFileException}
 * with exit code 3, naming the line and never the value. Immutable and thread-safe.
 */
public final class RowRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The earliest valid date. */
  public static final LocalDate MIN_DATE = LocalDate.of(2000, 1, 1);

  private static final String MALFORMED_ROW = "malformed_row";
  private static final SortedSet<String> MALFORMED =
      Collections.unmodifiableSortedSet(new TreeSet<>(Collections.singleton(MALFORMED_ROW)));
  private static final int MIN_DURATION = 10;
  private static final int MAX_DURATION = 240;
  private static final int MAX_SYMPTOM_WEEKS = 1040;

  private final LocalDate maxDate;

  /**
   * Creates the rules.
   *
   * @param maxDate the latest valid date, inclusive (the run date, or {@code --as-of})
   * @throws IllegalArgumentException if maxDate is before {@link #MIN_DATE}
   */
  public RowRules(LocalDate maxDate) {
    this.maxDate = Objects.requireNonNull(maxDate, "maxDate");
    if (maxDate.isBefore(MIN_DATE)) {
      throw new IllegalArgumentException("maxDate " + maxDate + " is before " + MIN_DATE);
    }
  }

  /** Returns the latest valid date. */
  public LocalDate maxDate() {
    return maxDate;
  }

  /**
   * Checks a {@code sessions.csv} record.
   *
   * @throws InputFileException exit 3 if a value looks like personal data (see the class comment)
   */
  public Checked<SessionRow> session(CsvRecord r, HeaderMapping m, String fileName) {
    requireTable(m, InputTable.SESSIONS);
    if (isMalformed(r, m)) {
      RowCheck.guardMalformed(r, fileName);
      return malformed(r, SessionRow.EMPTY);
    }
    RowCheck check = new RowCheck(r, m, fileName);
    check.guardOtherFields();
    SessionRow row =
        new SessionRow(
            check.id(Column.SESSION_ID, true),
            check.id(Column.CLIENT_ID, true),
            check.id(Column.THERAPIST_ID, false),
            check.date(Column.SESSION_DATE, MIN_DATE, maxDate),
            check.technique(),
            check.integer(Column.DURATION_MIN, MIN_DURATION, MAX_DURATION),
            check.oneOf(Column.ADVERSE_EVENT, false, Vocabulary.ADVERSE_EVENTS),
            check.oneOf(Column.HOME_EXERCISE, false, Vocabulary.YES_NO));
    return checked(r, row, check);
  }

  /**
   * Checks a {@code pain_scores.csv} record. {@code session_id} is required for the moments {@code
   * before} and {@code after} only (not when the moment is missing or invalid) and validated
   * whenever present; the score's range is checked only when the measure is valid.
   *
   * @throws InputFileException exit 3 if a value looks like personal data (see the class comment)
   */
  public Checked<ScoreRow> score(CsvRecord r, HeaderMapping m, String fileName) {
    requireTable(m, InputTable.PAIN_SCORES);
    if (isMalformed(r, m)) {
      RowCheck.guardMalformed(r, fileName);
      return malformed(r, ScoreRow.EMPTY);
    }
    RowCheck check = new RowCheck(r, m, fileName);
    check.guardOtherFields();
    String clientId = check.id(Column.CLIENT_ID, true);
    String moment = check.oneOf(Column.MOMENT, true, Vocabulary.MOMENTS);
    String sessionId = check.id(Column.SESSION_ID, Vocabulary.isSessionMoment(moment));
    LocalDate recordedOn = check.date(Column.RECORDED_ON, MIN_DATE, maxDate);
    String measure = check.oneOf(Column.MEASURE, true, Vocabulary.MEASURES);
    Integer scoreTenths = check.scoreTenths(measure);
    ScoreRow row = new ScoreRow(clientId, sessionId, recordedOn, moment, measure, scoreTenths);
    return checked(r, row, check);
  }

  /**
   * Checks a {@code clients.csv} record. Only {@code client_id} is required; a {@code |}-set with
   * an unknown or empty item, or with {@code none} beside another item, is invalid.
   *
   * @throws InputFileException exit 3 if a value looks like personal data (see the class comment)
   */
  public Checked<ClientRow> client(CsvRecord r, HeaderMapping m, String fileName) {
    requireTable(m, InputTable.CLIENTS);
    if (isMalformed(r, m)) {
      RowCheck.guardMalformed(r, fileName);
      return malformed(r, ClientRow.EMPTY);
    }
    RowCheck check = new RowCheck(r, m, fileName);
    check.guardOtherFields();
    ClientRow row =
        new ClientRow(
            check.id(Column.CLIENT_ID, true),
            check.oneOf(Column.AGE_BAND, false, Vocabulary.AGE_BANDS),
            check.oneOf(Column.SEX, false, Vocabulary.SEXES),
            check.oneOf(Column.CONDITION, false, Vocabulary.CONDITIONS),
            check.integer(Column.SYMPTOM_WEEKS, 0, MAX_SYMPTOM_WEEKS),
            check.subsetOf(Column.CO_TREATMENT, Vocabulary.CO_TREATMENTS),
            check.subsetOf(Column.CONTRAINDICATIONS, Vocabulary.CONTRAINDICATIONS),
            check.oneOf(Column.MEDICAL_CLEARANCE, false, Vocabulary.YES_NO));
    return checked(r, row, check);
  }

  private static boolean isMalformed(CsvRecord r, HeaderMapping m) {
    return r.malformed() || r.fields().size() != m.fieldCount();
  }

  private static <T> Checked<T> malformed(CsvRecord r, T emptyRow) {
    return new Checked<>(r.line(), r.raw(), emptyRow, MALFORMED, RowCheck.fingerprint(r));
  }

  private static <T> Checked<T> checked(CsvRecord r, T row, RowCheck check) {
    return new Checked<>(r.line(), r.raw(), row, check.reasons(), RowCheck.fingerprint(r));
  }

  private static void requireTable(HeaderMapping m, InputTable expected) {
    if (m.table() != expected) {
      throw new IllegalArgumentException(
          "a " + m.table().fileBase() + " header cannot check " + expected.fileBase() + " rows");
    }
  }
}
