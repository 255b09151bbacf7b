package clinic.outcomes.generate;

import clinic.outcomes.core.Measure;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The three output files, written line by line through large buffers; formats ids, dates and scores
 * without {@code String.format} and counts the data rows of each file.
 */
final class CsvSink implements Closeable {

  /** Name of the sessions file. */
  static final String SESSIONS = "sessions.csv";

  /** Name of the pain-scores file. */
  static final String SCORES = "pain_scores.csv";

  /** Name of the clients file. */
  static final String CLIENTS = "clients.csv";

  /** Header of {@code sessions.csv}. */
  static final String SESSIONS_HEADER =
      "session_id,client_id,therapist_id,session_date,technique,duration_min,adverse_event,"
          + "home_exercise";

  /** Header of {@code pain_scores.csv}. */
  static final String SCORES_HEADER = "client_id,session_id,recorded_on,moment,measure,score";

  /** Header of {@code clients.csv}. */
  static final String CLIENTS_HEADER =
      "client_id,age_band,sex,condition,symptom_weeks,co_treatment,contraindications,"
          + "medical_clearance";

  private static final int BUFFER_CHARS = 1 << 16;

  private final Writer sessions;
  private final Writer scores;
  private final Writer clients;
  private final DateText dates;
  private final StringBuilder line = new StringBuilder(160);
  private char[] chars = new char[160];
  private long sessionRows;
  private long scoreRows;
  private long clientRows;
  private long lastSessionNumber;
  private String firstSessionRow;

  CsvSink(Path outDir, LocalDate start, LocalDate end) throws IOException {
    Files.createDirectories(outDir);
    this.dates = new DateText(start, end);
    this.sessions = open(outDir.resolve(SESSIONS), SESSIONS_HEADER);
    this.scores = open(outDir.resolve(SCORES), SCORES_HEADER);
    this.clients = open(outDir.resolve(CLIENTS), CLIENTS_HEADER);
  }

  private static Writer open(Path file, String header) throws IOException {
    Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            BUFFER_CHARS);
    writer.write(header);
    writer.write('\n');
    return writer;
  }

  /** The next session id, {@code S} and at least 8 digits, numbered from 1 in writing order. */
  String nextSessionId() {
    lastSessionNumber++;
    StringBuilder id = new StringBuilder(10);
    appendPadded(id, 'S', lastSessionNumber, 8);
    return id.toString();
  }

  /** The client id of client {@code index} (0-based): {@code C} and at least 7 digits. */
  static String clientId(long index) {
    StringBuilder id = new StringBuilder(9);
    appendPadded(id, 'C', index + 1, 7);
    return id.toString();
  }

  /** Writes one session row; {@code durationMin} 0 and null texts are written empty. */
  void session(
      String sessionId,
      String clientId,
      String therapistId,
      int epochDay,
      String technique,
      int durationMin,
      String adverseEvent,
      String homeExercise)
      throws IOException {
    line.setLength(0);
    line.append(sessionId).append(',').append(clientId).append(',');
    appendText(therapistId).append(',').append(dates.text(epochDay)).append(',');
    line.append(technique).append(',');
    if (durationMin > 0) {
      line.append(durationMin);
    }
    line.append(',');
    appendText(adverseEvent).append(',');
    appendText(homeExercise);
    if (firstSessionRow == null) {
      firstSessionRow = line.toString();
    }
    flushLine(sessions);
    sessionRows++;
  }

  /** The first session row written (without line end), or null before any. */
  String firstSessionRow() {
    return firstSessionRow;
  }

  /** Writes one score row; a null {@code sessionId} is written empty. */
  void score(
      String clientId, String sessionId, int epochDay, String moment, Measure measure, int tenths)
      throws IOException {
    line.setLength(0);
    line.append(clientId).append(',');
    appendText(sessionId).append(',').append(dates.text(epochDay)).append(',');
    line.append(moment).append(',').append(measure.code()).append(',');
    line.append(tenths / 10);
    if (tenths % 10 != 0) {
      line.append('.').append(tenths % 10);
    }
    flushLine(scores);
    scoreRows++;
  }

  /** Writes one clients row from its already joined fields. */
  void client(String row) throws IOException {
    clients.write(row);
    clients.write('\n');
    clientRows++;
  }

  /**
   * Appends a raw line (no checks) to {@code file}, one of the three file names, and returns its
   * physical line number (the header is line 1).
   */
  long raw(String file, String text) throws IOException {
    switch (file) {
      case SESSIONS -> {
        sessions.write(text);
        sessions.write('\n');
        sessionRows++;
      }
      case SCORES -> {
        scores.write(text);
        scores.write('\n');
        scoreRows++;
      }
      case CLIENTS -> {
        clients.write(text);
        clients.write('\n');
        clientRows++;
      }
      default -> throw new IllegalArgumentException("unknown file: " + file);
    }
    return rows(file) + 1;
  }

  /** Data rows written so far to {@code file} (the header not counted). */
  long rows(String file) {
    return switch (file) {
      case SESSIONS -> sessionRows;
      case SCORES -> scoreRows;
      case CLIENTS -> clientRows;
      default -> throw new IllegalArgumentException("unknown file: " + file);
    };
  }

  /** The {@code YYYY-MM-DD} text of an epoch day inside the window. */
  String date(int epochDay) {
    return dates.text(epochDay);
  }

  @Override
  public void close() throws IOException {
    try (Writer a = sessions;
        Writer b = scores;
        Writer c = clients) {
      a.flush();
      b.flush();
      c.flush();
    }
  }

  private StringBuilder appendText(String text) {
    return text == null ? line : line.append(text);
  }

  private void flushLine(Writer writer) throws IOException {
    line.append('\n');
    int length = line.length();
    if (chars.length < length) {
      chars = new char[2 * length];
    }
    line.getChars(0, length, chars, 0);
    writer.write(chars, 0, length);
  }

  private static void appendPadded(StringBuilder out, char prefix, long number, int width) {
    out.append(prefix);
    String digits = Long.toString(number);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }
}
