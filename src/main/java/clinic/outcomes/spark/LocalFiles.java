package clinic.outcomes.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), changing a file's permissions through {@code
 * java.nio} instead of a process. Without Hadoop's native library (which this project does not
 * ship), {@link RawLocalFileSystem#setPermission} starts {@code chmod} for every file and folder it
 * creates: a flight recording of a run on sample-data counted 159 such processes (every Parquet
 * file of the pass's tasks and of the driver's small tables, its checksum file, every table's
 * folder), 3 to 9 ms each on this machine against a few microseconds for the same change through
 * {@code java.nio}. Everything else is Hadoop's own: the same files, checksums and permissions.
 *
 * <p>Used where the whole run is in one JVM (an embedded Spark, {@link Sparks#session}) and by the
 * command line's own checks before Spark starts ({@link #use}); the executors of a cluster keep
 * Hadoop's class, which needs nothing of this project on their class path.
 */
public final class LocalFiles extends LocalFileSystem {
  /** The Hadoop setting that names the class of the {@code file:} scheme. */
  public static final String SETTING = "fs.file.impl";

  public LocalFiles() {
    super(new Raw());
  }

  /** Makes {@code conf} use this class for {@code file:}, unless it already names one. */
  public static Configuration use(Configuration conf) {
    if (conf.get(SETTING) == null) {
      conf.set(SETTING, LocalFiles.class.getName());
    }
    return conf;
  }

  /** The raw local file system with {@code chmod} through {@code java.nio}. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || (permission.toShort() & ~0777) != 0) { // sticky, setuid
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
      } catch (UnsupportedOperationException e) { // not a POSIX file system: Hadoop's own way
        super.setPermission(p, permission);
      }
    }
  }

  /** The POSIX permissions of a mode's nine lower bits (owner, group, others: rwx). */
  static Set<PosixFilePermission> posix(int mode) {
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(bits[i]);
      }
    }
    return s;
  }
}
