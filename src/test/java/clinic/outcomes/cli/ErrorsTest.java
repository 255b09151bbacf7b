package clinic.outcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/**
 * The environment's problems, however deeply Spark or Hadoop wrapped them, become one sentence and
 * exit 1 at the place the command catches them ({@link Errors#report}); only a bug prints a stack
 * trace. The full disk is also met for real in {@code RunProblemsTest} where the machine lets a
 * test mount a small file system.
 */
class ErrorsTest {
  private static String[] report(Throwable t, int code) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(
        code, Errors.report(t, new PrintStream(bytes, true, StandardCharsets.UTF_8), "/data/out"));
    String err = bytes.toString(StandardCharsets.UTF_8);
    return err.strip().lines().toArray(String[]::new);
  }

  @Test
  void fullDiskIsOneSentence() {
    // as the chart writer threw it before: UncheckedIOException: cannot write chart monthly_trend
    String[] err =
        report(
            new UncheckedIOException(
                "cannot write chart monthly_trend", new IOException("No space left on device")),
            1);
    assertEquals(1, err.length, String.join("\n", err));
    assertEquals(
        "outcomes: cannot write /data/out (no space left on the device): the disk is full, free some"
            + " space and run again; the previous output, if any, is intact.",
        err[0]);
  }

  @Test
  void fullDiskInsideASparkTaskFailureIsOneSentence() {
    // Spark reports a task's failure as text in its own exception, the executor's exception as
    // cause
    RuntimeException spark =
        new RuntimeException(
            "Job aborted due to stage failure: Task 0 in stage 3.0 failed 1"
                + " times, most recent failure: java.io.IOException: No space left on device\n\tat ...",
            new Error(
                "org.apache.hadoop.fs.FSError: java.io.IOException: No space left on device"));
    String[] err = report(spark, 1);
    assertEquals(1, err.length);
    assertTrue(err[0].contains("(no space left on the device)"), err[0]);
    assertFalse(err[0].contains("Exception") || err[0].contains("Job aborted"), err[0]);
  }

  @Test
  void noPermissionNamesTheFile() {
    String[] err =
        report(
            new UncheckedIOException(new AccessDeniedException("/data/out/.out.tmp-1/report.html")),
            1);
    assertEquals(
        "outcomes: cannot write /data/out/.out.tmp-1/report.html (permission denied): choose a folder you"
            + " may write, with --out; the previous output, if any, is intact.",
        err[0]);
  }

  @Test
  void aBugStillShowsItsStackTrace() {
    String[] err = report(new IllegalStateException("a bug"), 1);
    assertTrue(err.length > 3 && err[2].startsWith("\tat "), String.join("\n", err));
  }

  @Test
  void sparksOwnLogStaysOffTheConsole() {
    assertFalse(LogManager.getRootLogger().isErrorEnabled(), "log4j2.properties: root level off");
    assertFalse(LogManager.getLogger("org.apache.spark.SparkContext").isErrorEnabled());
  }
}
