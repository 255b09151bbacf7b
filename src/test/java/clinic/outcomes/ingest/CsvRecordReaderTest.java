package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.Fixtures.concat;
import static clinic.outcomes.ingest.Fixtures.records;
import static clinic.outcomes.ingest.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reader: RFC 4180 parsing, physical line numbers, raw text, whole-file errors. */
class CsvRecordReaderTest {
  @TempDir Path dir;

  private static CsvRecord record(long line, String raw, String... fields) {
    return new CsvRecord(line, raw, List.of(fields), false);
  }

  private static CsvRecord malformed(long line, String raw, String... fields) {
    return new CsvRecord(line, raw, List.of(fields), true);
  }

  private List<CsvRecord> readFile(Path file) {
    List<CsvRecord> all = new ArrayList<>();
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      reader.forEachRemaining(all::add);
    }
    return all;
  }

  @Test
  void headerAndRecords() {
    Path file = Fixtures.write(dir, "sessions.csv", "a,b\n1,2\n3,4\n");
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      assertEquals(List.of("a", "b"), reader.header());
      assertEquals("sessions.csv", reader.fileName());
      assertEquals(record(2, "1,2", "1", "2"), reader.next());
      assertEquals(record(3, "3,4", "3", "4"), reader.next());
      assertFalse(reader.hasNext());
      assertThrows(NoSuchElementException.class, reader::next);
    }
  }

  @Test
  void blankLinesAndQuotedLineBreaksCountAsPhysicalLines() {
    // line 1 header, 2 blank, 3 record, 4-5 one record with a quoted line break, 6-7 blank, 8.
    String text = "h1,h2\n\na,b\n\"x\ny\",c\n\n\nd,e";
    assertEquals(
        List.of(
            record(3, "a,b", "a", "b"),
            record(4, "\"x\ny\",c", "x\ny", "c"),
            record(8, "d,e", "d", "e")),
        records(text, 1 << 16));
  }

  @Test
  void crlfLineEndsAndQuotedCrlfAreKeptInRawAndValue() {
    String text = "h1,h2\r\na,b\r\n\r\n\"p\r\nq\",r\r\ns,t\r\n";
    assertEquals(
        List.of(
            record(2, "a,b", "a", "b"),
            record(4, "\"p\r\nq\",r", "p\r\nq", "r"),
            record(6, "s,t", "s", "t")),
        records(text, 1 << 16));
  }

  @Test
  void loneCarriageReturnEndsALine() {
    assertEquals(
        List.of(record(2, "a", "a"), record(4, "b", "b")), records("h\ra\r\rb\r", 1 << 16));
  }

  @Test
  void leadingBlankLinesBeforeTheHeaderAreSkippedButCounted() {
    assertEquals(List.of(record(3, "1", "1")), records("\nh\n1\n", 1 << 16));
  }

  @Test
  void byteOrderMarkIsSkippedOnlyAtTheStart() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path file = Fixtures.writeBytes(dir, "bom.csv", concat(bom, utf8("id,x\n\uFEFF1,2\n")));
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      assertEquals(List.of("id", "x"), reader.header());
      assertEquals(record(2, "\uFEFF1,2", "\uFEFF1", "2"), reader.next());
    }
  }

  @Test
  void quotingEscapesSeparatorsAndEmptyFields() {
    String text = "h\n\"a\"\"b\",\"\",\"c,d\",,e,\n";
    assertEquals(
        List.of(record(2, "\"a\"\"b\",\"\",\"c,d\",,e,", "a\"b", "", "c,d", "", "e", "")),
        records(text, 1 << 16));
  }

  @Test
  void unquotedSpacesAreKeptAndSpacesAroundQuotesAreTolerated() {
    String text = "h\n a ,b\t\n  \"x,y\"  ,z\n";
    assertEquals(
        List.of(record(2, " a ,b\t", " a ", "b\t"), record(3, "  \"x,y\"  ,z", "x,y", "z")),
        records(text, 1 << 16));
  }

  @Test
  void strayQuoteMakesOnlyThatRecordMalformed() {
    String text = "h1,h2\na\"b,c\nd,e\n\"f\"g,h\ni,j\n\"k\"\"\"l,m\n";
    List<CsvRecord> all = records(text, 1 << 16);
    assertEquals(5, all.size());
    assertEquals(malformed(2, "a\"b,c", "a\"b", "c"), all.get(0));
    assertEquals(record(3, "d,e", "d", "e"), all.get(1));
    assertTrue(all.get(2).malformed(), "garbage after a closing quote");
    assertEquals(4, all.get(2).line());
    assertEquals("\"f\"g,h", all.get(2).raw());
    assertEquals(2, all.get(2).fields().size());
    assertEquals(record(5, "i,j", "i", "j"), all.get(3));
    assertTrue(all.get(4).malformed(), "\"k\"\"\" closes after k\"\" and then l follows");
  }

  @Test
  void lastRecordWithoutLineTerminatorIsRead() {
    assertEquals(List.of(record(2, "1,2", "1", "2")), records("a,b\n1,2", 1 << 16));
    assertEquals(List.of(), records("a,b\n", 1 << 16));
    assertEquals(List.of(), records("a,b", 1 << 16));
  }

  @Test
  void multiByteCharactersSurviveAnyBufferSize() {
    String text = "name\nJosé,\"Zoë\nñ\",😀x\nend\n";
    List<CsvRecord> expected = records(text, 1 << 16);
    assertEquals(record(2, "José,\"Zoë\nñ\",😀x", "José", "Zoë\nñ", "😀x"), expected.get(0));
    for (int size = 2; size < 12; size++) {
      assertEquals(expected, records(text, size), "buffer of " + size + " chars");
    }
  }

  @Test
  void tinyBuffersGiveTheSameRecords() {
    String text =
        "\uFEFFh1,h2,h3\r\n\r\n \"a\"\"b\" ,\"c\r\nd\",e\n\nf\"g,h,i\r\"j\"k,,\n\"\",\"\",\"\"\n"
            + "long-unquoted-field-value-0123456789,x,\"quoted, long field with \"\"quotes\"\"\"\n"
            + "last,row,without terminator";
    List<CsvRecord> expected = records(text, 1 << 16);
    assertEquals(6, expected.size());
    assertEquals(List.of(3L, 6L, 7L, 8L, 9L, 10L), expected.stream().map(CsvRecord::line).toList());
    for (int size = 2; size < 40; size++) {
      assertEquals(expected, records(text, size), "buffer of " + size + " chars");
    }
  }

  @Test
  void emptyOrBlankFileHasNoHeader() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    for (byte[] content : List.of(new byte[0], bom, utf8("\n\r\n\n"))) {
      Path file = Fixtures.writeBytes(dir, "pain_scores.csv", content);
      InputFileException e =
          assertThrows(InputFileException.class, () -> CsvRecordReader.open(file));
      assertEquals(2, e.exitCode());
      assertEquals("pain_scores.csv", e.file());
      assertEquals(
          "pain_scores.csv: has no header row (the file is empty or blank).", e.getMessage());
    }
  }

  @Test
  void unterminatedQuoteAtEndOfFileStopsTheRunNamingTheRecordsLine() {
    Path file = Fixtures.write(dir, "sessions.csv", "h1,h2\na,b\n\nc,\"d\ne\nf\n");
    InputFileException e = assertThrows(InputFileException.class, () -> readFile(file));
    assertEquals(2, e.exitCode());
    assertEquals(
        "sessions.csv: the quoted field in the record starting on line 4 is never closed"
            + " (a closing quote is missing).",
        e.getMessage());
  }

  @Test
  void invalidUtf8StopsTheRunNamingFileAndLine() {
    byte[] bytes = concat(utf8("h1,h2\na,b\n\"c\nd\",e\nf,"), new byte[] {(byte) 0xFF}, utf8("\n"));
    Path file = Fixtures.writeBytes(dir, "sessions.csv", bytes);
    InputFileException e = assertThrows(InputFileException.class, () -> readFile(file));
    assertEquals(2, e.exitCode());
    assertEquals(
        "sessions.csv: line 5 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
  }

  @Test
  void invalidUtf8IsFoundOnTheRightLineAcrossManyBuffers() {
    StringBuilder text = new StringBuilder("h1,h2\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("row-").append(i).append(",é\n");
    }
    byte[] bytes = concat(utf8(text.toString()), new byte[] {'x', (byte) 0xC3, '\n'});
    Path file = Fixtures.writeBytes(dir, "clients.csv", bytes);
    InputFileException e = assertThrows(InputFileException.class, () -> readFile(file));
    assertEquals(
        "clients.csv: line 20002 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
  }

  @Test
  void invalidUtf8KindsAllStopTheRun() {
    byte[][] bad = {
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
      {(byte) 0x80}, // lone continuation byte
      {(byte) 0xE2, (byte) 0x82}, // truncated at end of file
    };
    for (byte[] b : bad) {
      Path file = Fixtures.writeBytes(dir, "x.csv", concat(utf8("h\n\nv"), b));
      InputFileException e = assertThrows(InputFileException.class, () -> readFile(file));
      assertEquals("x.csv: line 3 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
    }
  }

  @Test
  void invalidUtf8InTheHeaderAndUtf16AreRefused() {
    Path utf16 = Fixtures.writeBytes(dir, "a.csv", new byte[] {(byte) 0xFF, (byte) 0xFE, 'h', 0});
    InputFileException e =
        assertThrows(InputFileException.class, () -> CsvRecordReader.open(utf16));
    assertEquals("a.csv: line 1 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
    Path noBom = Fixtures.writeBytes(dir, "b.csv", new byte[] {'h', 0, ',', 0, 'i', 0, '\n', 0});
    e = assertThrows(InputFileException.class, () -> CsvRecordReader.open(noBom));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().startsWith("b.csv: is not UTF-8 text"), e.getMessage());
  }

  @Test
  void malformedHeaderStopsTheRun() {
    Path file = Fixtures.write(dir, "sessions.csv", "session_id,cli\"ent_id\n");
    InputFileException e = assertThrows(InputFileException.class, () -> CsvRecordReader.open(file));
    assertEquals(2, e.exitCode());
    assertEquals(
        "sessions.csv: the header on line 1 is not valid CSV (a stray quote).", e.getMessage());
  }

  @Test
  void missingFileAndFolderStopTheRun() {
    InputFileException missing =
        assertThrows(
            InputFileException.class, () -> CsvRecordReader.open(dir.resolve("sessions.csv")));
    assertEquals(2, missing.exitCode());
    assertTrue(missing.getMessage().startsWith("sessions.csv: is missing"), missing.getMessage());
    InputFileException folder =
        assertThrows(InputFileException.class, () -> CsvRecordReader.open(dir));
    assertEquals(2, folder.exitCode());
    assertTrue(folder.getMessage().endsWith("is a folder, not a CSV file."), folder.getMessage());
  }

  @Test
  void overlongRecordMeansNotCsv() {
    String text = "h\n\"" + "a".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10) + "\"\n";
    CsvRecordReader reader =
        CsvRecordReader.open(new ByteArrayInputStream(utf8(text)), "pain_scores.csv");
    InputFileException e = assertThrows(InputFileException.class, reader::next);
    assertEquals(2, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("pain_scores.csv: the record starting on line 2 is longer than"),
        e.getMessage());
    reader.close();
  }
}
