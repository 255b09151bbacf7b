package clinic.outcomes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a test folder, to meet a real full disk or a real read-only file system.
 * Only root may mount: {@link #tryMount} returns null elsewhere, and the test falls back or skips.
 */
public final class TmpfsMount implements AutoCloseable {
  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts a tmpfs with {@code options} (e.g. {@code size=256k} or {@code ro,size=64k}) on {@code
   * dir}, or returns null.
   */
  public static TmpfsMount tryMount(Path dir, String options) {
    try {
      Files.createDirectories(dir);
      return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
          ? new TmpfsMount(dir)
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The mount point. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    run("umount", "-l", dir.toString());
  }

  private static boolean run(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
