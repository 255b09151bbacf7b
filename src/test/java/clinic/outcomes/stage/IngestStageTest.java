package clinic.outcomes.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.ingest.InputFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest stage on the executors: exact rows, physical line numbers, raw text and row-rule
 * reasons of tiny files, the same whatever the piece size (pieces of 4 bytes cut every record, the
 * quoted CRLF, the CRLF pairs and the multi-byte characters) and however many pieces (1, 2, 7); and
 * the first problem in file order reported whatever the pieces.
 */
class IngestStageTest {
  @TempDir Path tmp;
  private final SparkSession spark = SharedSpark.get();

  private static final String SESSIONS =
      "session_id,client_id,therapist_id,session_date,technique,duration_min,adverse_event,"
          + "home_exercise,note\r\n"
          + "S1,C1,T1,2025-01-06,trigger_point,60,none,yes,\"première\r\nséance\"\r\n"
          + "S2,C1,T1,2025-01-13,trigger_point,5,none,no,€\r\n"
          + "\r\n"
          + "S3,C2,T2,2025-01-14,swedish,45,,,\"a \"\"quoted\"\" note\"\n"
          + "S4,C2,T2,bad-date,swedish,45,none,no,x\n"
          + "S5,C2,T2,2025-01-20,swedish,45,none,no\n";

  private static final String SCORES =
      "client_id,session_id,recorded_on,moment,measure,score\n"
          + "C1,S1,2025-01-06,before,nrs_pain,6\n"
          + "C1,S1,2025-01-06,after,nrs_pain,11\n";

  /** Worked out by hand: line, session_id, row reasons, raw text. */
  private static final List<String> SESSION_ROWS =
      List.of(
          "2|S1||S1,C1,T1,2025-01-06,trigger_point,60,none,yes,\"première\r\nséance\"",
          "4|S2|duration_min_out_of_range|S2,C1,T1,2025-01-13,trigger_point,5,none,no,€",
          "6|S3||S3,C2,T2,2025-01-14,swedish,45,,,\"a \"\"quoted\"\" note\"",
          "7|S4|invalid_session_date|S4,C2,T2,bad-date,swedish,45,none,no,x",
          "8|null|malformed_row|S5,C2,T2,2025-01-20,swedish,45,none,no");

  private static final List<String> SCORE_ROWS =
      List.of(
          "2|S1||C1,S1,2025-01-06,before,nrs_pain,6",
          "3|S1|score_out_of_range|C1,S1,2025-01-06,after,nrs_pain,11");

  @AfterEach
  void defaultPieces() {
    spark.conf().unset(IngestStage.PIECE_BYTES_SETTING);
  }

  private Path input(String sessions, String scores) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("sessions.csv"), sessions, StandardCharsets.UTF_8);
    Files.writeString(in.resolve("pain_scores.csv"), scores, StandardCharsets.UTF_8);
    return in;
  }

  private Ingested ingest(Path in, long pieceBytes, String run) {
    spark.conf().set(IngestStage.PIECE_BYTES_SETTING, Long.toString(pieceBytes));
    org.apache.hadoop.fs.Path staging =
        new org.apache.hadoop.fs.Path(tmp.resolve("staging-" + run).toUri());
    return new IngestStage(spark, in.toString(), staging, LocalDate.of(2025, 6, 30)).run();
  }

  /**
   * The records a Spark run's ingest hands on for {@code f} (the pass's shuffle reads them; no
   * staging copy), read here by a job of their own, in line order.
   */
  private static List<String> rows(Ingested in, StagedFile f) {
    StructType schema = f.stagingSchema();
    List<String> rows = new ArrayList<>();
    for (FileRecords r : in.reading().files()) {
      if (r.table().equals(f.table())) {
        List<Object[]> records = new ArrayList<>(r.records().collect());
        records.sort(java.util.Comparator.comparingLong(v -> (Long) v[schema.fieldIndex("line")]));
        for (Object[] v : records) {
          rows.add(text(v, schema));
        }
      }
    }
    return rows;
  }

  @Test
  void sameRowsAndLinesWhateverThePieces() throws Exception {
    Path in = input(SESSIONS, SCORES);
    int length = SESSIONS.getBytes(StandardCharsets.UTF_8).length;
    List<Long> sizes = new ArrayList<>(List.of(4L, 13L, 64L, IngestStage.DEFAULT_PIECE_BYTES));
    for (int pieces : new int[] {1, 2, 7}) {
      sizes.add((long) Math.ceil(length / (double) pieces));
    }
    for (long size : sizes) {
      Ingested staged = ingest(in, size, "" + size);
      assertEquals(SESSION_ROWS, rows(staged, staged.sessions()), "pieces of " + size + " bytes");
      assertEquals(SCORE_ROWS, rows(staged, staged.painScores()), "pieces of " + size + " bytes");
      assertEquals(5, staged.sessions().read());
      assertEquals(2, staged.painScores().read());
      assertEquals(List.of("note"), staged.sessions().unknownColumns());
      assertNull(staged.clients());
    }
  }

  /**
   * The rejects' raw text is read again from the pieces that may hold each line (a record belongs
   * to the piece its first byte lies in; a piece's records start on lines from its first line to
   * the next piece's): every line asked for is found once, whatever the pieces; a line inside a
   * quoted field (3) or a blank one (5) starts no record and finds nothing.
   */
  @Test
  void theRawTextOfAnyRecordIsReadAgainOnceWhateverThePieces() throws Exception {
    Path in = input(SESSIONS, SCORES);
    List<String> expected = new ArrayList<>();
    for (String r : SESSION_ROWS) {
      String[] p = r.split("\\|", 4);
      expected.add(p[0] + "|" + p[3]);
    }
    for (long size : new long[] {4, 13, 64, IngestStage.DEFAULT_PIECE_BYTES}) {
      Ingested staged = ingest(in, size, "raw-" + size);
      List<String> found = new ArrayList<>();
      for (Object[] v :
          staged
              .reading()
              .raw("sessions", new long[] {2, 3, 4, 5, 6, 7, 8}, new Configuration())
              .collect()) {
        found.add(v[0] + "|" + v[1]);
      }
      found.sort(java.util.Comparator.comparingLong(t -> Long.parseLong(t.split("\\|")[0])));
      assertEquals(expected, found, "pieces of " + size + " bytes");
    }
  }

  /** An input that changed size since it was read stops the run before its rejects are read. */
  @Test
  void aFileThatChangedBeforeItsRejectsAreReadAgainIsNamed() throws Exception {
    Path in = input(SESSIONS, SCORES);
    Ingested staged = ingest(in, 64, "changed");
    Files.writeString(
        in.resolve("sessions.csv"),
        SESSIONS + "S9,C2,T2,2025-01-21,swedish,45,none,no,x\n",
        StandardCharsets.UTF_8);
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () -> staged.reading().raw("sessions", new long[] {4}, new Configuration()));
    assertEquals("sessions.csv", e.file());
    assertTrue(e.problem().startsWith("changed while the run read it"), e.getMessage());
  }

  @Test
  void aFileOfOnePieceIsHashedWholeAndOfSeveralAsAListOfPieceHashes() throws Exception {
    Path in = input(SESSIONS, SCORES);
    byte[] bytes = SESSIONS.getBytes(StandardCharsets.UTF_8);
    MessageDigest whole = MessageDigest.getInstance("SHA-256");
    StagedFile one = ingest(in, IngestStage.DEFAULT_PIECE_BYTES, "whole").sessions();
    assertEquals(HexFormat.of().formatHex(whole.digest(bytes)), one.sha256());
    assertEquals(0, one.sha256PieceBytes());

    MessageDigest list = MessageDigest.getInstance("SHA-256");
    for (int start = 0; start < bytes.length; start += 64) {
      byte[] piece = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + 64));
      list.update(MessageDigest.getInstance("SHA-256").digest(piece));
    }
    StagedFile pieces = ingest(in, 64, "list").sessions();
    assertEquals(HexFormat.of().formatHex(list.digest()), pieces.sha256());
    assertEquals(64, pieces.sha256PieceBytes());
  }

  /** The local engine's ingest (no Spark session), reading pieces of {@code pieceBytes}. */
  private Ingested ingestLocally(Path in, long pieceBytes, long hashBytes, String run) {
    org.apache.hadoop.fs.Path staging =
        new org.apache.hadoop.fs.Path(tmp.resolve("local-" + run).toUri());
    return new IngestStage(
            new Configuration(),
            pieceBytes,
            hashBytes,
            in.toString(),
            staging,
            LocalDate.of(2025, 6, 30))
        .run();
  }

  /** A record's staged values as line|session_id|row_reasons|raw. */
  private static String text(Object[] v, StructType schema) {
    return v[schema.fieldIndex("line")]
        + "|"
        + v[schema.fieldIndex("session_id")]
        + "|"
        + v[schema.fieldIndex("row_reasons")]
        + "|"
        + v[schema.fieldIndex("raw")];
  }

  /** The records the local engine held for {@code f}, in the order it holds them. */
  private static List<String> held(Ingested in, StagedFile f) {
    StructType schema = f.stagingSchema();
    List<String> rows = new ArrayList<>();
    for (Object[] v : in.held().of(f)) {
      rows.add(text(v, schema));
    }
    return rows;
  }

  @Test
  void theLocalEngineHoldsTheSameRowsInFileOrderWhateverThePieces() throws Exception {
    Path in = input(SESSIONS, SCORES);
    for (long size : new long[] {4, 13, 64, IngestStage.LOCAL_PIECE_BYTES}) {
      Ingested staged = ingestLocally(in, size, IngestStage.DEFAULT_PIECE_BYTES, "" + size);
      assertEquals(SESSION_ROWS, held(staged, staged.sessions()), "pieces of " + size + " bytes");
      assertEquals(SCORE_ROWS, held(staged, staged.painScores()), "pieces of " + size + " bytes");
      assertEquals(5, staged.sessions().read());
      assertEquals(List.of("note"), staged.sessions().unknownColumns());
      assertFalse(
          Files.exists(tmp.resolve("local-" + size).resolve("sessions.parquet")),
          "the local engine writes no staging file");
    }
  }

  /**
   * The local engine reads small pieces but hashes in the Spark engine's: the same digest in {@code
   * run.json} whichever engine ran, the whole file's when it is one hashing piece.
   */
  @Test
  void theLocalEngineHashesAFileAsTheSparkEngineDoesWhateverPiecesItReads() throws Exception {
    Path in = input(SESSIONS, SCORES);
    StagedFile spark64 = ingest(in, 64, "spark-64").sessions();
    byte[] bytes = SESSIONS.getBytes(StandardCharsets.UTF_8);
    String whole = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    for (long size : new long[] {4, 13, 64, 1000}) {
      StagedFile local64 = ingestLocally(in, size, 64, "h64-" + size).sessions();
      assertEquals(spark64.sha256(), local64.sha256(), "read in pieces of " + size);
      assertEquals(64, local64.sha256PieceBytes());
      StagedFile local =
          ingestLocally(in, size, IngestStage.DEFAULT_PIECE_BYTES, "h-" + size).sessions();
      assertEquals(whole, local.sha256(), "read in pieces of " + size);
      assertEquals(0, local.sha256PieceBytes());
    }
  }

  @Test
  void theFirstProblemInTheFileIsReportedWhateverThePieces() throws Exception {
    String header = SESSIONS.substring(0, SESSIONS.indexOf('\n') + 1);
    // line 3 is not UTF-8 (a lone continuation byte), line 5 holds an e-mail address as an id
    byte[] badUtf8First =
        (header
                + "S1,C1,T1,2025-01-06,swedish,60,none,yes,x\n"
                + "S2,C1,T1,2025-01-07,swedish,60,none,yes,?\n"
                + "S3,C1,T1,2025-01-08,swedish,60,none,yes,x\n"
                + "S4,jane@example.org,T1,2025-01-09,swedish,60,none,yes,x\n")
            .getBytes(StandardCharsets.UTF_8);
    badUtf8First[indexOf(badUtf8First, (byte) '?')] = (byte) 0x80;
    Path in = input("", SCORES);
    Files.write(in.resolve("sessions.csv"), badUtf8First);
    for (long size : new long[] {4, 31, 64, IngestStage.DEFAULT_PIECE_BYTES}) {
      InputFileException e =
          assertThrows(InputFileException.class, () -> ingest(in, size, "utf8-" + size));
      assertEquals(
          "sessions.csv: line 3 is not valid UTF-8 (save the file as UTF-8).", e.getMessage());
      InputFileException local =
          assertThrows(
              InputFileException.class, () -> ingestLocally(in, size, 64, "utf8-local-" + size));
      assertEquals(e.getMessage(), local.getMessage(), "the local engine, pieces of " + size);
    }

    String privacyFirst =
        header
            + "S1,C1,T1,2025-01-06,swedish,60,none,yes,x\n"
            + "S2,jane@example.org,T1,2025-01-07,swedish,60,none,yes,x\n"
            + "S3,C1,T1,2025-01-08,swedish,60,none,yes,\"never closed\n"
            + "S4,C1,T1,2025-01-09,swedish,60,none,yes,x\n";
    Files.writeString(in.resolve("sessions.csv"), privacyFirst, StandardCharsets.UTF_8);
    for (long size : new long[] {4, 31, 64, IngestStage.DEFAULT_PIECE_BYTES}) {
      InputFileException e =
          assertThrows(InputFileException.class, () -> ingest(in, size, "privacy-" + size));
      assertEquals(InputFileException.EXIT_PRIVACY, e.exitCode());
      assertEquals(
          "sessions.csv: line 3, column 'client_id' holds a value that looks like an e-mail address"
              + " (not shown: it is personal data); ids must be pseudonyms.",
          e.getMessage());
      InputFileException local =
          assertThrows(
              InputFileException.class, () -> ingestLocally(in, size, 64, "privacy-local-" + size));
      assertEquals(InputFileException.EXIT_PRIVACY, local.exitCode());
      assertEquals(e.getMessage(), local.getMessage(), "the local engine, pieces of " + size);
    }
  }

  @Test
  void aProblemInSessionsIsReportedBeforeOneInALaterFile() throws Exception {
    Path in = input(SESSIONS.replace("S4,C2", "S4,jane@example.org"), "no header at all\n");
    InputFileException e = assertThrows(InputFileException.class, () -> ingest(in, 16, "order"));
    assertEquals("sessions.csv", e.file());
    InputFileException local =
        assertThrows(InputFileException.class, () -> ingestLocally(in, 16, 64, "order-local"));
    assertEquals("sessions.csv", local.file());
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
