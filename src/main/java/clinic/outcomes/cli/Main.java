package clinic.outcomes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code outcomes} command line. Exit codes: 0 done, 1 failure, 2 bad input or settings, 3
 * privacy guard.
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
      NotebookCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the run failed (a bug or an environment problem; the previous output is intact)",
      "2:bad input file, claims file or setting (the message names it)",
      "3:privacy guard: the input holds a direct identifier (the message names file and column)",
      "4:a claim got a verdict named by --fail-on"
    })
public final class Main implements Runnable {
  /** Exit code for bad input or settings. */
  public static final int EXIT_BAD_INPUT = 2;

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
