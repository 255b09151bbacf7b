package clinic.outcomes.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.spark.Schemas;
import clinic.outcomes.spark.SerializableConf;
import clinic.outcomes.stage.FileRecords;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.Reading;
import clinic.outcomes.stage.SessionIds;
import clinic.outcomes.stage.StagedFile;
import clinic.outcomes.validate.Validated.Accounting;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of validation, around the client pass that judges each client's records ({@link
 * ClientJudge}):
 *
 * <ol>
 *   <li>the lean global check ({@link #conflicts}): the one key not confined to one client is a
 *       session's {@code session_id}; the ingest's side files hold each passing session's id and
 *       fingerprint hashes ({@code fp64}, {@code fp32}), and one job without a shuffle finds the
 *       ids with more than one distinct passing fingerprint, which the pass flags ({@link
 *       Conflicts}); {@link #conflictingSessions} does the same over staged sessions given as a
 *       Spark dataset;
 *   <li>the pass's input ({@link #input}): the records of every file without their raw text, in one
 *       layout ({@link #INPUT}) packed for the shuffle ({@link PackedInput}), to be shuffled once
 *       by client (a CSV file's straight from its parse, {@link PassRows});
 *   <li>after the pass, the rejected rows joined to their raw text by line, read again from the
 *       input ({@link #rejects}), and the accounting per file ({@link #accounting}).
 * </ol>
 */
public final class ValidationStage {
  /**
   * The pass's input: every staged row of every file, its fingerprint as two independent hashes (64
   * + 32 bits; rows are compared only with rows of one client and file, so a false "identical"
   * needs two different rows of one client to collide on 96 bits), {@code bucket} the 64-bit hash
   * where the client is missing (such rows are grouped by it, never all together), {@code
   * conflicting} the global verdict on a session's id. The other columns are the files' typed
   * values, null where a file has none; {@code date} is a session's date or a score's {@code
   * recorded_on}.
   */
  public static final StructType INPUT =
      Schemas.of(
          "kind int",
          "bucket long",
          "line long",
          "row_reasons string",
          "fp64 long",
          "fp32 int",
          "conflicting boolean",
          "client_id string",
          "session_id string",
          "therapist_id string",
          "date date",
          "technique string",
          "duration_min int",
          "adverse_event string",
          "home_exercise string",
          "moment string",
          "measure string",
          "score_tenths int",
          "age_band string",
          "sex string",
          "condition string",
          "symptom_weeks int",
          "co_treatment string",
          "contraindications string",
          "medical_clearance string");

  /** Up to this many conflicting session ids travel with the tasks; more are joined. */
  static final int FEW_CONFLICTS = 10_000;

  /** The setting that overrides {@link #FEW_CONFLICTS} (tests use 0 to force the join). */
  public static final String FEW_CONFLICTS_SETTING = "spark.outcomes.validate.fewConflicts";

  /** Up to this many rejects of one file are joined to their raw text without a shuffle. */
  private static final long BROADCAST_REJECTS = 500_000;

  private final SparkSession spark;

  public ValidationStage(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The pass's input from the ingest's reading, packed for the shuffle by client ({@link
   * PackedInput}): a CSV file's records as its tasks parse them ({@link PassRows}: no staging
   * copy), a Parquet input's staging file; {@code conflicting} false (the pass flags what {@link
   * #conflicts} finds once the records are read). Null when no file has records to read (every one
   * failed before: the ingest reports it).
   */
  public Dataset<Row> input(Reading r) {
    Dataset<Row> all = null;
    for (FileRecords f : r.files()) {
      int kind = kind(f.table());
      Dataset<Row> part =
          f.records() != null
              ? PassRows.of(spark, f, kind)
              : f.staging() != null
                  ? PassRows.packed(
                      spark,
                      layout(
                          spark.read().schema(f.stagingSchema()).parquet(f.staging()).drop("raw"),
                          kind))
                  : null;
      if (part != null) {
        all = all == null ? part : all.union(part);
      }
    }
    return all;
  }

  /**
   * The pass's input from staged rows (the staging columns but {@code raw}), packed for the shuffle
   * by client ({@link PackedInput}); {@code clients} may be null (no clients file).
   */
  public Dataset<Row> input(Dataset<Row> sessions, Dataset<Row> scores, Dataset<Row> clients) {
    Dataset<Row> all =
        layout(flag(sessions), ClientJudge.SESSION).union(layout(scores, ClientJudge.SCORE));
    return PassRows.packed(
        spark, clients == null ? all : all.union(layout(clients, ClientJudge.CLIENT)));
  }

  /** One file's staged rows in {@link #INPUT}'s layout ({@code conflicting} false if absent). */
  private static Dataset<Row> layout(Dataset<Row> staged, int kind) {
    Dataset<Row> all =
        staged
            .withColumnRenamed("session_date", "date")
            .withColumnRenamed("recorded_on", "date")
            .withColumn("kind", lit(kind));
    all = all.withColumn("bucket", when(col("client_id").isNull(), col("fp64")));
    Set<String> present = Set.of(all.columns());
    List<Column> c = new ArrayList<>();
    for (StructField f : INPUT.fields()) {
      Column v = present.contains(f.name()) ? col(f.name()) : lit(null);
      if (f.name().equals("conflicting")) {
        v = coalesce(v, lit(false));
      }
      c.add(v.cast(f.dataType()).as(f.name()));
    }
    return all.select(c.toArray(Column[]::new));
  }

  /**
   * The latest session or score date among the rows passing every row rule, or null when none: the
   * as-of date the client pass assumes first. It is the latest accepted date unless every row of
   * that date is rejected by a rule across rows (a conflict, an unknown session, a date mismatch);
   * the pass checks it against the latest accepted date it finds. The ingest's tasks found it as
   * they read the files ({@link StagedFile#latestValidDay}): no Spark job.
   */
  public static LocalDate latestValidDate(Ingested in) {
    long day = Math.max(in.sessions().latestValidDay(), in.painScores().latestValidDay());
    return day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day);
  }

  /**
   * The lean global check: the ids of sessions with more than one distinct fingerprint among the
   * rows passing every row rule (a duplicate has its first copy's fingerprint, so it adds none).
   * Two fingerprints differ when their 64-bit or their 32-bit hashes do, so an id has more than one
   * exactly when the least and greatest of either hash differ. Each is a primitive column, which
   * Spark adds up in a hash aggregation; the least and greatest of the pair as one struct, as
   * before, made Spark sort every session by id instead (a struct is no fixed-width buffer).
   */
  static Dataset<Row> conflictingSessions(Dataset<Row> sessions) {
    return sessions
        .filter(col("row_reasons").equalTo(""))
        .groupBy("session_id")
        .agg(
            min("fp64").as("lo64"),
            max("fp64").as("hi64"),
            min("fp32").as("lo32"),
            max("fp32").as("hi32"))
        .filter(col("lo64").notEqual(col("hi64")).or(col("lo32").notEqual(col("hi32"))))
        .select("session_id");
  }

  /**
   * The lean global check from the ingest's side files ({@link SessionIds}): a Spark job of a task
   * per set of ranges of the id's hash, each reading those ranges of every file and finding the ids
   * with more than one distinct passing fingerprint there, as {@link #conflictingSessions} does
   * over staged sessions, with no shuffle and no aggregation over Spark's rows. Up to {@link
   * #FEW_CONFLICTS} ids are handed on as themselves; more as their hashes ({@link Conflicts}).
   */
  public Conflicts conflicts(StagedFile sessions, int expectedFiles) {
    int limit = fewConflicts();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> files = SessionIds.files(sessions.sessionIds(), jsc.hadoopConfiguration());
    if (files.size() != expectedFiles) {
      throw new IllegalStateException(
          "the check of session ids found "
              + files.size()
              + " side files of the ingest's "
              + expectedFiles
              + " in "
              + sessions.sessionIds());
    }
    long perTask = (sessions.read() + ENTRIES_PER_TASK - 1) / ENTRIES_PER_TASK;
    int tasks =
        (int) Math.max(1, Math.min(SessionIds.RANGES, Math.max(jsc.defaultParallelism(), perTask)));
    List<int[]> ranges = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ranges.add(new int[] {i * SessionIds.RANGES / tasks, (i + 1) * SessionIds.RANGES / tasks});
    }
    SerializableConf conf = new SerializableConf(jsc.hadoopConfiguration());
    jsc.setJobDescription("check ids: " + files.size() + " side files of session ids");
    try {
      // Each task hands back up to limit + 1 of its ids as text and the hashes of every one.
      List<Found> found =
          jsc.parallelize(ranges, tasks)
              .map(r -> Found.of(SessionIds.conflicts(files, r[0], r[1], conf.get()), limit))
              .collect();
      Set<String> ids = new java.util.HashSet<>();
      found.forEach(f -> ids.addAll(f.ids()));
      if (ids.size() <= limit) {
        return Conflicts.of(ids);
      }
      int n = found.stream().mapToInt(f -> f.hash64().length).sum();
      long[] h = new long[n];
      int[] m = new int[n];
      int at = 0;
      for (Found f : found) {
        System.arraycopy(f.hash64(), 0, h, at, f.hash64().length);
        System.arraycopy(f.hash32(), 0, m, at, f.hash64().length);
        at += f.hash64().length;
      }
      return Conflicts.hashed(h, m);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** What a task of the check found: up to limit + 1 ids as text, every id as its two hashes. */
  private record Found(List<String> ids, long[] hash64, int[] hash32)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static Found of(List<byte[]> utf8, int limit) {
      List<String> ids = new ArrayList<>();
      long[] h = new long[utf8.size()];
      int[] m = new int[utf8.size()];
      for (int i = 0; i < h.length; i++) {
        if (ids.size() <= limit) {
          ids.add(new String(utf8.get(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        h[i] = Conflicts.hash64(utf8.get(i));
        m[i] = Conflicts.hash32(utf8.get(i));
      }
      return new Found(ids, h, m);
    }
  }

  /** Up to about this many sessions per task of the check of ids. */
  private static final long ENTRIES_PER_TASK = 500_000;

  private int fewConflicts() {
    return Integer.parseInt(spark.conf().get(FEW_CONFLICTS_SETTING, "" + FEW_CONFLICTS));
  }

  /**
   * Adds {@code conflicting} to staged sessions given as a Spark dataset (tests of the pass on
   * hand-made rows): the ids found by {@link #conflictingSessions}, handed to the tasks as a set
   * when few, else joined.
   */
  private Dataset<Row> flag(Dataset<Row> sessions) {
    int limit = fewConflicts();
    Dataset<Row> conflicts = conflictingSessions(sessions);
    List<Row> few = conflicts.limit(limit + 1).collectAsList();
    if (few.size() <= limit) {
      Object[] ids = few.stream().map(r -> r.getString(0)).toArray();
      return sessions.withColumn(
          "conflicting",
          ids.length == 0 ? lit(false) : coalesce(col("session_id").isin(ids), lit(false)));
    }
    return sessions.join(
        conflicts.withColumn("conflicting", lit(true)), new String[] {"session_id"}, "left");
  }

  /** The layout of the raw text read again: the file's kind, the record's line, its raw text. */
  private static final StructType RAW = Schemas.of("kind int", "line long", "raw string");

  /**
   * The rejected rows of every file with their raw text, by file and line: one join, the rejects
   * broadcast when few (the usual case). A CSV file's raw text is read again from the file, by the
   * pieces that hold a reject (every piece when the rejects are many); a Parquet input's from its
   * staging file. A file without a reject is not read.
   *
   * @param rejected the pass's rejects: {@code kind}, {@code line}, {@code reasons}
   * @param accounting the pass's accounting ({@link #accounting}), to choose what to read
   */
  public Dataset<Row> rejects(
      Ingested in, Dataset<Row> rejected, Map<String, Accounting> accounting) {
    long n = accounting.values().stream().mapToLong(Accounting::rejected).sum();
    // The lines wanted from each CSV file, when few: one small job over the pass's rejects.
    Map<Integer, long[]> wanted = new java.util.HashMap<>();
    if (n > 0 && n <= BROADCAST_REJECTS && in.all().stream().anyMatch(f -> f.staging() == null)) {
      Map<Integer, java.util.TreeSet<Long>> byKind = new java.util.HashMap<>();
      for (Row r : rejected.select("kind", "line").collectAsList()) {
        byKind.computeIfAbsent(r.getInt(0), k -> new java.util.TreeSet<>()).add(r.getLong(1));
      }
      byKind.forEach((k, v) -> wanted.put(k, v.stream().mapToLong(Long::longValue).toArray()));
    }
    Dataset<Row> raw = null;
    Column file = null;
    for (StagedFile f : in.all()) {
      int kind = kind(f);
      Column name = lit(f.fileName());
      file =
          file == null
              ? when(col("kind").equalTo(kind), name)
              : file.when(col("kind").equalTo(kind), name);
      Accounting a = accounting.get(f.fileName());
      if (a == null || a.rejected() == 0) {
        continue;
      }
      Dataset<Row> lines;
      if (f.staging() != null) {
        lines =
            spark
                .read()
                .schema(f.stagingSchema())
                .parquet(f.staging())
                .select(lit(kind).as("kind"), col("line"), col("raw"));
      } else {
        long[] at = n <= BROADCAST_REJECTS ? wanted.getOrDefault(kind, new long[0]) : null;
        JavaRDD<Object[]> text =
            in.reading().raw(f.table(), at, spark.sparkContext().hadoopConfiguration());
        lines = spark.createDataFrame(text.map(v -> RowFactory.create(kind, v[0], v[1])), RAW);
      }
      raw = raw == null ? lines : raw.union(lines);
    }
    if (raw == null) {
      raw = spark.createDataFrame(List.of(), RAW);
    }
    Dataset<Row> mine = n <= BROADCAST_REJECTS ? broadcast(rejected) : rejected;
    return mine.join(raw, new String[] {"kind", "line"})
        .select(file.as("file"), col("line"), col("reasons"), col("raw"));
  }

  /**
   * The accounting per file from the pass's counts.
   *
   * @param counts per kind ({@link ClientJudge#SESSION} etc.): accepted, rejected, duplicate
   */
  public static Map<String, Accounting> accounting(Ingested in, Map<Integer, long[]> counts) {
    Map<String, Accounting> m = new LinkedHashMap<>();
    for (StagedFile f : in.all()) {
      long[] c = counts.getOrDefault(kind(f), new long[3]);
      m.put(f.fileName(), new Accounting(f.read(), c[0], c[1], c[2]));
    }
    return m;
  }

  static int kind(StagedFile f) {
    return kind(f.table());
  }

  static int kind(String table) {
    return switch (table) {
      case "sessions" -> ClientJudge.SESSION;
      case "pain_scores" -> ClientJudge.SCORE;
      default -> ClientJudge.CLIENT;
    };
  }
}
