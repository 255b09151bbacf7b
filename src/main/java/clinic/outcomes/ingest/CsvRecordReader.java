package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.InputFileException.contract;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streaming RFC 4180 reader: {@code ,} separator, {@code "} quoting with {@code ""} as an escaped
 * quote, quoted fields may hold line breaks and separators. Holds one record at a time.
 *
 * <p>Line terminators: {@code CRLF}, {@code LF} and a lone {@code CR} each end one physical line. A
 * line with no characters at all is blank: no record, but it counts as a physical line. A leading
 * UTF-8 byte order mark is skipped; the header is the first non-blank record.
 *
 * <p>Spaces and tabs around a quoted field are tolerated ({@code "a" ,b}); the field's value is the
 * quoted text. A quote inside an unquoted field ({@code a"b}) or other characters after a closing
 * quote ({@code "a"b}) make that record {@linkplain CsvRecord#malformed() malformed}; the reader
 * continues with the next line.
 *
 * <p>Whole-file problems throw {@link InputFileException} with exit code 2: a missing or unreadable
 * file, bytes that are not UTF-8 (the message names the line), NUL characters in the header (UTF-16
 * or binary), no header, a malformed header, a quoted field still open at the end of the file, or a
 * record longer than {@value #MAX_RECORD_CHARS} characters. Not thread-safe.
 */
public final class CsvRecordReader implements Closeable, Iterator<CsvRecord> {
  /** The longest record accepted, in characters; longer means the file is not CSV. */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  private static final int DEFAULT_BUFFER_CHARS = 1 << 16;
  private static final char BOM = '\uFEFF';

  private final String fileName;
  private final Utf8Source source;
  private char[] buf;
  private int pos;
  private int limit;

  /** Start of the record being read (kept in the buffer on refill), or -1 between records. */
  private int mark = -1;

  /** Start of the field being read; moved with the buffer's contents on refill. */
  private int fieldStart;

  private long line;
  private long recordLine;
  private boolean recordMalformed;
  private List<String> header;
  private String[] fields = new String[16]; // the record being read's; each record gets a copy

  private CsvRecord lookahead;
  private boolean lookaheadReady;

  private CsvRecordReader(InputStream in, String fileName, int bufferChars, long firstLine) {
    this.source = new Utf8Source(in, fileName);
    this.fileName = fileName;
    this.buf = new char[bufferChars];
    this.line = firstLine;
  }

  /**
   * Opens a CSV file and reads its header record. The file is named by its file name in messages.
   *
   * @throws InputFileException (exit 2) if the file is missing, unreadable or has no valid header
   */
  public static CsvRecordReader open(Path file) {
    Path name = file.getFileName();
    String fileName = name == null ? file.toString() : name.toString();
    return open(LocalFiles.open(file, fileName), fileName);
  }

  /**
   * Reads CSV from a stream (closed by {@link #close()}) and reads its header record.
   *
   * @param fileName the name used in messages
   * @throws InputFileException (exit 2) if the stream has no valid header
   */
  public static CsvRecordReader open(InputStream in, String fileName) {
    return open(in, fileName, DEFAULT_BUFFER_CHARS);
  }

  /** As {@link #open(InputStream, String)} with a given initial buffer size (for tests). */
  static CsvRecordReader open(InputStream in, String fileName, int bufferChars) {
    CsvRecordReader reader = new CsvRecordReader(in, fileName, Math.max(2, bufferChars), 1);
    try {
      reader.readHeader();
    } catch (RuntimeException e) {
      reader.closeQuietly();
      throw e;
    }
    return reader;
  }

  /**
   * Reads the records of a piece of a CSV file that starts between two records ({@link CsvRange}):
   * no byte order mark, no header; the first physical line is {@code firstLine}. {@link #header()}
   * is null.
   *
   * @param fieldCount the header's field count (a hint for the records' size)
   */
  public static CsvRecordReader openAt(
      InputStream in, String fileName, long firstLine, int fieldCount) {
    CsvRecordReader reader = new CsvRecordReader(in, fileName, DEFAULT_BUFFER_CHARS, firstLine);
    reader.fields = new String[Math.max(1, fieldCount)];
    return reader;
  }

  /** Returns the header's fields as written (unquoted, not trimmed), unmodifiable. */
  public List<String> header() {
    return header;
  }

  /** Returns the file name used in messages. */
  public String fileName() {
    return fileName;
  }

  /**
   * Tells whether another record follows, reading it ahead.
   *
   * @throws InputFileException (exit 2) if the file turns out not to be valid UTF-8 or CSV
   */
  @Override
  public boolean hasNext() {
    if (!lookaheadReady) {
      lookahead = readRecord();
      lookaheadReady = true;
    }
    return lookahead != null;
  }

  /**
   * Returns the next record.
   *
   * @throws NoSuchElementException at the end of the file
   * @throws InputFileException (exit 2) if the file turns out not to be valid UTF-8 or CSV
   */
  @Override
  public CsvRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + fileName);
    }
    lookaheadReady = false;
    CsvRecord record = lookahead;
    lookahead = null;
    return record;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() {
    try {
      source.close();
    } catch (IOException e) {
      throw contract(fileName, "cannot be closed (" + e.getMessage() + ")");
    }
  }

  /** Returns the current buffer capacity in characters (for tests: it stays bounded). */
  int bufferCapacity() {
    return buf.length;
  }

  private void readHeader() {
    if (ensure() && buf[pos] == BOM) {
      pos++;
    }
    CsvRecord record = readRecord();
    if (record == null) {
      throw contract(fileName, "has no header row (the file is empty or blank)");
    }
    if (record.malformed()) {
      throw contract(
          fileName, "the header on line " + record.line() + " is not valid CSV (a stray quote)");
    }
    for (String name : record.fields()) {
      if (name.indexOf('\u0000') >= 0) {
        throw contract(fileName, "is not UTF-8 text (its header holds NUL characters; UTF-16?)");
      }
    }
    header = record.fields();
    fields = new String[Math.max(1, header.size())];
  }

  private CsvRecord readRecord() {
    if (!skipBlankLines()) {
      return null;
    }
    recordLine = line;
    mark = pos;
    recordMalformed = false;
    int n = 0;
    while (true) {
      fields = n < fields.length ? fields : Arrays.copyOf(fields, 2 * n);
      fields[n++] = readField();
      if (!ensure() || buf[pos] != ',') {
        break;
      }
      pos++;
    }
    String raw = new String(buf, mark, pos - mark);
    mark = -1;
    consumeLineEnd();
    return new CsvRecord(recordLine, raw, new CsvFields(Arrays.copyOf(fields, n)), recordMalformed);
  }

  private boolean skipBlankLines() {
    while (ensure()) {
      char c = buf[pos];
      if (c == '\n' || c == '\r') {
        consumeLineEnd();
      } else {
        return true;
      }
    }
    return false;
  }

  /** Consumes one line terminator (CRLF, LF or CR) if one is at pos. */
  private void consumeLineEnd() {
    if (!ensure()) {
      return;
    }
    char c = buf[pos];
    if (c == '\n') {
      pos++;
      line++;
    } else if (c == '\r') {
      pos++;
      line++;
      if (ensure() && buf[pos] == '\n') {
        pos++;
      }
    }
  }

  /** Reads one field; leaves pos at the separator, a line terminator or the end of input. */
  private String readField() {
    fieldStart = pos;
    while (ensure() && (buf[pos] == ' ' || buf[pos] == '\t')) {
      pos++;
    }
    if (ensure() && buf[pos] == '"') {
      return readQuotedField();
    }
    pos = fieldStart;
    scanUnquoted();
    return pos == fieldStart ? "" : new String(buf, fieldStart, pos - fieldStart);
  }

  /** Advances pos to the next separator or line terminator; a quote makes the record malformed. */
  private void scanUnquoted() {
    while (true) {
      char[] b = buf;
      int p = pos;
      int end = limit;
      while (p < end) {
        char c = b[p];
        if (c == ',' || c == '\n' || c == '\r') {
          pos = p;
          return;
        }
        if (c == '"') {
          recordMalformed = true;
        }
        p++;
      }
      pos = p;
      if (!fill()) {
        return;
      }
    }
  }

  private String readQuotedField() {
    pos++;
    int contentOffset = pos - fieldStart;
    int contentEndOffset;
    boolean escaped = false;
    while (true) {
      if (!ensure()) {
        throw contract(
            fileName,
            "the quoted field in the record starting on line "
                + recordLine
                + " is never closed (a closing quote is missing)");
      }
      char c = buf[pos++];
      if (c == '"') {
        if (ensure() && buf[pos] == '"') {
          escaped = true;
          pos++;
        } else {
          contentEndOffset = pos - 1 - fieldStart;
          break;
        }
      } else if (c == '\n') {
        line++;
      } else if (c == '\r') {
        line++;
        if (ensure() && buf[pos] == '\n') {
          pos++;
        }
      }
    }
    String value = new String(buf, fieldStart + contentOffset, contentEndOffset - contentOffset);
    skipTrailingBlanks();
    return escaped ? value.replace("\"\"", "\"") : value;
  }

  private void skipTrailingBlanks() {
    while (ensure() && (buf[pos] == ' ' || buf[pos] == '\t')) {
      pos++;
    }
    if (ensure() && buf[pos] != ',' && buf[pos] != '\n' && buf[pos] != '\r') {
      recordMalformed = true;
      scanUnquoted();
    }
  }

  private boolean ensure() {
    return pos < limit || fill();
  }

  /**
   * Decodes more characters into the buffer, keeping the current record. Returns false at the end
   * of input.
   */
  private boolean fill() {
    if (source.undecodable()) {
      throw notUtf8();
    }
    if (source.exhausted()) {
      return false;
    }
    int before = limit;
    boolean grow = false;
    while (limit == before && !source.exhausted() && !source.undecodable()) {
      makeRoom(grow);
      before = limit;
      CharBuffer out = CharBuffer.wrap(buf, limit, buf.length - limit);
      source.decodeInto(out, line);
      limit = out.position();
      grow = true; // no room for a surrogate pair: the next round grows the buffer
    }
    if (limit > before) {
      return true;
    }
    if (source.undecodable()) {
      throw notUtf8();
    }
    return false;
  }

  private InputFileException notUtf8() {
    return contract(fileName, "line " + line + " is not valid UTF-8 (save the file as UTF-8)");
  }

  private void makeRoom(boolean grow) {
    int keep = mark >= 0 ? mark : pos;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      limit -= keep;
      pos -= keep;
      fieldStart -= keep;
      if (mark >= 0) {
        mark -= keep;
      }
    }
    if (limit == buf.length || (grow && limit + 1 >= buf.length)) {
      if (buf.length >= MAX_RECORD_CHARS) {
        throw contract(
            fileName,
            "the record starting on line "
                + recordLine
                + " is longer than "
                + MAX_RECORD_CHARS
                + " characters, so the file is not CSV (or a closing quote is missing)");
      }
      char[] bigger = new char[Math.min(MAX_RECORD_CHARS, buf.length * 2)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
  }

  private void closeQuietly() {
    try {
      source.close();
    } catch (IOException e) {
      // the open failure is the message that matters
    }
  }
}
