package clinic.outcomes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalFiles} against Hadoop's own local file system: the same files, checksum files and
 * permissions for the same calls (Hadoop's sets them with a {@code chmod} process, this class
 * through {@code java.nio}).
 */
class LocalFilesTest {
  @TempDir java.nio.file.Path tmp;

  @Test
  void theModeBitsAreChmodsOwn() {
    for (String[] m :
        new String[][] {
          {"644", "rw-r--r--"}, {"755", "rwxr-xr-x"}, {"700", "rwx------"}, {"0", "---------"},
          {"777", "rwxrwxrwx"}, {"640", "rw-r-----"}, {"1", "--------x"}, {"400", "r--------"}
        }) {
      assertEquals(
          PosixFilePermissions.fromString(m[1]), LocalFiles.posix(Integer.parseInt(m[0], 8)), m[0]);
    }
  }

  @Test
  void writesWhatHadoopsLocalFileSystemWrites() throws IOException {
    Configuration conf = new Configuration();
    FileSystem hadoops = new LocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), conf);
    FileSystem mine = new LocalFiles();
    mine.initialize(java.net.URI.create("file:///"), conf);
    for (FileSystem fs : new FileSystem[] {hadoops, mine}) {
      String name = fs == mine ? "mine" : "hadoops";
      Path dir = new Path(tmp.resolve(name).toUri());
      assertTrue(fs.mkdirs(new Path(dir, "a/b"), new FsPermission((short) 0750)));
      try (FSDataOutputStream out =
          fs.create(
              new Path(dir, "a/b/f.bin"),
              new FsPermission((short) 0640),
              true,
              4096,
              (short) 1,
              1 << 20,
              null)) {
        out.write(new byte[] {1, 2, 3});
      }
      try (FSDataOutputStream out = fs.create(new Path(dir, "g.bin"))) {
        out.write(4);
      }
      fs.setPermission(new Path(dir, "g.bin"), new FsPermission((short) 0604));
    }
    assertEquals(listing(tmp.resolve("hadoops")), listing(tmp.resolve("mine")));
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(tmp.resolve("mine/a/b/f.bin"))));
  }

  @Test
  void aConfigurationNamesItForFileUnlessItNamesAnother() {
    Configuration conf = new Configuration(false);
    assertEquals(LocalFiles.class.getName(), LocalFiles.use(conf).get(LocalFiles.SETTING));
    conf.set(LocalFiles.SETTING, LocalFileSystem.class.getName());
    assertEquals(LocalFileSystem.class.getName(), LocalFiles.use(conf).get(LocalFiles.SETTING));
  }

  /** Every file and folder under {@code root} with its permissions and size, in name order. */
  private static String listing(java.nio.file.Path root) throws IOException {
    StringBuilder s = new StringBuilder();
    try (var paths = Files.walk(root)) {
      for (java.nio.file.Path p : paths.sorted().toList()) {
        s.append(root.relativize(p))
            .append(' ')
            .append(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .append(' ')
            .append(Files.isDirectory(p) ? "dir" : Files.size(p))
            .append('\n');
      }
    }
    return s.toString();
  }
}
