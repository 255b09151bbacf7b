package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clinic.outcomes.TestFiles;
import clinic.outcomes.TmpfsMount;
import clinic.outcomes.cli.WholeFileProblemsTest.Outcome;
import clinic.outcomes.output.LockHolder;
import clinic.outcomes.output.OutputLock;
import clinic.outcomes.pipeline.JobFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output location and the options are checked before Spark starts: a run that would lose what
 * the user owns, or that cannot run, is refused with one sentence and its exit code, and nothing
 * the user owns changes (a listing with checksums of the input and of the previous output before
 * and after). None of these cases needs a Spark session: each is refused before the run starts.
 */
class OutputSafetyTest {
  @TempDir Path tmp;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  private Path input() {
    return TestFiles.copyFixture("contract", tmp.resolve("in"));
  }

  /**
   * An earlier run's output as a run leaves it: run.json, a table and the marker that lists them.
   */
  static Path previousRun(Path out) throws IOException {
    Files.createDirectories(out.resolve("stats"));
    Files.writeString(out.resolve("run.json"), "{\n  \"tool\" : \"outcomes\"\n}\n");
    Files.writeString(out.resolve("stats").resolve("_SUCCESS"), "");
    Files.write(
        out.resolve("stats").resolve("part-00000.snappy.parquet"), new byte[] {'P', 'A', 'R', '1'});
    Files.writeString(
        out.resolve(".outcomes-run"),
        "outcomes-run 1\n# comment\n.outcomes-run\nrun.json\nstats\n");
    return out;
  }

  /**
   * Runs {@code args} and checks the refusal: code, message, one line, no stack trace, no Spark,
   * nothing changed.
   */
  private Outcome refused(int code, List<Path> owned, String[] args, String... mentions) {
    List<Map<String, String>> before = owned.stream().map(TestFiles::snapshot).toList();
    Outcome o = WholeFileProblemsTest.run(args);
    assertEquals(code, o.code(), o.out() + o.err());
    for (String m : mentions) {
      assertTrue(o.err().contains(m), "message should say " + m + ": " + o.err());
    }
    assertFalse(
        o.err().contains("\tat ") || o.err().contains("Exception"),
        "no stack trace, no exception class: " + o.err());
    assertEquals(1, o.err().strip().lines().count(), "one sentence: " + o.err());
    assertFalse(o.out().contains("reading"), "refused before the run starts: " + o.out());
    for (int i = 0; i < owned.size(); i++) {
      assertEquals(before.get(i), TestFiles.snapshot(owned.get(i)), owned.get(i) + " is unchanged");
    }
    return o;
  }

  private static String[] args(Path in, Object out, String... more) {
    List<String> a =
        new ArrayList<>(List.of("run", "--input", in.toString(), "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void outThatIsTheInputIsRefused() {
    Path in = input();
    refused(2, List.of(in), args(in, in), "--out " + in + " is the input folder");
  }

  @Test
  void outThatContainsTheInputIsRefused() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path in = TestFiles.copyFixture("contract", data.resolve("in"));
    refused(2, List.of(data), args(in, data), "contains the input folder " + in);
    // also through a symbolic link to the folder that holds the input
    Path link = Files.createSymbolicLink(tmp.resolve("link"), data);
    refused(2, List.of(data), args(in, link), "contains the input folder");
  }

  @Test
  void outInsideTheInputIsRefused() {
    Path in = input();
    refused(2, List.of(in), args(in, in.resolve("results")), "lies inside the input folder " + in);
    assertFalse(Files.exists(in.resolve("results")));
  }

  @Test
  void outThatIsAFileIsRefused() throws IOException {
    Path in = input();
    Path file = Files.writeString(tmp.resolve("report.txt"), "my notes");
    refused(2, List.of(in, file), args(in, file), "--out " + file + " is a file, not a folder");
    assertFalse(Files.exists(tmp.resolve(".report.txt.lock")), "nothing is put beside the file");
  }

  @Test
  void folderThatNoRunWroteIsRefused() throws IOException {
    Path in = input();
    Path mine = Files.createDirectories(tmp.resolve("documents"));
    Files.writeString(mine.resolve("notes.txt"), "do not lose me");
    refused(
        2,
        List.of(in, mine),
        args(in, mine),
        "is a folder that no run of outcomes wrote",
        "'notes.txt'");
    assertFalse(Files.exists(tmp.resolve(".documents.lock")), "nothing is put beside the folder");
  }

  @Test
  void earlierRunWithAFileAddedIsRefused() throws IOException {
    Path in = input();
    Path out = previousRun(tmp.resolve("out"));
    Files.writeString(out.resolve("summary-for-the-board.docx"), "added by hand");
    refused(
        2,
        List.of(in, out),
        args(in, out),
        "holds 'summary-for-the-board.docx', which no run wrote");
  }

  @Test
  void olderOutputWithAJobOutputInsideIsRefused() throws IOException {
    // The layout before the jobs had their own folders: out/case-study/ inside the default out/.
    Path in = input();
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(
        out.resolve("run.json"), "{\"tool\": \"outcomes\", \"outputs\": {\"stats\": 3}}");
    Files.createDirectories(out.resolve("stats"));
    Files.writeString(out.resolve("stats").resolve("_SUCCESS"), "");
    previousRun(out.resolve("case-study"));
    refused(2, List.of(in, out), args(in, out), "holds 'case-study', the output of another run,");
  }

  @Test
  void shippedJobsWriteTheirOwnTopLevelFolders() throws IOException {
    // A default run replaces out/ whole: no shipped job may write into it, nor into another job's
    // folder.
    Set<Path> seen = new HashSet<>();
    seen.add(Path.of("out"));
    try (Stream<Path> jobs = Files.list(Path.of("jobs"))) {
      for (Path job :
          jobs.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("claims.yaml"))
              .sorted()
              .toList()) {
        Path out = Path.of(JobFile.load(job).out()).normalize();
        assertEquals(1, out.getNameCount(), job + " writes a top-level folder, not " + out);
        for (Path other : seen) {
          assertFalse(
              out.startsWith(other) || other.startsWith(out),
              job + ": " + out + " overlaps " + other);
        }
        seen.add(out);
      }
    }
    assertEquals(4, seen.size(), "three shipped jobs besides the default " + seen);
  }

  @Test
  void secondRunIntoTheSameFolderIsRefusedAtOnce() throws IOException, InterruptedException {
    Path in = input();
    Path out = previousRun(tmp.resolve("out"));
    Process other = LockHolder.start(out); // another process, as a second ./outcomes run would be
    try {
      refused(
          2,
          List.of(in, out),
          args(in, out),
          "--out " + out + " is in use by another run of outcomes");
    } finally {
      other.getOutputStream().close();
      other.waitFor();
    }
    try (OutputLock held = OutputLock.acquire(out, out.toString())) { // and within one process
      refused(2, List.of(in, out), args(in, out), "is in use by another run");
    }
  }

  @Test
  void readOnlyFolderIsTheEnvironment() throws IOException {
    Path in = input();
    Path ro = tmp.resolve("ro");
    TmpfsMount mount = TmpfsMount.tryMount(ro, "ro,size=64k");
    if (mount != null) {
      cleanup.add(mount);
    } else {
      Files.createDirectories(ro);
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
      assumeTrue(!Files.isWritable(ro), "root without mount: no read-only folder to test with");
    }
    Outcome o =
        refused(
            1,
            List.of(in, ro),
            args(in, ro.resolve("out")),
            "cannot write in " + ro,
            "--out " + ro.resolve("out"));
    assertTrue(
        o.err().contains("read-only file system") || o.err().contains("permission denied"),
        o.err());
  }

  @Test
  void asOfBefore2000IsABadOption() {
    Path in = input();
    refused(
        2,
        List.of(in),
        args(in, tmp.resolve("out"), "--as-of", "1999-01-01"),
        "--as-of is 1999-01-01, but dates must be from 2000-01-01");
  }

  @Test
  void unknownMasterIsABadOption() {
    Path in = input();
    refused(
        2,
        List.of(in),
        args(in, tmp.resolve("out"), "--master", "nonsense"),
        "--master: 'nonsense' is not a Spark master URL");
  }

  @Test
  void unknownEngineIsABadOption() {
    Path in = input();
    refused(
        2,
        List.of(in),
        args(in, tmp.resolve("out"), "--engine", "duckdb"),
        "--engine is auto or spark, not 'duckdb'");
  }

  @Test
  void sessionsCsvThatIsAFolderIsSaidToBeAFolder() throws IOException {
    Path in = input();
    Files.delete(in.resolve("sessions.csv"));
    Files.createDirectories(in.resolve("sessions.csv"));
    Outcome o =
        refused(
            2, List.of(in), args(in, tmp.resolve("out")), "sessions.csv: is a folder, not a file");
    assertFalse(o.err().contains("missing"), o.err());
  }

  @Test
  void unknownOptionsSubcommandsAndMissingOptionsExitTwo() {
    Outcome bogusOption = WholeFileProblemsTest.run("run", "--bogus");
    assertEquals(2, bogusOption.code(), bogusOption.err());
    assertTrue(bogusOption.err().contains("Unknown option: '--bogus'"), bogusOption.err());
    Outcome bogusCommand = WholeFileProblemsTest.run("bogus");
    assertEquals(2, bogusCommand.code(), bogusCommand.err());
    assertTrue(
        bogusCommand.err().contains("Unmatched argument at index 0: 'bogus'"), bogusCommand.err());
    Outcome generate = WholeFileProblemsTest.run("generate");
    assertEquals(2, generate.code(), generate.err());
    assertTrue(
        generate.err().contains("Missing required options: '--clients=<clients>', '--out=DIR'"),
        generate.err());
    for (Outcome o : List.of(bogusOption, bogusCommand, generate)) {
      assertFalse(o.err().contains("\tat "), o.err());
    }
  }
}
