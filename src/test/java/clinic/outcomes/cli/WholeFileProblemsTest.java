package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-file problems through the real command line: one message naming the file (and column), the
 * documented exit code, no stack trace, and the previous output left intact.
 */
class WholeFileProblemsTest {
  @TempDir Path tmp;

  @BeforeAll
  static void spark() {
    SharedSpark.get(); // the command reuses the suite's session and does not stop it
  }

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(args);
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path input() {
    return TestFiles.copyFixture("contract", tmp.resolve("in"));
  }

  private Outcome runOn(Path in) {
    return run(
        "run",
        "--input",
        in.toString(),
        "--out",
        tmp.resolve("out").toString(),
        "--as-of",
        "2025-06-30");
  }

  private static void assertCleanFailure(Outcome o, int code, String... mentions) {
    assertEquals(code, o.code(), o.err());
    for (String m : mentions) {
      assertTrue(o.err().contains(m), "message should name " + m + ": " + o.err());
    }
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertEquals(1, o.err().strip().lines().count(), "one message: " + o.err());
  }

  @Test
  void missingRequiredFile() throws IOException {
    Path in = input();
    Files.delete(in.resolve("pain_scores.csv"));
    assertCleanFailure(runOn(in), 2, "pain_scores.csv");
  }

  @Test
  void missingRequiredColumn() throws IOException {
    Path in = input();
    Files.writeString(
        in.resolve("sessions.csv"), "session_id,client_id,session_date\nS1,C1,2025-01-06\n");
    assertCleanFailure(runOn(in), 2, "sessions.csv", "technique");
  }

  @Test
  void notUtf8() throws IOException {
    Path in = input();
    byte[] good = Files.readAllBytes(in.resolve("sessions.csv"));
    byte[] bad = new byte[good.length + 3];
    System.arraycopy(good, 0, bad, 0, good.length);
    bad[good.length] = (byte) 0xC3; // a Latin-1 "é" pair cut in half, then a lone continuation byte
    bad[good.length + 1] = (byte) 0x28;
    bad[good.length + 2] = '\n';
    Files.write(in.resolve("sessions.csv"), bad);
    assertCleanFailure(runOn(in), 2, "sessions.csv");
  }

  @Test
  void unterminatedQuote() throws IOException {
    Path in = input();
    Files.writeString(
        in.resolve("pain_scores.csv"),
        "client_id,session_id,recorded_on,moment,measure,score\nC1,S1,2025-01-06,\"before,nrs_pain,8\n");
    assertCleanFailure(runOn(in), 2, "pain_scores.csv");
  }

  @Test
  void privacyGuardOnColumnName() throws IOException {
    Path in = input();
    Files.writeString(in.resolve("clients.csv"), "client_id,email,sex\nC1,x,female\n");
    assertCleanFailure(runOn(in), 3, "clients.csv", "email");
  }

  @Test
  void privacyGuardOnIdValueNeverPrintsTheValue() throws IOException {
    Path in = input();
    Files.writeString(
        in.resolve("sessions.csv"),
        Files.readString(in.resolve("sessions.csv")).replace("S1,C1,", "S1,jane.doe@example.com,"));
    Outcome o = runOn(in);
    assertCleanFailure(o, 3, "sessions.csv", "client_id");
    assertFalse(o.err().contains("jane.doe"));
  }

  @Test
  void badOption() {
    Outcome o = run("run", "--as-of", "30/06/2025");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("--as-of"), o.err());
  }

  @Test
  void failedRunLeavesPreviousOutputIntact() throws IOException {
    Path in = input();
    Outcome ok = runOn(in);
    assertEquals(0, ok.code(), ok.err());
    assertTrue(
        ok.out()
            .contains("read       13 = accepted        6 + rejected      6 + duplicate     1  ok"),
        ok.out());
    String manifest = Files.readString(tmp.resolve("out").resolve("run.json"));
    Files.delete(in.resolve("sessions.csv"));
    Files.writeString(in.resolve("sessions.csv"), "session_id\nS1\n");
    assertEquals(2, runOn(in).code());
    assertEquals(manifest, Files.readString(tmp.resolve("out").resolve("run.json")));
    try (var s = Files.list(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")),
          "temporary folder removed");
    }
  }
}
