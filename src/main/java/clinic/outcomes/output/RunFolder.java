package clinic.outcomes.output;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A run's output folder, written in a temporary sibling folder and moved into place only when
 * complete: a run that fails or is killed leaves the previous output untouched (a killed run may
 * leave a {@code .NAME.tmp-*} folder beside it, which the next run removes; see {@link
 * OutputGuard}, which checks the folder before a run).
 *
 * <p>The folder may be on any Hadoop file system (see {@link Locations}). Spark writes the tables
 * straight into the temporary folder ({@link #tables()}); the driver writes its own files
 * (run.json, rejects.csv, reports, charts) into {@link #temp()}, which is that same folder when the
 * output is local, and otherwise a local folder copied into it at {@link #commit()}. The move into
 * place is a rename on the output's file system: atomic on a local disk and on HDFS; on an object
 * store (S3, GCS) a rename is a copy, so readers may see a partial folder while it runs.
 */
public final class RunFolder {
  /**
   * The temporary folder is private to its owner, as {@code Files.createTempDirectory} makes a
   * local one.
   */
  private static final FsPermission OWNER_ONLY = new FsPermission((short) 0700);

  private final FileSystem fs;
  private final Path target;
  private final Path tables;
  private final java.nio.file.Path files;
  private final String shown;

  private RunFolder(
      FileSystem fs, Path target, Path tables, java.nio.file.Path files, String shown) {
    this.fs = fs;
    this.target = target;
    this.tables = tables;
    this.files = files;
    this.shown = shown;
  }

  /** Creates the temporary folder next to {@code out} (a local path or a Hadoop URI, as given). */
  public static RunFolder create(String out, Configuration conf) {
    Path abs;
    try {
      abs = Locations.qualify(out, conf);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new SettingsException(
          "--out "
              + out
              + ": no file system to write it ("
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
              + ")");
    }
    FileSystem fs = Locations.fileSystem(abs, conf);
    boolean local = Locations.isLocal(abs);
    try {
      if (abs.getParent() == null) {
        throw new IOException("the output folder cannot be a file system's root");
      }
      fs.mkdirs(abs.getParent());
      removeStale(fs, abs);
      String prefix = "." + abs.getName() + ".tmp-";
      if (local) {
        java.nio.file.Path temp =
            Files.createTempDirectory(Locations.toLocal(abs.getParent()), prefix);
        return new RunFolder(
            fs,
            abs,
            new Path("file", null, temp.toString()),
            temp,
            Locations.toLocal(abs).toString());
      }
      Path temp = new Path(abs.getParent(), prefix + randomSuffix());
      if (!fs.mkdirs(temp, OWNER_ONLY)) {
        throw new IOException("cannot create " + temp);
      }
      fs.setPermission(temp, OWNER_ONLY); // mkdirs applies the umask
      return new RunFolder(
          fs, abs, temp, Files.createTempDirectory("outcomes-run-"), abs.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a folder next to " + (local ? Locations.toLocal(abs) : abs), e);
    }
  }

  /** Where the driver writes its files until {@link #commit()} (a local folder). */
  public java.nio.file.Path temp() {
    return files;
  }

  /** The temporary folder on the output's file system, where Spark writes the tables. */
  public Path tables() {
    return tables;
  }

  /** The temporary folder's intermediate tables ({@code _staging}), removed before the commit. */
  public Path staging() {
    return new Path(tables, "_staging");
  }

  /** Deletes {@link #staging()}. */
  public void deleteStaging() {
    try {
      fs.delete(staging(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + staging(), e);
    }
  }

  /** The final location: a local path, or the qualified URI of another file system. */
  public String target() {
    return shown;
  }

  /**
   * Replaces the target by the temporary folder (with the driver's files copied in first, and the
   * {@link RunMarker} listing what the run wrote). The target is checked again first: a file the
   * user put into it while the run worked stops the commit ({@link SettingsException}), so it is
   * never replaced. Two renames: the target aside as {@code .NAME.old-PID}, the new folder into
   * place; a kill between them leaves no target, and the next run's {@link OutputGuard} puts the
   * old one back.
   */
  public void commit() {
    try {
      if (!files.equals(localTables())) {
        upload();
      }
      writeMarker();
      OutputGuard.checkContents(fs, target, shown);
      Path old = null;
      if (fs.exists(target)) {
        old =
            new Path(
                target.getParent(),
                "." + target.getName() + ".old-" + ProcessHandle.current().pid());
        fs.delete(old, true);
        rename(target, old);
      }
      rename(tables, target);
      if (old != null) {
        deleteQuietly(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the finished output into " + shown, e);
    }
  }

  /** Writes the {@link RunMarker} into the temporary folder, listing its entries. */
  private void writeMarker() throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(tables)) {
      names.add(s.getPath().getName());
    }
    names.add(OutputGuard.MARKER);
    try (FSDataOutputStream out = fs.create(new Path(tables, OutputGuard.MARKER), true)) {
      out.write(RunMarker.text(names).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Deletes the previous output once the new one is in place; a failure leaves it for the next run,
   * which removes it (the new output is complete either way).
   */
  private void deleteQuietly(Path old) {
    try {
      fs.delete(old, true);
    } catch (IOException e) {
      // the next run into the same folder removes it (OutputGuard)
    }
  }

  /** Removes the temporary folder of a failed run. */
  public void abandon() {
    try {
      fs.delete(tables, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + tables, e);
    }
    if (!files.equals(localTables())) {
      deleteTree(files);
    }
  }

  private java.nio.file.Path localTables() {
    return Locations.isLocal(tables) ? Locations.toLocal(tables) : null;
  }

  /** Copies the driver's local files into the temporary folder on the output's file system. */
  private void upload() throws IOException {
    try (Stream<java.nio.file.Path> s = Files.list(files)) {
      for (java.nio.file.Path p : s.sorted().toList()) {
        fs.copyFromLocalFile(
            false,
            true,
            new Path("file", null, p.toString()),
            new Path(tables, p.getFileName().toString()));
      }
    }
    deleteTree(files);
  }

  private void rename(Path from, Path to) throws IOException {
    // Hadoop's rename reports most failures by returning false rather than by an exception.
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private static void removeStale(FileSystem fs, Path abs) throws IOException {
    String prefix = "." + abs.getName() + ".tmp-";
    FileStatus[] siblings;
    try {
      siblings = fs.listStatus(abs.getParent());
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus s : siblings) {
      if (s.getPath().getName().startsWith(prefix)) {
        fs.delete(s.getPath(), true);
      }
    }
  }

  private static String randomSuffix() {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Deletes a local folder tree if it exists. */
  public static void deleteTree(java.nio.file.Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(java.nio.file.Path dir, IOException exc)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
