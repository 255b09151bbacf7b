package clinic.outcomes.core;

/** A bad setting, option, job or claims file; the message names it. Exit code 2. */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
