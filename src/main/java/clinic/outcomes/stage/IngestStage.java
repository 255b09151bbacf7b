package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.CsvRecord;
import clinic.outcomes.ingest.CsvRecordReader;
import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.RowRules;
import clinic.outcomes.output.Problems;
import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The ingest pass: reads each input file once, in order, with its physical line numbers, applies
 * the stateless row rules and the privacy guard, and streams every record (good or bad) into a
 * staging Parquet file. Whole-file problems raise {@link InputFileException} before anything is
 * written to the output folder.
 *
 * <p>Why on the driver: a record's physical line number needs a sequential scan of the file (quoted
 * fields may span lines), which Spark's CSV source does not give. The pass is a single streaming
 * read; every later step (duplicates, cross-file rules, episodes, statistics) is Spark.
 *
 * <p>The input folder may be on any Hadoop file system (see {@link Locations}); files are named in
 * messages as the user gave the folder. The staging files go to the run's temporary folder on the
 * output's file system, where a cluster's executors can read them.
 */
public final class IngestStage {
  private final SparkSession spark;
  private final String input;
  private final Path inputDir;
  private final FileSystem fs;
  private final Path stagingDir;
  private final RowRules rules;

  /**
   * {@code input} is the input folder as given (a local path or a Hadoop URI); {@code maxDate} is
   * the last valid date (the run date, or {@code --as-of}).
   */
  public IngestStage(SparkSession spark, String input, Path stagingDir, LocalDate maxDate) {
    this.spark = spark;
    this.input = input;
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    this.inputDir = Locations.qualify(input, conf);
    this.fs = Locations.fileSystem(inputDir, conf);
    this.stagingDir = stagingDir;
    this.rules = new RowRules(maxDate);
  }

  /**
   * Checks that the input folder and the required files exist, before any work.
   *
   * @throws InputFileException (exit 2) naming the folder or the missing file
   */
  public static void requireInputs(SparkSession spark, String input) {
    requireInputs(spark.sparkContext().hadoopConfiguration(), input);
  }

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

  /** Returns the staged file of {@code table}, or null when the optional file is absent. */
  public StagedFile stage(InputTable table) {
    Path source = locate(fs, inputDir, table);
    if (source == null) {
      return null;
    }
    String fileName = source.getName();
    boolean parquet = fileName.endsWith(".parquet");
    Path staging = new Path(stagingDir, table.fileBase() + ".parquet");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long[] read = {0};
    List<String> unknown;
    try (StagingWriter out = new StagingWriter(staging, StagingColumns.of(table), conf)) {
      RecordSink sink =
          (mapping, r) -> {
            read[0]++;
            out.write(StagingColumns.values(check(table, mapping, r, fileName)));
          };
      unknown =
          parquet
              ? stageParquet(source, table, fileName, sink)
              : stageCsv(source, table, fileName, sink);
    }
    return new StagedFile(
        table.fileBase(),
        fileName,
        Locations.child(input, fileName),
        sha256(fs, source, fileName),
        read[0],
        unknown,
        staging.toString());
  }

  /** Receives each record with the header mapping of its file. */
  @FunctionalInterface
  private interface RecordSink {
    void accept(HeaderMapping mapping, CsvRecord record);
  }

  private Checked<?> check(InputTable table, HeaderMapping mapping, CsvRecord r, String fileName) {
    return switch (table) {
      case SESSIONS -> rules.session(r, mapping, fileName);
      case PAIN_SCORES -> rules.score(r, mapping, fileName);
      case CLIENTS -> rules.client(r, mapping, fileName);
    };
  }

  private List<String> stageCsv(Path source, InputTable table, String fileName, RecordSink sink) {
    try (CsvRecordReader reader = CsvRecordReader.open(open(source, fileName), fileName)) {
      HeaderMapping mapping = HeaderMapping.resolve(table, fileName, reader.header());
      reader.forEachRemaining(r -> sink.accept(mapping, r));
      return mapping.unknownColumns();
    }
  }

  /** A Parquet input: each row is a record; its "line" is its 1-based ordinal. */
  private List<String> stageParquet(
      Path source, InputTable table, String fileName, RecordSink sink) {
    Dataset<Row> df;
    try {
      df = spark.read().parquet(source.toString());
    } catch (Exception e) { // Exception too: Spark throws its checked SparkException undeclared
      throw unreadableParquet(e, fileName);
    }
    String[] names = df.columns();
    HeaderMapping mapping = HeaderMapping.resolve(table, fileName, List.of(names));
    Column[] asText = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      asText[i] = functions.col("`" + names[i] + "`").cast("string");
    }
    Iterator<Row> it;
    try {
      it = df.select(asText).toLocalIterator();
    } catch (Exception e) {
      throw unreadableParquet(e, fileName);
    }
    long ordinal = 0;
    while (hasNext(it, fileName)) {
      Row row = it.next();
      List<String> fields = new ArrayList<>(names.length);
      for (int i = 0; i < names.length; i++) {
        fields.add(row.isNullAt(i) ? "" : row.getString(i));
      }
      ordinal++;
      sink.accept(mapping, new CsvRecord(ordinal, String.join(",", fields), fields));
    }
    return mapping.unknownColumns();
  }

  /**
   * Reads on in a Parquet input; a file Spark cannot read (corrupt, truncated, not Parquet) is a
   * whole-file problem (exit 2), unless the environment failed (a full disk is not the file's
   * fault).
   */
  private static boolean hasNext(Iterator<Row> it, String fileName) {
    try {
      return it.hasNext();
    } catch (Exception e) {
      throw unreadableParquet(e, fileName);
    }
  }

  private static RuntimeException unreadableParquet(Exception e, String fileName) {
    String env = Problems.environment(e);
    if (env != null && !env.equals("permission denied")) {
      return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    return new InputFileException(
        fileName,
        "is not a readable Parquet file or folder ("
            + (env != null ? env : "corrupt or truncated: Spark could not read its data")
            + ")",
        2);
  }

  /** Opens an input file; a file that cannot be opened is a whole-file problem (exit 2). */
  private InputStream open(Path file, String fileName) {
    try {
      return fs.open(file);
    } catch (FileNotFoundException e) {
      if (String.valueOf(e.getMessage()).contains("Permission denied")) {
        throw new InputFileException(fileName, "cannot be read (permission denied)", 2);
      }
      throw new InputFileException(
          fileName, "is missing (looked for " + Locations.child(input, fileName) + ")", 2);
    } catch (AccessControlException | AccessDeniedException e) {
      throw new InputFileException(fileName, "cannot be read (permission denied)", 2);
    } catch (IOException e) {
      throw new InputFileException(fileName, "cannot be read (" + e.getMessage() + ")", 2);
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

  /**
   * SHA-256 of a file, or of a folder's files (recursively, by path, skipping hidden files whose
   * names start with '.' or '_', such as {@code _SUCCESS} and checksum files).
   */
  static String sha256(FileSystem fs, Path source, String fileName) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> parts = new ArrayList<>();
      if (fs.getFileStatus(source).isDirectory()) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(source, true);
        while (it.hasNext()) {
          Path p = it.next().getPath();
          if (!p.getName().startsWith(".") && !p.getName().startsWith("_")) {
            parts.add(p);
          }
        }
        parts.sort(Comparator.comparing(Path::toString));
      } else {
        parts.add(source);
      }
      byte[] buf = new byte[1 << 16];
      for (Path p : parts) {
        try (InputStream in = new DigestInputStream(fs.open(p), md)) {
          while (in.read(buf) >= 0) {
            // digest only
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InputFileException(fileName, "cannot be read (" + e.getMessage() + ")", 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
