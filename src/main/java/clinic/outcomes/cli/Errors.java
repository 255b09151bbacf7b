package clinic.outcomes.cli;

import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.pipeline.SettingsException;
import java.io.PrintStream;

/** Turns exceptions into one clear message and an exit code; never a stack trace for bad input. */
final class Errors {
  private Errors() {}

  static int exitCode(Throwable t) {
    Throwable c = rootInput(t);
    if (c instanceof InputFileException e) {
      return e.exitCode();
    }
    if (c instanceof SettingsException) {
      return Main.EXIT_BAD_INPUT;
    }
    return 1;
  }

  /** Prints the message for {@code t}; a stack trace only for unexpected failures. */
  static int report(Throwable t, PrintStream err) {
    Throwable c = rootInput(t);
    if (c instanceof InputFileException || c instanceof SettingsException) {
      err.println("outcomes: " + c.getMessage());
    } else {
      err.println("outcomes: the run failed: " + t);
      t.printStackTrace(err);
      err.println("The previous output, if any, is intact.");
    }
    return exitCode(t);
  }

  private static Throwable rootInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InputFileException || c instanceof SettingsException) {
        return c;
      }
    }
    return t;
  }
}
