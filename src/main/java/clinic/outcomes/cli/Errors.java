package clinic.outcomes.cli;

import clinic.outcomes.core.EnvironmentException;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.output.Problems;
import java.io.PrintStream;
import picocli.CommandLine.ParameterException;

/**
 * Turns exceptions into one clear message and an exit code; never a stack trace for bad input or
 * for the environment's problems.
 *
 * <ul>
 *   <li>2: bad input, option or location: {@link InputFileException} (or 3 for the privacy guard),
 *       {@link SettingsException}, picocli's {@link ParameterException} (unknown option or
 *       subcommand, missing required option; picocli prints its own message);
 *   <li>1: the environment ({@link EnvironmentException}, or a full disk, a missing permission or a
 *       read-only file system found anywhere in the exception's chain, however Spark or Hadoop
 *       wrapped it; out of memory): one sentence naming the folder;
 *   <li>1 with a stack trace: anything else, which is a bug.
 * </ul>
 */
final class Errors {
  private Errors() {}

  static int exitCode(Throwable t) {
    if (t instanceof ParameterException) {
      return Main.EXIT_BAD_INPUT;
    }
    Throwable c = rootInput(t);
    if (c instanceof InputFileException e) {
      return e.exitCode();
    }
    if (c instanceof SettingsException) {
      return Main.EXIT_BAD_INPUT;
    }
    return Main.EXIT_FAILED;
  }

  /** Prints the message for {@code t}; a stack trace only for unexpected failures. */
  static int report(Throwable t, PrintStream err) {
    return report(t, err, null);
  }

  /**
   * Prints the message for {@code t}, naming {@code where} (the output folder, or null) for the
   * environment's problems; a stack trace only for unexpected failures.
   */
  static int report(Throwable t, PrintStream err, String where) {
    Throwable c = rootInput(t);
    if (c instanceof InputFileException
        || c instanceof SettingsException
        || c instanceof EnvironmentException) {
      err.println("outcomes: " + c.getMessage());
      return exitCode(t);
    }
    String env = Problems.environment(t);
    if (env != null) {
      String file = Problems.file(t);
      String place = file != null ? file : where != null ? where : "the output or scratch folder";
      err.println(
          "outcomes: cannot write "
              + place
              + " ("
              + env
              + ")"
              + advice(env)
              + "; the previous output, if any, is intact.");
      return Main.EXIT_FAILED;
    }
    if (hasOutOfMemory(t)) {
      err.println(
          "outcomes: the run ran out of memory; give Java more, e.g. OUTCOMES_JAVA_OPTS=-Xmx8g;"
              + " the previous output, if any, is intact.");
      return Main.EXIT_FAILED;
    }
    err.println(
        "outcomes: the run failed unexpectedly (a bug; please report it with what follows): " + t);
    t.printStackTrace(err);
    err.println("The previous output, if any, is intact.");
    return Main.EXIT_FAILED;
  }

  private static String advice(String env) {
    return switch (env) {
      case "no space left on the device", "disk quota exceeded" ->
          ": the disk is full, free some space and run again";
      case "permission denied" -> ": choose a folder you may write, with --out";
      case "read-only file system" -> ": choose a writable folder with --out";
      default -> "";
    };
  }

  private static boolean hasOutOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InputFileException
          || c instanceof SettingsException
          || c instanceof EnvironmentException) {
        return c;
      }
    }
    return t;
  }
}
