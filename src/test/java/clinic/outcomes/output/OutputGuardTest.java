package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.TestFiles;
import clinic.outcomes.core.SettingsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run killed at any instant leaves, and what the next run into the same folder makes of it.
 * A run's commit is two renames ({@link RunFolder#commit()}): {@code out} aside as {@code
 * .out.old-PID}, then {@code .out.tmp-*} into place. Each test lays out the folders exactly as a
 * kill -9 at one instant leaves them, then runs the guard the next run starts with.
 */
class OutputGuardTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private void prepare(Path out) {
    Path in =
        Files.exists(tmp.resolve("in"))
            ? tmp.resolve("in")
            : TestFiles.copyFixture("contract", tmp.resolve("in"));
    try (OutputLock lock =
        OutputGuard.prepare(
            in.toString(),
            out.toString(),
            new Configuration(),
            new PrintStream(log, true, StandardCharsets.UTF_8))) {
      assertTrue(Files.exists(OutputLock.lockFile(out)));
    }
  }

  /** The run's output as a run writes it (with its marker), with {@code text} in its run.json. */
  private static Path run(Path out, String text) throws IOException {
    Files.createDirectories(out.resolve("stats"));
    Files.writeString(
        out.resolve("run.json"), "{\"tool\": \"outcomes\", \"note\": \"" + text + "\"}");
    Files.writeString(out.resolve("stats").resolve("_SUCCESS"), "");
    Files.writeString(
        out.resolve(OutputGuard.MARKER),
        RunMarker.text(List.of("run.json", "stats", OutputGuard.MARKER)));
    return out;
  }

  private List<String> beside() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("in")).sorted().toList();
    }
  }

  @Test
  void killedBetweenTheTwoRenamesThePreviousOutputIsPutBack() throws IOException {
    Path out = tmp.resolve("out");
    Map<String, String> previous = TestFiles.snapshot(run(out, "previous"));
    Files.move(out, tmp.resolve(".out.old-4242"));
    run(tmp.resolve(".out.tmp-8f3a"), "new, complete but not in place");
    Files.createDirectories(tmp.resolve(".out.spark").resolve("blockmgr-1"));

    prepare(out);

    assertEquals(previous, TestFiles.snapshot(out), "the previous output is back, byte for byte");
    assertEquals(List.of(".out.lock", "out"), beside(), "leftovers removed");
    assertTrue(
        log.toString(StandardCharsets.UTF_8).contains("put back the previous output " + out),
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void killedAfterTheSecondRenameTheNewOutputStays() throws IOException {
    Path out = run(tmp.resolve("out"), "new");
    run(tmp.resolve(".out.old-4242"), "previous");
    Map<String, String> now = TestFiles.snapshot(out);

    prepare(out);

    assertEquals(now, TestFiles.snapshot(out));
    assertEquals(List.of(".out.lock", "out"), beside());
  }

  @Test
  void killedWhileWorkingItsTemporaryFoldersAreRemoved() throws IOException {
    Path out = run(tmp.resolve("out"), "previous");
    Map<String, String> now = TestFiles.snapshot(out);
    Files.createDirectories(tmp.resolve(".out.tmp-1").resolve("_staging"));
    Files.createDirectories(tmp.resolve(".out.tmp-2"));
    Files.createDirectories(tmp.resolve(".out.spark").resolve("blockmgr-1"));
    Files.createDirectories(tmp.resolve(".other.tmp-1")); // another output's: not ours to remove
    Files.createDirectories(tmp.resolve(".out.sparkle")); // not a leftover's name

    prepare(out);

    assertEquals(now, TestFiles.snapshot(out));
    assertEquals(List.of(".other.tmp-1", ".out.lock", ".out.sparkle", "out"), beside());
  }

  @Test
  void aRunsOwnFolderIsAcceptedAndAnythingElseRefused() throws IOException {
    Path out = run(tmp.resolve("out"), "previous");
    Files.writeString(out.resolve(".DS_Store"), "a file browser's"); // the system's litter may go
    Files.createDirectories(out.resolve("adhoc")); // the job's queries write it after the commit
    prepare(out);

    Files.writeString(out.resolve("mine.csv"), "1,2");
    SettingsException e = assertThrows(SettingsException.class, () -> prepare(out));
    assertEquals(
        "--out "
            + out
            + " holds 'mine.csv', which no run wrote, and a run replaces its output folder"
            + " as a whole; move 'mine.csv' out of it, or choose another --out",
        e.getMessage());
  }

  @Test
  void aMarkerOfAnotherFormatIsNoRun() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve(OutputGuard.MARKER), "something else\nnotes.txt\n");
    Files.writeString(out.resolve("notes.txt"), "x");
    SettingsException e = assertThrows(SettingsException.class, () -> prepare(out));
    assertTrue(
        e.getMessage().contains("is a folder that no run of outcomes wrote"), e.getMessage());
  }

  @Test
  void anOutputWrittenBeforeTheMarkerIsRecognisedByItsRunJson() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(
        out.resolve("run.json"), "{\"tool\" : \"outcomes\", \"outputs\" : {\"stats\" : 12}}");
    for (String table : List.of("stats", "claims")) {
      Files.createDirectories(out.resolve(table));
      Files.writeString(out.resolve(table).resolve("_SUCCESS"), "");
    }
    Files.createDirectories(out.resolve("charts"));
    Files.writeString(out.resolve("report.html"), "<html>");
    prepare(out);

    Files.createDirectories(out.resolve("photos"));
    assertThrows(SettingsException.class, () -> prepare(out));
  }

  @Test
  void markerListsWhatTheRunWrote() {
    String text = RunMarker.text(List.of("stats", "run.json", OutputGuard.MARKER));
    assertEquals(
        List.of("outcomes-run 1", ".outcomes-run", "run.json", "stats"),
        text.lines().filter(l -> !l.startsWith("#")).toList());
  }

  @Test
  void pathsAreComparedAfterResolvingLinks() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    assertEquals(
        OutputGuard.canonical(real.resolve("a/b")), OutputGuard.canonical(link.resolve("a/b")));
    assertFalse(Files.exists(real.resolve("a")));
  }
}
