package clinic.outcomes.ingest;

/**
 * A whole-file problem that stops the run before any output is written.
 *
 * <p>The exit code is {@link #EXIT_CONTRACT} (2: the file is missing, unreadable, not UTF-8, not
 * CSV, or breaks the header contract) or {@link #EXIT_PRIVACY} (3: the privacy guard refused a
 * column name or an id value). {@link #getMessage()} is one plain sentence, {@code "<file>:
 * <problem>"}, that names the file and, where relevant, the line and column. It never contains an
 * input value, because a refused value is personal data.
 */
public final class InputFileException extends RuntimeException {
  /** Exit code for a file that cannot be read as a whole or breaks the data contract. */
  public static final int EXIT_CONTRACT = 2;

  /** Exit code for input refused by the privacy guard. */
  public static final int EXIT_PRIVACY = 3;

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;
  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param file the file's name as shown to the user, e.g. {@code sessions.csv}
   * @param problem what is wrong, e.g. {@code "line 5 is not valid UTF-8."}
   * @param exitCode {@link #EXIT_CONTRACT} or {@link #EXIT_PRIVACY}
   * @throws IllegalArgumentException if the exit code is neither 2 nor 3
   */
  public InputFileException(String file, String problem, int exitCode) {
    super(file + ": " + sentence(problem));
    if (exitCode != EXIT_CONTRACT && exitCode != EXIT_PRIVACY) {
      throw new IllegalArgumentException("exit code must be 2 or 3, not " + exitCode);
    }
    this.file = file;
    this.problem = sentence(problem);
    this.exitCode = exitCode;
  }

  /** A contract problem (exit code {@value #EXIT_CONTRACT}) of {@code file}. */
  public static InputFileException contract(String file, String problem) {
    return new InputFileException(file, problem, EXIT_CONTRACT);
  }

  /** Returns the file's name as shown to the user. */
  public String file() {
    return file;
  }

  /** Returns the problem without the file name, ending with a period. */
  public String problem() {
    return problem;
  }

  /** Returns the process exit code: 2 (contract) or 3 (privacy guard). */
  public int exitCode() {
    return exitCode;
  }

  private static String sentence(String problem) {
    return problem.endsWith(".") ? problem : problem + ".";
  }
}
