package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CSV file read in pieces (first pass: {@link CsvPieceScan}, chained from the file's start;
 * second pass: {@link CsvRange} and {@link CsvRecordReader#openAt}) gives exactly the records of
 * one sequential read, for every piece size: so records, quoted line breaks, CRLF pairs, broken
 * quoting and multi-byte characters are cut at every possible byte.
 */
class CsvPiecesTest {
  /** Reads {@code bytes} in pieces of {@code size} bytes, the way the ingest stage does. */
  static List<CsvRecord> readInPieces(byte[] bytes, int size) throws IOException {
    List<CsvPieceScan> scans = new ArrayList<>();
    for (int start = 0; start == 0 || start < bytes.length; start += size) {
      int end = Math.min(bytes.length, start + size);
      scans.add(CsvPieceScan.scan(at(bytes, start), prev(bytes, start), end - start, start == 0));
    }
    List<CsvRecord> all = new ArrayList<>();
    int state = CsvCuts.RECORD_START;
    long line = 1;
    for (int i = 0; i < scans.size(); i++) {
      int start = i * size;
      int end = Math.min(bytes.length, start + size);
      int endState = scans.get(i).endStates()[state];
      CsvRange range =
          new CsvRange(at(bytes, start), start, end, prev(bytes, start), state, endState);
      try (CsvRecordReader reader =
          start == 0
              ? CsvRecordReader.open(range, "test.csv")
              : CsvRecordReader.openAt(range, "test.csv", line + range.skippedLineBreaks(), 2)) {
        reader.forEachRemaining(all::add);
      }
      state = endState;
      line += scans.get(i).lineBreaks();
    }
    return all;
  }

  private static InputStream at(byte[] bytes, int start) {
    return new ByteArrayInputStream(bytes, start, bytes.length - start);
  }

  private static int prev(byte[] bytes, int start) {
    return start == 0 ? -1 : bytes[start - 1] & 0xff;
  }

  private static CsvRecord rec(long line, String raw, boolean malformed, String... fields) {
    return new CsvRecord(line, raw, List.of(fields), malformed);
  }

  // BOM; CRLF; a quoted CRLF and LF; a blank line; a lone CR; escaped quotes; broken quoting
  // (a quote inside an unquoted field, text after a closing quote, a quote after that);
  // blanks before a quote; 2-, 3- and 4-byte characters; no line break at the end.
  private static final String TRICKY =
      "\uFEFFa,b\r\n"
          + "1,\"x\r\ny\"\r\n"
          + "\r\n"
          + "é,\"q\"\"\n\"\"\"\r"
          + "2,a\"b\n"
          + "\"c\"d\"e,3\n"
          + "  \"€\" ,\"\uD83D\uDE00,\n\"\n"
          + "\n"
          + "last,\"\"";

  /** The records of {@link #TRICKY}, worked out by hand (physical lines, raw text, fields). */
  private static final List<CsvRecord> TRICKY_RECORDS =
      List.of(
          rec(2, "1,\"x\r\ny\"", false, "1", "x\r\ny"),
          rec(5, "é,\"q\"\"\n\"\"\"", false, "é", "q\"\n\""),
          rec(7, "2,a\"b", true, "2", "a\"b"),
          rec(8, "\"c\"d\"e,3", true, "c", "3"),
          rec(9, "  \"€\" ,\"\uD83D\uDE00,\n\"", false, "€", "\uD83D\uDE00,\n"),
          rec(12, "last,\"\"", false, "last", ""));

  @Test
  void sequentialReadMatchesTheHandWorkedRecords() {
    assertEquals(TRICKY_RECORDS, Fixtures.records(TRICKY, 64));
  }

  @Test
  void everyPieceSizeGivesTheSameRecords() throws IOException {
    byte[] bytes = utf8(TRICKY);
    for (int size = 4; size <= bytes.length + 1; size++) {
      assertEquals(TRICKY_RECORDS, readInPieces(bytes, size), "pieces of " + size + " bytes");
    }
  }

  @Test
  void anUnclosedQuoteIsReportedByThePieceWhereItsRecordStarts() {
    byte[] bytes = utf8("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
    for (int size = 4; size <= bytes.length; size++) {
      int s = size;
      InputFileException e =
          assertThrows(InputFileException.class, () -> readInPieces(bytes, s), "size " + size);
      assertEquals(
          "test.csv: the quoted field in the record starting on line 3 is never closed (a closing"
              + " quote is missing).",
          e.getMessage());
    }
  }

  @Test
  void notUtf8IsReportedOnItsLineWhateverThePieces() {
    byte[] bytes =
        Fixtures.concat(utf8("a,b\n1,2\n3,"), new byte[] {(byte) 0xC3, 0x28}, utf8("\n"));
    for (int size = 4; size <= bytes.length; size++) {
      int s = size;
      InputFileException e =
          assertThrows(InputFileException.class, () -> readInPieces(bytes, s), "size " + size);
      assertEquals("test.csv: line 3 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
    }
  }

  @Test
  void thePiecesHashesChainToTheFileHash() throws Exception {
    byte[] bytes = utf8(TRICKY);
    CsvPieceScan whole = CsvPieceScan.scan(at(bytes, 0), -1, bytes.length, true);
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        HexFormat.of().formatHex(whole.sha256()));
    assertEquals(11, whole.lineBreaks(), "12 physical lines, the last without a break");
    assertNotNull(whole.endStates());
  }
}
