package clinic.outcomes.stage;

import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.spark.Locations;
import clinic.outcomes.spark.SerializableConf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The inputs between {@link IngestStage#read} and {@link IngestStage#finish}: their headers read,
 * the CSV files' pieces scanned, their records ready to be read by the pass's shuffle ({@link
 * #files}); and, after the pass, the rejects' raw text read again from the CSV files ({@link
 * #raw}).
 */
public final class Reading {
  final Map<InputTable, Path> sources;
  final Map<InputTable, InputFileException> failures;
  final CollectionAccumulator<PieceResult> results;
  private final JavaSparkContext jsc;
  private final String input;
  private final FileSystem fs;
  private final Path stagingDir;
  final Map<InputTable, CsvIngest.FileResult> csv = new EnumMap<>(InputTable.class);
  final Map<InputTable, ParquetIngest.Opened> parquet = new EnumMap<>(InputTable.class);
  final Map<InputTable, List<PieceResult>> parquetPieces = new EnumMap<>(InputTable.class);
  final List<FileRecords> files = new ArrayList<>();

  Reading(
      Map<InputTable, Path> sources,
      Map<InputTable, InputFileException> failures,
      CollectionAccumulator<PieceResult> results,
      JavaSparkContext jsc,
      String input,
      FileSystem fs,
      Path stagingDir) {
    this.jsc = jsc;
    this.input = input;
    this.fs = fs;
    this.stagingDir = stagingDir;
    this.sources = sources;
    this.failures = failures;
    this.results = results;
  }

  /** Every input file's records, in table order. */
  public List<FileRecords> files() {
    return List.copyOf(files);
  }

  /** Whether a file failed before its records could be read (its header, or its scan). */
  public boolean failed() {
    return !failures.isEmpty()
        || csv.values().stream().anyMatch(f -> f.sha256() == null)
        || parquetPieces.values().stream()
            .anyMatch(ps -> ps.stream().anyMatch(p -> p.failure() != null));
  }

  /**
   * The inputs' rows, to size the pass's partitions before the CSV files' records are counted: a
   * CSV file's bytes over {@code bytesPerRow}, a Parquet input's staged records.
   */
  public long estimatedRows(long bytesPerRow) {
    long rows = 0;
    for (FileRecords f : files) {
      rows += f.records() != null ? f.bytes() / bytesPerRow : 0;
    }
    for (List<PieceResult> ps : parquetPieces.values()) {
      rows += ps.stream().mapToLong(PieceResult::records).sum();
    }
    return rows;
  }

  /**
   * How many side files of session ids the ingest writes: one per piece of a CSV sessions file or
   * partition of a Parquet one (the check requires every one of them).
   */
  public int sessionIdFiles() {
    CsvIngest.FileResult f = csv.get(InputTable.SESSIONS);
    if (f != null) {
      return f.tasks().size();
    }
    List<PieceResult> ps = parquetPieces.get(InputTable.SESSIONS);
    return ps == null ? 0 : ps.size();
  }

  /** Reads the CSV files' records in a job of their own, for callers without the pass. */
  public void readAlone() {
    for (FileRecords f : files) {
      if (f.records() != null) {
        jsc.setJobDescription("ingest: read " + f.fileName());
        f.records().count();
        jsc.setJobDescription(null);
      }
    }
  }

  /**
   * The raw text of a CSV file's records at {@code lines} (sorted; null for every record), as
   * ({@code line}, {@code raw}): a Spark task per piece that may hold one of them, reading it again
   * from its first cut; a record belongs to the piece its first byte lies in, so each is found
   * once. Null when the file is not a CSV file read by Spark.
   */
  public JavaRDD<Object[]> raw(String table, long[] lines, Configuration conf) {
    InputTable t = InputTable.ofFileBase(table);
    CsvIngest.FileResult f = csv.get(t);
    if (f == null || f.tasks().isEmpty()) {
      return null;
    }
    try {
      long now = fs.getFileStatus(new Path(f.file().path())).getLen();
      if (now != f.file().length()) {
        throw new InputFileException(
            f.file().fileName(),
            "changed while the run read it ("
                + f.file().length()
                + " bytes, now "
                + now
                + "); run again on a copy that stays put",
            InputFileException.EXIT_CONTRACT);
      }
    } catch (java.io.IOException e) {
      throw CsvIngest.unreadable(f.file(), e);
    }
    List<CsvIngest.ParseTask> tasks = f.tasks();
    List<PieceLines> work = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      // A piece's records start on lines from its first line to the next piece's first line.
      long from = tasks.get(i).firstLine();
      long to = i + 1 < tasks.size() ? tasks.get(i + 1).firstLine() : Long.MAX_VALUE;
      if (lines == null) {
        work.add(new PieceLines(tasks.get(i), null));
        continue;
      }
      int a = lowerBound(lines, from);
      int b = lowerBound(lines, to == Long.MAX_VALUE ? to : to + 1);
      if (a < b) {
        work.add(new PieceLines(tasks.get(i), Arrays.copyOfRange(lines, a, b)));
      }
    }
    if (work.isEmpty()) {
      return jsc.emptyRDD();
    }
    SerializableConf shipped = new SerializableConf(conf);
    return jsc.parallelize(work, work.size())
        .flatMap(w -> CsvIngest.raw(w.task(), shipped.get(), w.lines()).iterator());
  }

  /**
   * The inputs once their records have been read: each file's records, latest valid date and hash.
   *
   * @throws InputFileException the first whole-file problem, in table order then file order; or
   *     when {@code sessions} or {@code pain_scores} has no record
   */
  Ingested finish() {
    Map<InputTable, List<PieceResult>> byTable = new EnumMap<>(InputTable.class);
    if (results != null) {
      // One result per piece: a piece read twice (a retried stage) reports the same records.
      Map<String, PieceResult> once = new HashMap<>();
      for (PieceResult p : results.value()) {
        once.putIfAbsent(p.table() + "/" + p.piece(), p);
      }
      for (PieceResult p : once.values()) {
        byTable.computeIfAbsent(InputTable.values()[p.table()], k -> new ArrayList<>()).add(p);
      }
    }
    Map<InputTable, StagedFile> staged = new EnumMap<>(InputTable.class);
    Map<String, List<Object[]>> held = new HashMap<>();
    Map<InputTable, InputFileException> problems = new EnumMap<>(InputTable.class);
    problems.putAll(failures);
    for (CsvIngest.FileResult f : csv.values()) {
      InputTable t = f.file().table();
      List<PieceResult> pieces = new ArrayList<>(f.pieces());
      pieces.addAll(byTable.getOrDefault(t, List.of()));
      if (jsc == null) {
        held.put(t.fileBase(), heldRows(pieces));
      }
      if (jsc != null && f.sha256() != null && pieces.size() != f.tasks().size()) {
        throw new IllegalStateException(
            f.file().fileName()
                + ": "
                + pieces.size()
                + " of "
                + f.tasks().size()
                + " pieces read");
      }
      staged.put(
          t,
          staged(
              t,
              sources.get(t),
              f.file().mapping(),
              f.sha256(),
              f.pieceBytes(),
              pieces,
              problems,
              false));
    }
    for (Map.Entry<InputTable, ParquetIngest.Opened> e : parquet.entrySet()) {
      InputTable t = e.getKey();
      staged.put(
          t,
          staged(
              t,
              sources.get(t),
              e.getValue().mapping(),
              null,
              0,
              parquetPieces.get(t),
              problems,
              true));
    }
    for (InputTable t : InputTable.values()) {
      if (problems.containsKey(t)) {
        throw problems.get(t);
      }
    }
    for (InputTable t : List.of(InputTable.SESSIONS, InputTable.PAIN_SCORES)) {
      requireRows(staged.get(t));
    }
    return new Ingested(
        staged.get(InputTable.SESSIONS),
        staged.get(InputTable.PAIN_SCORES),
        staged.get(InputTable.CLIENTS),
        jsc == null ? new HeldRows(held) : HeldRows.none(),
        jsc == null ? null : this);
  }

  /** The records the local engine's pieces of one file held, in file order. */
  private static List<Object[]> heldRows(List<PieceResult> pieces) {
    List<PieceResult> inOrder = new ArrayList<>(pieces);
    inOrder.sort(Comparator.comparingInt(PieceResult::piece));
    List<Object[]> rows = new ArrayList<>();
    for (PieceResult p : inOrder) {
      if (p.rows() != null) {
        rows.addAll(p.rows());
      }
    }
    return rows;
  }

  /** A file's staged result; its first problem in file order goes to {@code failures}. */
  private StagedFile staged(
      InputTable t,
      Path source,
      HeaderMapping mapping,
      String sha256,
      long pieceBytes,
      List<PieceResult> pieces,
      Map<InputTable, InputFileException> failures,
      boolean stagedParquet) {
    long read = 0;
    long latest = Long.MIN_VALUE;
    InputFileException first = null;
    int firstPiece = Integer.MAX_VALUE;
    for (PieceResult p : pieces) {
      read += p.records();
      latest = Math.max(latest, p.latestValidDay());
      if (p.failure() != null && p.piece() < firstPiece) {
        first = p.failure();
        firstPiece = p.piece();
      }
    }
    if (first != null) {
      failures.put(t, first);
      return null;
    }
    String fileName = source.getName();
    return new StagedFile(
        t.fileBase(),
        fileName,
        Locations.child(input, fileName),
        sha256 != null ? sha256 : IngestStage.sha256(fs, source, fileName),
        pieceBytes,
        read,
        latest,
        mapping.unknownColumns(),
        stagedParquet ? ParquetIngest.staging(stagingDir, t) : null,
        jsc != null && t == InputTable.SESSIONS
            ? new Path(stagingDir, SessionIds.DIR).toString()
            : null);
  }

  /**
   * A required file (sessions, pain scores) with a header and no record leaves nothing to analyse:
   * exit 2, before any output.
   */
  private static void requireRows(StagedFile file) {
    if (file.read() == 0) {
      throw new InputFileException(
          file.fileName(),
          "has no rows (only a header); there is nothing to analyse",
          InputFileException.EXIT_CONTRACT);
    }
  }

  /** A piece to read again and the lines wanted from it (null: every record). */
  private record PieceLines(CsvIngest.ParseTask task, long[] lines)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The first index of {@code sorted} whose value is at least {@code v}. */
  private static int lowerBound(long[] sorted, long v) {
    int i = Arrays.binarySearch(sorted, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == v) {
      i--;
    }
    return i;
  }
}
