package clinic.outcomes.stage;

import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The input folder's files, before anything is read: which exist, which is read for each table
 * ({@code NAME.csv}, else {@code NAME.parquet}), and whether the whole input is small local CSV
 * (the local engine's).
 */
public final class InputFolder {
  private InputFolder() {}

  /**
   * Checks that the input folder and the required files exist, before Spark starts (the command
   * line does this for a local input folder).
   *
   * @throws InputFileException (exit 2) naming the folder or the missing file
   */
  public static void requireInputs(Configuration conf, String input) {
    Path dir;
    FileSystem fs;
    try {
      dir = Locations.qualify(input, conf);
      fs = Locations.fileSystem(dir, conf);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new InputFileException(
          input,
          "the input folder cannot be reached ("
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
              + ")",
          2);
    }
    FileStatus status = status(fs, dir, input);
    if (status == null) {
      throw new InputFileException(input, "the input folder does not exist", 2);
    }
    if (!status.isDirectory()) {
      throw new InputFileException(
          input,
          "is a file, not the input folder (--input names the folder"
              + " that holds sessions.csv and pain_scores.csv)",
          2);
    }
    for (InputTable t : List.of(InputTable.SESSIONS, InputTable.PAIN_SCORES)) {
      FileStatus csv = status(fs, new Path(dir, t.fileBase() + ".csv"), t.fileBase() + ".csv");
      if (locate(fs, dir, t) == null && csv != null && csv.isDirectory()) {
        throw new InputFileException(
            Locations.child(input, t.fileBase() + ".csv"),
            "is a folder, not a file (a CSV input is one file; a folder of Parquet files is read when"
                + " it is named "
                + t.fileBase()
                + ".parquet)",
            2);
      }
      if (locate(fs, dir, t) == null) {
        throw new InputFileException(
            Locations.child(input, t.fileBase() + ".csv"),
            "the required file is missing (neither "
                + t.fileBase()
                + ".csv nor "
                + t.fileBase()
                + ".parquet is in "
                + input
                + ")",
            2);
      }
    }
  }

  /**
   * Whether every input file of {@code input} is a CSV file on the local file system, {@code limit}
   * bytes at most in all (the local engine's inputs). False, without an error, for anything else,
   * missing files included: the Spark engine then reports them as it always has.
   */
  public static boolean smallLocalCsv(Configuration conf, String input, long limit) {
    try {
      Path dir = Locations.qualify(input, conf);
      if (!"file".equals(dir.toUri().getScheme())) {
        return false;
      }
      FileSystem fs = Locations.fileSystem(dir, conf);
      long bytes = 0;
      for (InputTable t : InputTable.values()) {
        Path source = locate(fs, dir, t);
        if (source == null) {
          continue;
        }
        FileStatus s = fs.getFileStatus(source);
        if (!source.getName().endsWith(".csv") || !s.isFile()) {
          return false;
        }
        bytes += s.getLen();
      }
      return bytes <= limit;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code NAME.csv} when it is a file, else {@code NAME.parquet} (file or folder), else null. */
  static Path locate(FileSystem fs, Path inputDir, InputTable table) {
    Path csv = new Path(inputDir, table.fileBase() + ".csv");
    FileStatus c = status(fs, csv, table.fileBase() + ".csv");
    if (c != null && c.isFile()) {
      return csv;
    }
    Path parquet = new Path(inputDir, table.fileBase() + ".parquet");
    return status(fs, parquet, table.fileBase() + ".parquet") != null ? parquet : null;
  }

  /** The file's status, or null when it does not exist. */
  private static FileStatus status(FileSystem fs, Path p, String shown) {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new InputFileException(shown, "cannot be read (" + e.getMessage() + ")", 2);
    }
  }
}
