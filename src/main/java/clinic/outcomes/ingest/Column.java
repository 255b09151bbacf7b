package clinic.outcomes.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * A column of the input data contract, with its name as written in the header (lower case) and its
 * reason codes. A column belongs to one or more {@link InputTable}s.
 */
public enum Column {
  SESSION_ID("session_id"),
  CLIENT_ID("client_id"),
  THERAPIST_ID("therapist_id"),
  SESSION_DATE("session_date"),
  TECHNIQUE("technique"),
  DURATION_MIN("duration_min"),
  ADVERSE_EVENT("adverse_event"),
  HOME_EXERCISE("home_exercise"),
  RECORDED_ON("recorded_on"),
  MOMENT("moment"),
  MEASURE("measure"),
  SCORE("score"),
  AGE_BAND("age_band"),
  SEX("sex"),
  CONDITION("condition"),
  SYMPTOM_WEEKS("symptom_weeks"),
  CO_TREATMENT("co_treatment"),
  CONTRAINDICATIONS("contraindications"),
  MEDICAL_CLEARANCE("medical_clearance");

  private static final Map<String, Column> BY_NAME = new HashMap<>();

  static {
    for (Column column : values()) {
      BY_NAME.put(column.columnName, column);
    }
  }

  private final String columnName;
  private final String missingCode;
  private final String invalidCode;
  private final String outOfRangeCode;

  Column(String columnName) {
    this.columnName = columnName;
    this.missingCode = "missing_" + columnName;
    this.invalidCode = "invalid_" + columnName;
    this.outOfRangeCode = columnName + "_out_of_range";
  }

  /** Returns the header name, lower case, e.g. {@code session_id}. */
  public String columnName() {
    return columnName;
  }

  /** Returns the reason code {@code missing_<column>}. */
  public String missingCode() {
    return missingCode;
  }

  /** Returns the reason code {@code invalid_<column>}. */
  public String invalidCode() {
    return invalidCode;
  }

  /** Returns the reason code {@code <column>_out_of_range}. */
  public String outOfRangeCode() {
    return outOfRangeCode;
  }

  /** Returns the column with this lower-case header name, or null if there is none. */
  static Column byName(String lowerCaseName) {
    return BY_NAME.get(lowerCaseName);
  }
}
