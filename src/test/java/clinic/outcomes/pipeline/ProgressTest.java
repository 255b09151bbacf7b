package clinic.outcomes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Progress within a stage, from Spark's task counts: a bar on a terminal, plain lines in a log. */
class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicReference<long[]> tasks = new AtomicReference<>(new long[] {7, 10});

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLogGetsPlainLinesAndTheStageNamedAgainAtItsEnd() {
    Progress p = new Progress(print, false);
    p.tasksWith(tasks::get);
    p.stage("validate"); // 7 of 10 tasks were before this stage: not counted
    tasks.set(new long[] {37, 130}); // 30 of the stage's 120 tasks have ended
    p.tick();
    p.done("3 rejected");
    String[] lines = text().split("\n");
    assertEquals("  validate ...", lines[0].strip().isEmpty() ? "" : lines[0].stripTrailing());
    assertTrue(
        lines[1].matches("    validate: 30 of 120 Spark tasks done \\(25 %\\) after \\d+ s"),
        lines[1]);
    assertTrue(lines[2].matches("  validate done +\\d+\\.\\d s  3 rejected"), lines[2]);
    assertEquals(3, lines.length);
  }

  @Test
  void aStageWithoutTicksPrintsOneLine() {
    Progress p = new Progress(print, false);
    p.tasksWith(tasks::get);
    p.stage("outcomes");
    p.done("942 rows");
    assertTrue(text().matches("  outcomes \\.\\.\\. +\\d+\\.\\d s  942 rows\n"), text());
  }

  @Test
  void aTerminalGetsABarRedrawnInPlace() {
    Progress p = new Progress(print, true);
    p.tasksWith(tasks::get);
    p.stage("episodes");
    tasks.set(new long[] {12, 20}); // 5 of 10 ended: half
    p.tick();
    p.done("450 episodes");
    String t = text();
    assertTrue(
        t.contains(
            "\r  episodes ...                 [##########          ]  50 % of 10 Spark tasks"),
        t);
    assertTrue(
        t.matches("(?s).*\r  episodes \\.\\.\\. +\\d+\\.\\d s  450 episodes\u001b\\[K\n"), t);
  }
}
