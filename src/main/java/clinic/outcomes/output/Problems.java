package clinic.outcomes.output;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Recognises the environment's problems in an exception chain (a full disk, no permission, a
 * read-only file system), however deeply Spark or Hadoop wrapped them, so that they can be told in
 * one sentence instead of a stack trace.
 */
public final class Problems {
  private static final int MAX_DEPTH = 64;

  private Problems() {}

  /**
   * The environment's problem behind {@code t} in a few words ({@code "no space left on the
   * device"}, {@code "permission denied"}, {@code "read-only file system"}, {@code "disk quota
   * exceeded"}), or null when the chain shows none.
   */
  public static String environment(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
      if (c instanceof AccessDeniedException) {
        return "permission denied";
      }
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no space left on device")) {
        return "no space left on the device";
      }
      if (m.contains("disk quota exceeded")) {
        return "disk quota exceeded";
      }
      if (m.contains("read-only file system")) {
        return "read-only file system";
      }
      if (m.contains("permission denied") || m.contains("access denied")) {
        return "permission denied";
      }
    }
    return null;
  }

  /** The file an environment problem of {@code t} names, or null. */
  public static String file(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
      if (c instanceof FileSystemException f && f.getFile() != null) {
        return f.getFile();
      }
    }
    return null;
  }

  /** A short reason for an I/O failure: the environment's problem, else the exception's message. */
  public static String reason(Throwable e) {
    String env = environment(e);
    if (env != null) {
      return env;
    }
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : m.lines().findFirst().orElse(m);
  }
}
