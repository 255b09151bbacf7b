package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.TestFiles;
import clinic.outcomes.TmpfsMount;
import clinic.outcomes.cli.WholeFileProblemsTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems met once the run has started, through the real command line and Spark: each ends with
 * one sentence and its exit code, and nothing the user owns changes (the input and the previous
 * output, by listing and checksums).
 */
class RunProblemsTest {
  @TempDir Path tmp;

  @BeforeAll
  static void spark() {
    SharedSpark.get();
  }

  private Path input() {
    return TestFiles.copyFixture("contract", tmp.resolve("in"));
  }

  /**
   * A run that writes the tables and no report: what these tests pin (exit codes, messages, the
   * output folder's fate) does not depend on the reports, which take half of a run's time.
   */
  private Outcome run(Path in, Path out) {
    Path job = tmp.resolve("tables-only.yaml");
    try {
      Files.writeString(job, "report: none\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return WholeFileProblemsTest.run(
        "run",
        "--job",
        job.toString(),
        "--input",
        in.toString(),
        "--out",
        out.toString(),
        "--as-of",
        "2025-06-30");
  }

  private static void assertOneSentence(Outcome o, int code, String... mentions) {
    assertEquals(code, o.code(), o.out() + o.err());
    for (String m : mentions) {
      assertTrue(o.err().contains(m), "message should say " + m + ": " + o.err());
    }
    assertFalse(
        o.err().contains("\tat ") || o.err().contains("Exception"),
        "no stack trace, no exception class: " + o.err());
    assertEquals(1, o.err().strip().lines().count(), "one sentence: " + o.err());
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A failed run left the input and the previous output as they were, and no temporary folder. */
  private void assertUntouched(
      Path in, Map<String, String> input, Path out, Map<String, String> output) throws IOException {
    assertEquals(input, TestFiles.snapshot(in), "the input is unchanged");
    assertEquals(output, TestFiles.snapshot(out), "the previous output is unchanged");
    assertTrue(
        names(out.getParent()).stream().noneMatch(n -> n.contains(".tmp-") || n.contains(".old-")),
        "no temporary folder is left: " + names(out.getParent()));
  }

  @Test
  void aRunReplacesItsOwnOutputButNeverAFileAddedToIt() throws IOException {
    Path in = input();
    Path out = tmp.resolve("out");
    assertEquals(0, run(in, out).code());
    assertTrue(Files.readString(out.resolve(".outcomes-run")).startsWith("outcomes-run 1\n"));
    Outcome again = run(in, out);
    assertEquals(0, again.code(), again.err());

    Files.writeString(out.resolve("notes.txt"), "the owner's notes");
    Map<String, String> input = TestFiles.snapshot(in);
    Map<String, String> output = TestFiles.snapshot(out);
    assertOneSentence(run(in, out), 2, "--out " + out + " holds 'notes.txt', which no run wrote");
    assertUntouched(in, input, out, output);

    // A full disk: the same output on a file system with no room for a new one (where a test may
    // mount).
    try (TmpfsMount disk =
        TmpfsMount.tryMount(tmp.resolve("disk"), "size=" + (size(out) / 1024 + 96) + "k")) {
      if (disk != null) {
        Files.delete(out.resolve("notes.txt"));
        Path full = disk.dir().resolve("out");
        copy(out, full);
        Map<String, String> previous = TestFiles.snapshot(full);
        Outcome o = run(in, full);
        assertOneSentence(
            o,
            1,
            "(no space left on the device): the disk is full",
            "the previous output, if any, is intact");
        assertUntouched(in, input, full, previous);
      }
    }
  }

  @Test
  void headerWithoutRowsIsABadFile() throws IOException {
    Path in = input();
    Files.writeString(
        in.resolve("sessions.csv"),
        Files.readString(in.resolve("sessions.csv")).lines().findFirst().get() + "\n");
    Map<String, String> input = TestFiles.snapshot(in);
    assertOneSentence(run(in, tmp.resolve("out")), 2, "sessions.csv: has no rows");
    assertEquals(input, TestFiles.snapshot(in));
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void scoresWithoutRowsAreABadFile() throws IOException {
    Path in = input();
    Files.writeString(
        in.resolve("pain_scores.csv"), "client_id,session_id,recorded_on,moment,measure,score\n");
    assertOneSentence(run(in, tmp.resolve("out")), 2, "pain_scores.csv: has no rows");
  }

  @Test
  void noAcceptedRowStillWritesTheRejects() throws IOException {
    // before: exit 1, IllegalArgumentException: as-of date not resolved
    Path in = input();
    Files.writeString(
        in.resolve("sessions.csv"),
        "session_id,client_id,session_date,technique\nS1,C1,2025-02-30,swedish\n");
    Outcome o =
        WholeFileProblemsTest.run(
            "run", "--input", in.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(
        o.out().contains("reports ...")
            && o.out().contains("none: no episode of care has an outcome"),
        o.out());
    assertTrue(
        o.out().contains("sessions.csv       read        1 = accepted        0 + rejected      1"),
        o.out());
    assertTrue(
        Files.readString(tmp.resolve("out").resolve("rejects.csv"))
            .contains("sessions.csv,2,invalid_session_date"));
  }

  @Test
  void corruptParquetIsABadFile() throws IOException {
    Path in = input();
    // a real Parquet input, then its data damaged as a bad copy would (the footer intact)
    SharedSpark.get()
        .read()
        .option("header", "true")
        .csv(in.resolve("sessions.csv").toString())
        .coalesce(1)
        .write()
        .parquet(in.resolve("sessions.parquet").toString());
    Files.delete(in.resolve("sessions.csv"));
    Path part;
    try (Stream<Path> s = Files.list(in.resolve("sessions.parquet"))) {
      part =
          s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(part);
    for (int i = 4; i < bytes.length / 2; i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(part, bytes);
    Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    Map<String, String> input = TestFiles.snapshot(in);
    assertOneSentence(
        run(in, tmp.resolve("out")),
        2,
        "sessions.parquet: is not a readable Parquet file or folder");
    assertEquals(input, TestFiles.snapshot(in));

    Files.write(part, "not parquet at all".getBytes(StandardCharsets.UTF_8));
    assertOneSentence(
        run(in, tmp.resolve("out")),
        2,
        "sessions.parquet: is not a readable Parquet file or folder");
  }

  @Test
  void identifierInAMalformedLineStopsTheRunBeforeRejects() throws IOException {
    Path in = input();
    Path out = OutputSafetyTest.previousRun(tmp.resolve("out"));
    // one field too many, with an e-mail address where the client id should be
    Files.writeString(
        in.resolve("sessions.csv"),
        Files.readString(in.resolve("sessions.csv"))
            + "S99,jane.doe@example.com,T1,2025-01-06,swedish,45,none,yes,extra\n");
    Map<String, String> input = TestFiles.snapshot(in);
    Map<String, String> output = TestFiles.snapshot(out);
    Outcome o = run(in, out);
    long line = Files.readString(in.resolve("sessions.csv")).lines().count();
    assertOneSentence(
        o,
        3,
        "sessions.csv: line "
            + line
            + " is malformed, and a value in it looks like an e-mail address");
    assertFalse(o.err().contains("jane") || o.out().contains("jane"), "the value is never shown");
    assertUntouched(in, input, out, output);
  }

  @Test
  void identifierColumnsInOtherLanguagesAreRefused() throws IOException {
    Path in = input();
    for (String column :
        List.of("Geburtsdatum", "nom", "teléfono", "adresse", "fecha_nacimiento")) {
      Files.writeString(in.resolve("clients.csv"), "client_id," + column + ",sex\nC1,x,female\n");
      Outcome o = run(in, tmp.resolve("out"));
      assertOneSentence(o, 3, "clients.csv: column '" + column + "' looks like");
    }
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  private static long size(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length() + 4096).sum();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
