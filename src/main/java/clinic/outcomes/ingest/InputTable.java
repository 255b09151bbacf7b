package clinic.outcomes.ingest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The input files of the data contract and their columns.
 *
 * <p>{@code pain_scores.csv} must have a {@code session_id} column in its header (a file without
 * one cannot link any score to a session); its values are only required for the moments {@code
 * before} and {@code after}.
 */
public enum InputTable {
  SESSIONS(
      "sessions",
      List.of(
          Column.SESSION_ID,
          Column.CLIENT_ID,
          Column.THERAPIST_ID,
          Column.SESSION_DATE,
          Column.TECHNIQUE,
          Column.DURATION_MIN,
          Column.ADVERSE_EVENT,
          Column.HOME_EXERCISE),
      EnumSet.of(Column.SESSION_ID, Column.CLIENT_ID, Column.SESSION_DATE, Column.TECHNIQUE)),
  PAIN_SCORES(
      "pain_scores",
      List.of(
          Column.CLIENT_ID,
          Column.SESSION_ID,
          Column.RECORDED_ON,
          Column.MOMENT,
          Column.MEASURE,
          Column.SCORE),
      EnumSet.of(
          Column.CLIENT_ID,
          Column.SESSION_ID,
          Column.RECORDED_ON,
          Column.MOMENT,
          Column.MEASURE,
          Column.SCORE)),
  CLIENTS(
      "clients",
      List.of(
          Column.CLIENT_ID,
          Column.AGE_BAND,
          Column.SEX,
          Column.CONDITION,
          Column.SYMPTOM_WEEKS,
          Column.CO_TREATMENT,
          Column.CONTRAINDICATIONS,
          Column.MEDICAL_CLEARANCE),
      EnumSet.of(Column.CLIENT_ID));

  private final String fileBase;
  private final List<Column> columnKeys;
  private final Set<Column> requiredKeys;
  private final List<String> columns;
  private final List<String> requiredColumns;

  InputTable(String fileBase, List<Column> columnKeys, Set<Column> requiredKeys) {
    this.fileBase = fileBase;
    this.columnKeys = columnKeys;
    this.requiredKeys = requiredKeys;
    this.columns = columnKeys.stream().map(Column::columnName).toList();
    this.requiredColumns =
        columnKeys.stream().filter(requiredKeys::contains).map(Column::columnName).toList();
  }

  /** Returns the file's base name, e.g. {@code sessions}. */
  /**
   * The table whose file base name is {@code fileBase} ({@code sessions}, {@code pain_scores}...).
   */
  public static InputTable ofFileBase(String fileBase) {
    for (InputTable t : values()) {
      if (t.fileBase.equals(fileBase)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no input table " + fileBase);
  }

  public String fileBase() {
    return fileBase;
  }

  /** Returns the CSV file name, e.g. {@code sessions.csv}. */
  public String csvFileName() {
    return fileBase + ".csv";
  }

  /** Returns the known column names in contract order. */
  public List<String> columns() {
    return columns;
  }

  /** Returns the names of the columns the header must have, in contract order. */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Returns the known columns in contract order. */
  public List<Column> columnKeys() {
    return columnKeys;
  }

  /** Tells whether the header must have this column. */
  public boolean isRequired(Column column) {
    return requiredKeys.contains(column);
  }

  /** Tells whether this column is one of the table's known columns. */
  public boolean has(Column column) {
    return columnKeys.contains(column);
  }
}
