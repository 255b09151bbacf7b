package clinic.outcomes.output;

import clinic.outcomes.core.EnvironmentException;
import clinic.outcomes.core.SettingsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an output folder of the local file system, so that a second run into the
 * same folder is refused at once instead of both failing half-way. The lock is the operating
 * system's lock on {@code .NAME.lock} beside the folder: it ends with the process, so a killed run
 * never leaves a stale lock. The empty file itself stays (removing it would let two runs lock two
 * different files of the same name).
 */
public final class OutputLock implements AutoCloseable {
  /** A lock that holds nothing: for outputs on other file systems, which are not locked. */
  public static final OutputLock NONE = new OutputLock(null, null);

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an output folder: {@code .NAME.lock} beside it. */
  public static Path lockFile(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".lock");
  }

  /**
   * Takes the lock of the local output folder {@code out} (shown as {@code shown}), or refuses.
   *
   * @throws SettingsException (exit 2) when another run holds it
   * @throws EnvironmentException (exit 1) when the lock file cannot be written beside the folder
   */
  public static OutputLock acquire(Path out, String shown) {
    Path file = lockFile(out);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write in "
              + out.getParent()
              + ", the folder that holds --out "
              + shown
              + " ("
              + Problems.reason(e)
              + ")",
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this process already
    } catch (IOException e) {
      close(channel);
      throw new EnvironmentException("cannot lock " + file + " (" + Problems.reason(e) + ")", e);
    }
    if (lock == null) {
      close(channel);
      throw new SettingsException(
          "--out "
              + shown
              + " is in use by another run of outcomes (it holds "
              + file
              + "); wait for that run to end, or choose another --out");
    }
    return new OutputLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // the lock ends with the channel anyway
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to keep: the lock ends with the process at the latest
    }
  }
}
