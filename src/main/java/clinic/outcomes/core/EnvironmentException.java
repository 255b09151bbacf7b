package clinic.outcomes.core;

/**
 * The environment stopped the run, not the input: a full disk, no permission to write, a read-only
 * file system, a Spark master that cannot be reached. The message is one sentence naming the file
 * or folder. Exit code 1.
 */
public final class EnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message) {
    super(message);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
