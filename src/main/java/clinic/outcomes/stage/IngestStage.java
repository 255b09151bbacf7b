package clinic.outcomes.stage;

import clinic.outcomes.ingest.CsvRecordReader;
import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.RowRules;
import clinic.outcomes.spark.Locations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The ingest stage: reads every input file once, on the executors, with its physical line numbers,
 * and applies the stateless row rules and the privacy guard to every record (good or bad). A CSV
 * file's records go from the parse straight to the pass's shuffle by client ({@link #read}, {@link
 * Reading}); a Parquet input is staged as Parquet in the run's temporary folder; the local engine
 * holds the records in memory. Whole-file problems raise {@link InputFileException} before anything
 * is written to the output folder.
 *
 * <p>The driver reads and checks each CSV header, then the files are read in pieces of {@value
 * #DEFAULT_PIECE_BYTES} bytes (setting {@value #PIECE_BYTES_SETTING}) in two Spark jobs, as {@link
 * CsvIngest} describes; a Parquet input is checked by its partitions ({@link ParquetIngest}). A
 * record's line number and raw text are those of a sequential read of the file, whatever the piece
 * size or the number of executors.
 *
 * <p>When several files have problems, the first in table order (sessions, pain scores, clients) is
 * reported, and within a file the first in file order, so a run fails the same way every time.
 *
 * <p>The input folder may be on any Hadoop file system (see {@link Locations}); files are named in
 * messages as the user gave the folder. The staging files go to the run's temporary folder on the
 * output's file system, where a cluster's executors can read them.
 */
public final class IngestStage {
  /** The Spark setting of the piece size in bytes (tests set it tiny to cut records everywhere). */
  public static final String PIECE_BYTES_SETTING = "spark.outcomes.ingest.pieceBytes";

  /** The default piece size: 16 MiB. */
  public static final long DEFAULT_PIECE_BYTES = 16L << 20;

  /** The smallest piece size (a byte order mark fits in the first piece). */
  static final long MIN_PIECE_BYTES = 4;

  private final SparkSession spark;
  private final Configuration conf;
  private final long pieceBytes;
  private final long hashBytes;
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
    this(spark, sparkPieceBytes(spark), input, stagingDir, maxDate);
  }

  private IngestStage(
      SparkSession spark, long pieceBytes, String input, Path stagingDir, LocalDate maxDate) {
    this(
        spark,
        spark.sparkContext().hadoopConfiguration(),
        pieceBytes,
        pieceBytes,
        input,
        stagingDir,
        maxDate);
  }

  /** The pieces of a Spark run: the setting {@value #PIECE_BYTES_SETTING}, at least 4 bytes. */
  private static long sparkPieceBytes(SparkSession spark) {
    return Math.max(
        MIN_PIECE_BYTES,
        Long.parseLong(spark.conf().get(PIECE_BYTES_SETTING, "" + DEFAULT_PIECE_BYTES)));
  }

  /**
   * The local engine's pieces: {@value #LOCAL_PIECE_BYTES} bytes, so that its threads share even a
   * single large file. The files are still hashed in pieces of {@value #DEFAULT_PIECE_BYTES} bytes,
   * Spark's default, so that {@code run.json} gives the same SHA-256 whichever engine ran: for
   * every file of 16 MiB or less the plain digest, as {@code sha256sum} prints it.
   */
  static final long LOCAL_PIECE_BYTES = 2L << 20;

  /**
   * The local engine's ingest: the pieces read by this JVM's threads, no Spark session, the records
   * held in memory ({@link HeldRows}); CSV inputs only (the local engine is chosen only for them).
   */
  public IngestStage(Configuration conf, String input, Path stagingDir, LocalDate maxDate) {
    this(null, conf, LOCAL_PIECE_BYTES, DEFAULT_PIECE_BYTES, input, stagingDir, maxDate);
  }

  /**
   * The local engine's ingest reading pieces of {@code pieceBytes} and hashing pieces of {@code
   * hashBytes} (tests: many pieces of each).
   */
  IngestStage(
      Configuration conf,
      long pieceBytes,
      long hashBytes,
      String input,
      Path stagingDir,
      LocalDate maxDate) {
    this(null, conf, pieceBytes, hashBytes, input, stagingDir, maxDate);
  }

  private IngestStage(
      SparkSession spark,
      Configuration conf,
      long pieceBytes,
      long hashBytes,
      String input,
      Path stagingDir,
      LocalDate maxDate) {
    this.spark = spark;
    this.conf = conf;
    this.pieceBytes = pieceBytes;
    this.hashBytes = hashBytes;
    this.input = input;
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
    InputFolder.requireInputs(spark.sparkContext().hadoopConfiguration(), input);
  }

  /**
   * Reads and stages every input file: the local engine's records held in memory; a Spark run's
   * records read by a job of their own ({@link #read}, then {@link Reading#readAlone}, then {@link
   * #finish}), for callers that do not feed them to the pass's shuffle (tests).
   *
   * @throws InputFileException the first whole-file problem, in table order then file order; or
   *     when {@code sessions} or {@code pain_scores} has no record
   */
  public Ingested run() {
    Reading r = read();
    if (spark != null) {
      r.readAlone();
    }
    return finish(r);
  }

  /**
   * The inputs as they are about to be read: the headers read and checked, the CSV files' pieces
   * scanned (one Spark job), a Parquet input checked and staged (its own jobs); a CSV file's
   * records are a Spark dataset read by the first job that asks for them, the pass's shuffle
   * ({@link Reading#files}). The local engine reads and holds every record here.
   */
  public Reading read() {
    // The headers first, on the driver; a file after one whose header fails is not read.
    Map<InputTable, Path> sources = new EnumMap<>(InputTable.class);
    Map<InputTable, InputFileException> failures = new EnumMap<>(InputTable.class);
    List<CsvIngest.CsvFile> csv = new ArrayList<>();
    Map<InputTable, ParquetIngest.Opened> parquet = new EnumMap<>(InputTable.class);
    for (InputTable t : InputTable.values()) {
      Path source = InputFolder.locate(fs, inputDir, t);
      if (source == null) {
        continue;
      }
      sources.put(t, source);
      String fileName = source.getName();
      try {
        if (fileName.endsWith(".parquet")) {
          if (spark == null) {
            throw new IllegalStateException("the local engine reads CSV inputs only: " + fileName);
          }
          parquet.put(t, ParquetIngest.open(spark, t, source, fileName));
        } else {
          csv.add(
              new CsvIngest.CsvFile(
                  t, fileName, source.toString(), length(source), header(t, source)));
        }
      } catch (InputFileException e) {
        failures.put(t, e);
        break;
      }
    }
    JavaSparkContext jsc =
        spark == null ? null : JavaSparkContext.fromSparkContext(spark.sparkContext());
    CollectionAccumulator<PieceResult> results =
        jsc == null ? null : jsc.sc().collectionAccumulator("outcomes: pieces read");
    Reading r = new Reading(sources, failures, results, jsc, input, fs, stagingDir);
    for (CsvIngest.FileResult f :
        CsvIngest.run(jsc, conf, csv, pieceBytes, hashBytes, rules, stagingDir)) {
      InputTable t = f.file().table();
      JavaRDD<Object[]> records =
          jsc == null || f.tasks().isEmpty()
              ? null
              : CsvIngest.records(jsc, f.tasks(), conf, results);
      r.csv.put(t, f);
      r.files.add(
          new FileRecords(
              t.fileBase(),
              f.file().fileName(),
              StagingColumns.schema(t),
              records,
              null,
              f.file().length()));
    }
    for (Map.Entry<InputTable, ParquetIngest.Opened> e : parquet.entrySet()) {
      InputTable t = e.getKey();
      Path source = sources.get(t);
      List<PieceResult> pieces =
          ParquetIngest.run(jsc, e.getValue(), rules, source.getName(), stagingDir);
      r.parquet.put(t, e.getValue());
      r.parquetPieces.put(t, pieces);
      long bytes = length(source);
      r.files.add(
          new FileRecords(
              t.fileBase(),
              source.getName(),
              StagingColumns.schema(t),
              null,
              ParquetIngest.staging(stagingDir, t),
              bytes));
    }
    r.files.sort(
        java.util.Comparator.comparingInt(f -> InputTable.ofFileBase(f.table()).ordinal()));
    return r;
  }

  /**
   * The inputs once their records have been read (by the pass's shuffle, or {@link
   * Reading#readAlone}): each file's records, latest valid date and hash.
   *
   * @throws InputFileException the first whole-file problem, in table order then file order; or
   *     when {@code sessions} or {@code pain_scores} has no record
   */
  public Ingested finish(Reading r) {
    return r.finish();
  }

  /** Reads and checks a CSV file's header on the driver. */
  private HeaderMapping header(InputTable table, Path source) {
    String fileName = source.getName();
    try (CsvRecordReader reader = CsvRecordReader.open(open(source, fileName), fileName)) {
      return HeaderMapping.resolve(table, fileName, reader.header());
    }
  }

  private long length(Path source) {
    try {
      return fs.getFileStatus(source).getLen();
    } catch (IOException e) {
      throw new InputFileException(source.getName(), "cannot be read (" + e.getMessage() + ")", 2);
    }
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
