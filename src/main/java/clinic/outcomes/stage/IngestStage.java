package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.CsvRecord;
import clinic.outcomes.ingest.CsvRecordReader;
import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.RowRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
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
 * <p>Why on the driver: a record's physical line number needs a sequential scan of the file
 * (quoted fields may span lines), which Spark's CSV source does not give. The pass is a single
 * streaming read; every later step (duplicates, cross-file rules, episodes, statistics) is Spark.
 */
public final class IngestStage {
  private final SparkSession spark;
  private final Path inputDir;
  private final Path stagingDir;
  private final RowRules rules;

  /** {@code maxDate} is the last valid date (the run date, or {@code --as-of}). */
  public IngestStage(SparkSession spark, Path inputDir, Path stagingDir, LocalDate maxDate) {
    this.spark = spark;
    this.inputDir = inputDir;
    this.stagingDir = stagingDir;
    this.rules = new RowRules(maxDate);
  }

  /** Checks that the required files exist, before any work. */
  public static void requireInputs(Path inputDir) {
    if (!Files.isDirectory(inputDir)) {
      throw new InputFileException(inputDir.toString(), "the input folder does not exist", 2);
    }
    for (InputTable t : List.of(InputTable.SESSIONS, InputTable.PAIN_SCORES)) {
      if (locate(inputDir, t) == null) {
        throw new InputFileException(
            inputDir.resolve(t.fileBase() + ".csv").toString(),
            "the required file is missing (neither " + t.fileBase() + ".csv nor "
                + t.fileBase() + ".parquet is in " + inputDir + ")",
            2);
      }
    }
  }

  /** Returns the staged file of {@code table}, or null when the optional file is absent. */
  public StagedFile stage(InputTable table) {
    Path source = locate(inputDir, table);
    if (source == null) {
      return null;
    }
    boolean parquet = source.getFileName().toString().endsWith(".parquet");
    String fileName = source.getFileName().toString();
    Path staging = stagingDir.resolve(table.fileBase() + ".parquet");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long[] read = {0};
    List<String> unknown;
    try (StagingWriter out =
        new StagingWriter(
            new org.apache.hadoop.fs.Path(staging.toUri()), StagingColumns.of(table), conf)) {
      RecordSink sink =
          (mapping, r) -> {
            read[0]++;
            out.write(StagingColumns.values(check(table, mapping, r, fileName)));
          };
      unknown = parquet ? stageParquet(source, table, fileName, sink) : stageCsv(source, table, fileName, sink);
    }
    return new StagedFile(
        table.fileBase(), fileName, source.toString(), sha256(source), read[0], unknown,
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

  private List<String> stageCsv(
      Path source, InputTable table, String fileName, RecordSink sink) {
    try (CsvRecordReader reader = CsvRecordReader.open(source)) {
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
    } catch (RuntimeException e) {
      throw new InputFileException(fileName, "is not a readable Parquet file or folder", 2);
    }
    String[] names = df.columns();
    HeaderMapping mapping = HeaderMapping.resolve(table, fileName, List.of(names));
    Column[] asText = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      asText[i] = functions.col("`" + names[i] + "`").cast("string");
    }
    Iterator<Row> it = df.select(asText).toLocalIterator();
    long ordinal = 0;
    while (it.hasNext()) {
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

  static Path locate(Path inputDir, InputTable table) {
    Path csv = inputDir.resolve(table.fileBase() + ".csv");
    if (Files.isRegularFile(csv)) {
      return csv;
    }
    Path parquet = inputDir.resolve(table.fileBase() + ".parquet");
    return Files.exists(parquet) ? parquet : null;
  }

  static String sha256(Path source) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> parts;
      if (Files.isDirectory(source)) {
        try (Stream<Path> s = Files.list(source)) {
          parts = s.filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> !p.getFileName().toString().startsWith("_"))
              .sorted().toList();
        }
      } else {
        parts = List.of(source);
      }
      byte[] buf = new byte[1 << 16];
      for (Path p : parts) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
          while (in.read(buf) >= 0) {
            // digest only
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
