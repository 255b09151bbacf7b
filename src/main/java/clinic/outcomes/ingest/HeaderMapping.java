package clinic.outcomes.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a file's header to its table's known columns.
 *
 * <p>Names are trimmed and matched case-insensitively; column order is free. Checked in this order:
 * the privacy guard on every column name (exit 3), duplicate names (exit 2; empty names may repeat,
 * they are ignored), then the required columns (exit 2, naming every missing one). Columns that are
 * not the table's known columns, including empty names and known columns of other tables, are
 * listed by {@link #unknownColumns()} and otherwise ignored. Immutable.
 */
public final class HeaderMapping implements Serializable {
  private static final long serialVersionUID = 1L;
  private final InputTable table;
  private final String fileName;
  private final int fieldCount;
  private final int[] indexByColumn;
  private final List<String> unknownColumns;
  private final List<String> names;

  private HeaderMapping(
      InputTable table,
      String fileName,
      int fieldCount,
      int[] indexByColumn,
      List<String> unknownColumns,
      List<String> names) {
    this.table = table;
    this.fileName = fileName;
    this.fieldCount = fieldCount;
    this.indexByColumn = indexByColumn;
    this.unknownColumns = unknownColumns;
    this.names = names;
  }

  /**
   * Resolves a header.
   *
   * @param table the table the file holds
   * @param fileName the file's name, for messages
   * @param header the header's fields as read (not trimmed)
   * @throws InputFileException exit 3 if a column name suggests a direct identifier; exit 2 if a
   *     column name repeats or a required column is missing
   */
  public static HeaderMapping resolve(InputTable table, String fileName, List<String> header) {
    List<String> names = new ArrayList<>(header.size());
    for (String field : header) {
      names.add(Values.trim(field));
    }
    guardPrivacy(fileName, names);
    int[] indexByColumn = new int[Column.values().length];
    Arrays.fill(indexByColumn, -1);
    Map<String, Integer> seen = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String key = name.toLowerCase(Locale.ROOT);
      Integer earlier = name.isEmpty() ? null : seen.putIfAbsent(key, i);
      if (earlier != null) {
        throw new InputFileException(
            fileName,
            "column "
                + Values.quoteName(name)
                + " appears twice in the header (columns "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + ")",
            InputFileException.EXIT_CONTRACT);
      }
      Column column = Column.byName(key);
      if (column != null && table.has(column)) {
        indexByColumn[column.ordinal()] = i;
      } else {
        unknown.add(name);
      }
    }
    requireColumns(table, fileName, indexByColumn);
    return new HeaderMapping(
        table, fileName, header.size(), indexByColumn, List.copyOf(unknown), List.copyOf(names));
  }

  /** Returns the index of a known column by name (trimmed, any case), or -1 if absent. */
  public int index(String column) {
    Column key = Column.byName(Values.trim(column).toLowerCase(Locale.ROOT));
    return key == null ? -1 : indexByColumn[key.ordinal()];
  }

  /** Returns the index of a known column, or -1 if the header does not have it. */
  public int index(Column column) {
    return indexByColumn[column.ordinal()];
  }

  /** Returns the trimmed name of the header's field at {@code index}. */
  public String columnName(int index) {
    return names.get(index);
  }

  /** Tells whether the field at {@code index} is an id column (session, client or therapist id). */
  public boolean isIdColumn(int index) {
    return index == index(Column.SESSION_ID)
        || index == index(Column.CLIENT_ID)
        || index == index(Column.THERAPIST_ID);
  }

  /** Returns the header's columns that are not the table's known columns, trimmed, in order. */
  public List<String> unknownColumns() {
    return unknownColumns;
  }

  /** Returns the number of fields in the header; a record with another count is malformed. */
  public int fieldCount() {
    return fieldCount;
  }

  /** Returns the table. */
  public InputTable table() {
    return table;
  }

  /** Returns the file's name used in messages. */
  public String fileName() {
    return fileName;
  }

  private static void guardPrivacy(String fileName, List<String> names) {
    for (String name : names) {
      String kind = PrivacyGuard.identifierKind(name);
      if (kind != null) {
        throw new InputFileException(
            fileName,
            "column "
                + Values.quoteName(name)
                + " looks like "
                + kind
                + ", a direct identifier; the input must be anonymized, so remove that column",
            InputFileException.EXIT_PRIVACY);
      }
    }
  }

  private static void requireColumns(InputTable table, String fileName, int[] indexByColumn) {
    List<String> missing = new ArrayList<>();
    for (Column column : table.columnKeys()) {
      if (table.isRequired(column) && indexByColumn[column.ordinal()] < 0) {
        missing.add("'" + column.columnName() + "'");
      }
    }
    if (!missing.isEmpty()) {
      String what =
          missing.size() == 1
              ? "the required column " + missing.get(0) + " is"
              : "the required columns " + String.join(", ", missing) + " are";
      throw new InputFileException(
          fileName, what + " missing from the header", InputFileException.EXIT_CONTRACT);
    }
  }
}
