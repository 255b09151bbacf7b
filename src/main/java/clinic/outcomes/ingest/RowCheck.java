package clinic.outcomes.ingest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The checks of one well-formed record: reads a column's trimmed value, validates it, collects the
 * reason codes and builds the fingerprint. One instance per record.
 */
final class RowCheck {
  private static final String SCORE_PRECISION = "score_precision";

  private final CsvRecord record;
  private final HeaderMapping mapping;
  private final String fileName;
  private TreeSet<String> reasons;

  RowCheck(CsvRecord record, HeaderMapping mapping, String fileName) {
    this.record = record;
    this.mapping = mapping;
    this.fileName = fileName;
  }

  /** Returns the trimmed value of a column, or {@code ""} when the header lacks it. */
  String value(Column column) {
    int index = mapping.index(column);
    return index < 0 ? "" : Values.trim(record.fields().get(index));
  }

  /**
   * Checks an id column: the privacy guard first, then the id pattern.
   *
   * @throws InputFileException exit 3 if the value looks like an e-mail address or phone number
   */
  String id(Column column, boolean required) {
    String value = value(column);
    if (value.isEmpty()) {
      return missing(column, required);
    }
    String kind = PrivacyGuard.idValueKind(value);
    if (kind != null) {
      throw new InputFileException(
          fileName,
          "line "
              + record.line()
              + ", column '"
              + column.columnName()
              + "' holds a value that looks like "
              + kind
              + " (not shown: it is personal data); ids must be pseudonyms",
          InputFileException.EXIT_PRIVACY);
    }
    return Values.isId(value) ? value : invalid(column);
  }

  /**
   * The privacy guard on every field that is not an id (ids are guarded by {@link #id}), unknown
   * columns included: the raw line of a rejected record is copied to the rejects output.
   *
   * @throws InputFileException exit 3 if a value looks like an e-mail address or a phone number
   */
  void guardOtherFields() {
    List<String> fields = record.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (!mapping.isIdColumn(i)) {
        String kind = PrivacyGuard.otherValueKind(Values.trim(fields.get(i)));
        if (kind != null) {
          throw new InputFileException(
              fileName,
              "line "
                  + record.line()
                  + ", column "
                  + Values.quoteName(mapping.columnName(i))
                  + " holds a value that looks like "
                  + kind
                  + " (not shown: it is personal data); the input must be anonymized",
              InputFileException.EXIT_PRIVACY);
        }
      }
    }
  }

  /**
   * The privacy guard on a malformed record, whose fields are not reliably placed: every field, and
   * every comma-separated piece of the raw line, is judged as an id could be.
   *
   * @throws InputFileException exit 3 if a value looks like an e-mail address or a phone number
   */
  static void guardMalformed(CsvRecord record, String fileName) {
    String kind = null;
    for (String field : record.fields()) {
      kind = kind != null ? kind : PrivacyGuard.misplacedValueKind(Values.trim(field));
    }
    for (String piece : record.raw().replace('"', ',').split("[,;\\t\\r\\n]")) {
      kind = kind != null ? kind : PrivacyGuard.misplacedValueKind(Values.trim(piece));
    }
    if (kind != null) {
      throw new InputFileException(
          fileName,
          "line "
              + record.line()
              + " is malformed, and a value in it looks like "
              + kind
              + " (not shown: it is personal data); a malformed line is copied whole to rejects,"
              + " so the run stops: the input must be anonymized",
          InputFileException.EXIT_PRIVACY);
    }
  }

  /** Checks a required date column against {@code [min, max]}. */
  LocalDate date(Column column, LocalDate min, LocalDate max) {
    String value = value(column);
    if (value.isEmpty()) {
      return missing(column, true);
    }
    LocalDate date = Values.date(value);
    if (date == null) {
      return invalid(column);
    }
    if (date.isBefore(min) || date.isAfter(max)) {
      reject(column.outOfRangeCode());
      return null;
    }
    return date;
  }

  /** Checks an optional integer column against {@code [min, max]}. */
  Integer integer(Column column, int min, int max) {
    String value = value(column);
    if (value.isEmpty()) {
      return null;
    }
    long number = Values.plainInteger(value);
    if (number == Values.NOT_AN_INTEGER) {
      return invalid(column);
    }
    if (number < min || number > max) {
      reject(column.outOfRangeCode());
      return null;
    }
    return (int) number;
  }

  /** Checks an enumerated column; returns the lower-case allowed value. */
  String oneOf(Column column, boolean required, String[] allowed) {
    String value = value(column);
    if (value.isEmpty()) {
      return missing(column, required);
    }
    String match = Values.oneOf(value, allowed);
    return match != null ? match : invalid(column);
  }

  /** Checks an optional {@code |}-separated subset column; returns it normalized. */
  String subsetOf(Column column, String[] allowed) {
    String value = value(column);
    if (value.isEmpty()) {
      return null;
    }
    String normalized = Values.subsetOf(value, allowed);
    return normalized != null ? normalized : invalid(column);
  }

  /** Checks the required technique column; returns it normalized. */
  String technique() {
    String value = value(Column.TECHNIQUE);
    if (value.isEmpty()) {
      return missing(Column.TECHNIQUE, true);
    }
    String normalized = Values.technique(value);
    return normalized != null ? normalized : invalid(Column.TECHNIQUE);
  }

  /**
   * Checks the required score column; the range check needs a valid measure (null skips it).
   * Returns exact tenths when the score passes.
   */
  Integer scoreTenths(String measure) {
    String value = value(Column.SCORE);
    if (value.isEmpty()) {
      return missing(Column.SCORE, true);
    }
    ScoreValue score = ScoreValue.parse(value);
    if (score == null) {
      return invalid(Column.SCORE);
    }
    boolean passes = true;
    if (score.finerThanTenths()) {
      reject(SCORE_PRECISION);
      passes = false;
    }
    if (measure != null && !score.withinZeroTo(Vocabulary.measureMax(measure))) {
      reject(Column.SCORE.outOfRangeCode());
      passes = false;
    }
    return passes && measure != null ? (int) score.signedTenths() : null;
  }

  /** Returns the sorted, unmodifiable reason codes. */
  SortedSet<String> reasons() {
    return reasons == null
        ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(reasons);
  }

  /**
   * Returns the fingerprint of a record as UTF-8 bytes: for a record with reliable fields, {@code
   * F} then each trimmed field as its length in chars, {@code :} and its text; for one with broken
   * quoting, {@code R} and its raw text. Written as bytes directly (the hashes are taken of them):
   * building the text and then encoding it was 3 % of a 10M run's samples.
   */
  static byte[] fingerprint(CsvRecord record) {
    if (record.malformed()) {
      return ("R" + record.raw()).getBytes(StandardCharsets.UTF_8);
    }
    List<String> fields = record.fields();
    byte[] b = new byte[record.raw().length() + 4 * fields.size() + 8];
    int n = 0;
    b[n++] = 'F';
    for (int f = 0; f < fields.size(); f++) { // by index: see CsvFields
      String value = Values.trim(fields.get(f));
      int length = value.length();
      if (b.length - n < length + 11) {
        b = Arrays.copyOf(b, Math.max(2 * b.length, n + length + 11));
      }
      n = writeDecimal(b, n, length);
      b[n++] = ':';
      int i = 0;
      while (i < length && value.charAt(i) < 0x80) {
        b[n++] = (byte) value.charAt(i++);
      }
      if (i < length) { // the rest as the JDK encodes it (surrogates, unpaired ones as '?')
        byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
        if (b.length - n < rest.length) {
          b = Arrays.copyOf(b, Math.max(2 * b.length, n + rest.length + 16));
        }
        System.arraycopy(rest, 0, b, n, rest.length);
        n += rest.length;
      }
    }
    return n == b.length ? b : Arrays.copyOf(b, n);
  }

  /** Writes a non-negative int's decimal digits at {@code at}; returns the index after them. */
  private static int writeDecimal(byte[] b, int at, int value) {
    if (value < 10) { // a field's length: nearly always one or two digits
      b[at] = (byte) ('0' + value);
      return at + 1;
    }
    if (value < 100) {
      b[at] = (byte) ('0' + value / 10);
      b[at + 1] = (byte) ('0' + value % 10);
      return at + 2;
    }
    byte[] digits = Integer.toString(value).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, b, at, digits.length);
    return at + digits.length;
  }

  private <T> T missing(Column column, boolean required) {
    if (required) {
      reject(column.missingCode());
    }
    return null;
  }

  private <T> T invalid(Column column) {
    reject(column.invalidCode());
    return null;
  }

  private void reject(String code) {
    if (reasons == null) {
      reasons = new TreeSet<>();
    }
    reasons.add(code);
  }
}
