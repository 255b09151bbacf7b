package clinic.outcomes.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Input and output locations as the user gives them: a local path (relative to the working folder)
 * or any Hadoop file-system URI Spark can read ({@code file:}, {@code hdfs:}, {@code s3a:}, {@code
 * abfs:}, {@code gs:}, {@code viewfs:} ... with its connector on the classpath). A path without a
 * scheme is on Hadoop's default file system ({@code fs.defaultFS}): the local one unless the Hadoop
 * configuration says otherwise, as on a YARN cluster. As in Hadoop, a location is read as a URI, so
 * a ':' before the first '/' starts a scheme, and {@code %20} is taken literally (write the space).
 */
public final class Locations {
  private Locations() {}

  /**
   * The fully qualified Hadoop path of {@code given} (scheme, authority, absolute path).
   *
   * @throws UncheckedIOException when no file system serves the scheme, or it cannot be reached
   */
  public static Path qualify(String given, Configuration conf) {
    Path p = new Path(given);
    try {
      return p.getFileSystem(conf).makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException(given + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system of a qualified path; for the local file system its raw form, which neither
   * writes nor checks {@code .crc} checksum files beside the files it handles.
   */
  public static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /** True when a qualified path is on the local file system ({@code file:}). */
  public static boolean isLocal(Path qualified) {
    return "file".equals(qualified.toUri().getScheme());
  }

  /** The {@code java.nio} form of a qualified local path. */
  public static java.nio.file.Path toLocal(Path qualified) {
    if (!isLocal(qualified)) {
      throw new IllegalArgumentException("not a local path: " + qualified);
    }
    return java.nio.file.Path.of(qualified.toUri().getPath());
  }

  /** How a child of a location is named in messages: as given, then {@code /name}. */
  public static String child(String given, String name) {
    return given.endsWith("/") ? given + name : given + "/" + name;
  }
}
