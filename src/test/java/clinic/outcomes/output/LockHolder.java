package clinic.outcomes.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process that holds an output folder's lock as a running job does: it takes the lock,
 * prints {@code locked}, and keeps it until its standard input closes.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), args[0])) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the lock until the parent closes our standard input
      }
    }
  }

  /** Starts a process holding the lock of {@code out}; returns once it holds it. */
  public static Process start(Path out) throws IOException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                out.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String first =
        new String(p.getInputStream().readNBytes("locked".length()), StandardCharsets.UTF_8);
    if (!first.equals("locked")) {
      p.destroyForcibly();
      throw new IOException("the lock holder did not start: '" + first + "'");
    }
    return p;
  }
}
