package clinic.outcomes.cli;

import clinic.outcomes.ingest.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code outcomes} command line. Exit codes (the help lists the same): {@value #EXIT_OK} done;
 * {@value #EXIT_FAILED} the environment stopped the run, a bug, or the case study failed its own
 * disclosure audit and was not written; {@value #EXIT_BAD_INPUT} bad input, option, job or claims
 * file, or output location; {@value #EXIT_PRIVACY} the privacy guard found a direct identifier;
 * {@value #EXIT_CLAIM_FAILED} a claim got a verdict named by {@code run --fail-on}.
 */
@Command(
    name = "outcomes",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Checks a massage clinic's case-study claims against its own anonymized records.",
    subcommands = {
      RunCommand.class,
      SqlCommand.class,
      GenerateCommand.class,
      NotebookCommand.class,
      ServeCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the run failed (a bug or an environment problem; the previous output is intact),"
          + " or the case study failed its disclosure audit and was not written",
      "2:bad input file, option, job or claims file, or output location (the message names it)",
      "3:privacy guard: the input holds a direct identifier (the message names file and column)",
      "4:a claim got a verdict named by --fail-on"
    })
public final class Main implements Runnable {
  /** Exit code of a finished run. */
  public static final int EXIT_OK = 0;

  /** Exit code when the environment stopped the run, of a bug, or of a refused case study. */
  public static final int EXIT_FAILED = 1;

  /** Exit code for bad input or settings. */
  public static final int EXIT_BAD_INPUT = InputFileException.EXIT_CONTRACT;

  /** Exit code of the privacy guard (a direct identifier in the input). */
  public static final int EXIT_PRIVACY = InputFileException.EXIT_PRIVACY;

  /** Exit code when a claim's verdict is one named by {@code run --fail-on}. */
  public static final int EXIT_CLAIM_FAILED = 4;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExitCodeExceptionMapper(Errors::exitCode);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Reports the jar's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"outcomes " + clinic.outcomes.pipeline.RunManifest.version()};
    }
  }
}
