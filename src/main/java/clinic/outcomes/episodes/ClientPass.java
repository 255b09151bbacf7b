package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;

import clinic.outcomes.core.Settings;
import clinic.outcomes.output.TableWriter;
import clinic.outcomes.spark.SerializableConf;
import clinic.outcomes.spark.Sparks;
import clinic.outcomes.validate.Conflicts;
import clinic.outcomes.validate.PackedInput;
import clinic.outcomes.validate.ValidationStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Validates and derives in one Spark pass. The records of every file ({@code
 * ValidationStage.INPUT}, a CSV file's straight from the ingest's parse, which is this shuffle's
 * map stage, {@link #readInput}) are brought together by client (one shuffle, sorted within
 * partitions; each record packed for it, {@link PackedInput}, and unpacked after the sort); each
 * client's records are judged ({@code ClientJudge}) and its accepted ones handed to {@link
 * ClientHistory} ({@link DerivePartition}). Each task writes every row once, straight into its own
 * table's Parquet file with that table's schema ({@link PassWriters}): the published {@code
 * pain_scores}, {@code clients}, {@code sessions}, {@code episodes} and {@code episode_outcomes},
 * and one staging table (the rejects' lines and reasons). No union layout, no staging copy. A task
 * hands back only its files, counts, latest accepted date, its partition's {@link PairTotals},
 * {@link MonthlyCounts} and {@link CourseCells} ({@link PassPart}); the driver merges the totals
 * (groups and distinct values, never rows) and commits the successful attempts' files by renaming
 * them into the tables, one file per partition ({@code part-NNNNN-c000.snappy.parquet}, then {@code
 * _SUCCESS}, as Spark lays a table out).
 *
 * <p>The as-of date: when none is set, the SPEC's default is the latest accepted date, known only
 * once every client is judged. The pass assumes the latest date of a row passing the row rules (a
 * maximum the ingest's tasks found, {@code ValidationStage#latestValidDate}), which is that date
 * unless the rows of the latest date were all rejected by a rule across rows; the tasks report the
 * latest accepted date, and in that rare case the pass runs again with it over the same shuffle
 * files (their map stage skipped), its first files discarded.
 */
public final class ClientPass {
  /** The tables the pass writes: published ones, then staging ones. */
  static final String PAIN_SCORES = "pain_scores";

  static final String CLIENTS = "clients";
  static final String SESSIONS = "sessions";
  static final String EPISODES = "episodes";
  static final String OUTCOMES = "episode_outcomes";
  static final String REJECTED = "rejected";

  /** The layout of the staging table of rejects: {@code kind}, {@code line}, {@code reasons}. */
  public static final StructType REJECTED_SCHEMA = DerivedTable.REJECTED;

  /**
   * What the pass wrote and found.
   *
   * @param clients the accepted client records; null without a clients file
   * @param rejected the rejected records: {@code kind} (the input file, {@code ClientJudge.SESSION}
   *     etc.), {@code line}, {@code reasons}
   * @param rows rows per published table, in the order the run lists them
   * @param counts per input kind: accepted, rejected, duplicate
   * @param asOf the as-of date the tables were derived with
   * @param passes 1, or 2 when the assumed as-of date was not the latest accepted one
   * @param totals the statistics' and safety's totals, over every partition
   * @param monthly the monthly table's counts, over every partition
   * @param cells the complete course pairs, added up for the regressions, over every partition
   * @param rejectedDir the folder of the staging table {@code rejected} reads
   */
  public record Result(
      Dataset<Row> sessions,
      Dataset<Row> episodes,
      Dataset<Row> outcomes,
      Dataset<Row> painScores,
      Dataset<Row> clients,
      Dataset<Row> rejected,
      Map<String, Long> rows,
      Map<Integer, long[]> counts,
      LocalDate asOf,
      int passes,
      PairTotals totals,
      MonthlyCounts monthly,
      CourseCells cells,
      String rejectedDir) {}

  private final SparkSession spark;
  private final Configuration conf;
  private final Settings settings;
  private final JavaRDD<Row> byClient;

  /** The session ids found conflicting, flagged on the sessions as the pass reads them. */
  private Conflicts conflicts = Conflicts.NONE;

  /** The local engine's input; let go once the pass has run (its rows are no longer needed). */
  private List<Row> local;

  private boolean localDone;

  /**
   * Plans the shuffle of the input by client (it runs with the first pass, or here under adaptive
   * execution).
   *
   * @param settings the settings; a null as-of date means the SPEC's default (see {@link #run})
   * @param input the records of every file, packed for the shuffle ({@code ValidationStage.input},
   *     {@link PackedInput})
   * @param rows input rows, to size the partitions
   */
  public ClientPass(SparkSession spark, Settings settings, Dataset<Row> input, long rows) {
    this.spark = spark;
    this.conf = spark.sparkContext().hadoopConfiguration();
    this.settings = settings;
    this.local = null;
    int partitions =
        Math.max(
            Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
            (int) Math.min(10_000, rows / 2_000_000 + 1));
    // One RDD object for every pass: a second one reuses the shuffle files (map stage skipped).
    this.byClient =
        input
            .repartition(partitions, col("client_id"), col("bucket"))
            .sortWithinPartitions("client_id", "bucket")
            .javaRDD()
            .map(PackedInput::unpack);
  }

  /**
   * Reads the input into the shuffle by client now (the map stage of the pass's shuffle, in a Spark
   * job of its own), so that what the reading found (each file's records, the side files of session
   * ids) is known before the pass; the pass then reads the shuffle's files (Spark skips the map
   * stage it finds done). With the ingest's CSV records as the input, this is where the files are
   * parsed: their records go from the parse straight into the shuffle, with no staging copy.
   */
  public void readInput() {
    Sparks.runMapStage(byClient.rdd(), "read the inputs into the shuffle by client");
  }

  /** The session ids the check of ids found conflicting, flagged as the pass reads the sessions. */
  public void conflicts(Conflicts found) {
    this.conflicts = Objects.requireNonNull(found);
  }

  /**
   * The local engine's pass (small inputs, no Spark session): {@code input} is every row of the
   * pass's input sorted by client and bucket ({@code LocalValidation.input}), split by client into
   * a partition per core ({@link #partitions}; fewer for small inputs, {@link #localPartitions}),
   * each walked on a thread of its own by the same {@link DerivePartition}. The {@code Result}'s
   * datasets are null; its folder names the staging table of rejects.
   */
  public ClientPass(Configuration conf, Settings settings, List<Row> input) {
    this.spark = null;
    this.conf = conf;
    this.settings = settings;
    this.byClient = null;
    this.local = input;
  }

  /**
   * Judges every client, derives from its accepted records and writes every table.
   *
   * @param hasClients whether a clients file was given
   * @param assumed the as-of date to try first when none is set: the latest date of a row passing
   *     the row rules, or null
   * @param fallback the as-of date when no row is accepted (the last valid input date)
   * @param tables the run's folder (URI or path) for the published tables; none may exist
   * @param staging a folder (URI or path) for the attempts' files and the staging tables
   */
  public Result run(
      boolean hasClients, LocalDate assumed, LocalDate fallback, String tables, String staging) {
    if (localDone) {
      throw new IllegalStateException("the local pass has run: its input is let go");
    }
    Path attempts = new Path(staging, "attempts");
    LocalDate asOf =
        settings.asOf() != null ? settings.asOf() : assumed != null ? assumed : fallback;
    List<PassPart> parts = pass(asOf, conf, attempts);
    int passes = 1;
    if (settings.asOf() == null) {
      long latest = parts.stream().mapToLong(PassPart::latestAccepted).max().orElse(Long.MIN_VALUE);
      LocalDate right = latest == Long.MIN_VALUE ? fallback : LocalDate.ofEpochDay(latest);
      if (!right.equals(asOf)) {
        delete(conf, attempts);
        asOf = right;
        parts = pass(asOf, conf, attempts);
        passes = 2;
      }
    }
    Settings resolved = settings.withAsOf(asOf);

    PairTotals totals = new PairTotals(settings.mcidTenths());
    MonthlyCounts monthly = new MonthlyCounts();
    CourseCells cells = new CourseCells();
    Map<Integer, long[]> counts = new TreeMap<>();
    for (PassPart p : parts) {
      p.totals().forEach(totals::add);
      monthly.merge(p.monthly());
      cells.merge(p.cells());
      for (int kind = 0; kind < p.counts().length; kind++) {
        long[] c = counts.computeIfAbsent(kind, k -> new long[3]);
        for (int s = 0; s < 3; s++) {
          c[s] += p.counts()[kind][s];
        }
      }
    }
    counts.values().removeIf(c -> c[0] + c[1] + c[2] == 0);

    Map<String, Long> rows = new LinkedHashMap<>();
    Table scores = new Table(PAIN_SCORES, new Path(tables, PAIN_SCORES), DerivedTable.PAIN_SCORES);
    Table clients = new Table(CLIENTS, new Path(tables, CLIENTS), DerivedTable.CLIENTS);
    Table sessions =
        new Table(SESSIONS, new Path(tables, SESSIONS), DerivedTable.SESSIONS.publishedSchema());
    Table episodes =
        new Table(EPISODES, new Path(tables, EPISODES), DerivedTable.EPISODES.publishedSchema());
    Table outcomes =
        new Table(
            OUTCOMES,
            new Path(tables, OUTCOMES),
            DerivedTable.outcomes(resolved).publishedSchema());
    Table rejected = new Table(REJECTED, new Path(staging, REJECTED), DerivedTable.REJECTED);
    for (Table t :
        hasClients
            ? List.of(scores, clients, sessions, episodes, outcomes)
            : List.of(scores, sessions, episodes, outcomes)) {
      rows.put(t.name, commit(conf, parts, t));
    }
    commit(conf, parts, rejected);
    delete(conf, attempts);
    if (local != null) {
      local = null;
      localDone = true;
    }
    return new Result(
        read(sessions),
        read(episodes),
        read(outcomes),
        read(scores),
        hasClients ? read(clients) : null,
        read(rejected),
        rows,
        counts,
        asOf,
        passes,
        totals,
        monthly,
        cells,
        rejected.dir().toString());
  }

  private List<PassPart> pass(LocalDate asOf, Configuration conf, Path attempts) {
    DerivePartition derive =
        new DerivePartition(
            settings.withAsOf(asOf), new SerializableConf(conf), attempts.toString(), conflicts);
    if (local != null) {
      List<List<Row>> partitions = partitions(local, localPartitions(local.size()));
      return IntStream.range(0, partitions.size())
          .parallel()
          .mapToObj(i -> derive.call(partitions.get(i).iterator(), i, i).next())
          .toList();
    }
    return byClient.mapPartitions(derive).collect();
  }

  /**
   * The local engine's partitions: one per core, so that the common fork-join pool (its threads and
   * the caller) walks them at once.
   */
  static final int LOCAL_PARTITIONS = Runtime.getRuntime().availableProcessors();

  /**
   * The fewest input rows worth a partition of their own: below that a second partition costs more
   * (its own files of every table, its own cold walk) than it saves. On sample-data (11,500 rows)
   * two partitions made the pass 0.6-0.8 s against 0.3-0.4 s on one; at 100,000 sessions (415,000
   * rows) they made its walk 2.7-3.7 s against 4.9-5.1 s. The JVM property {@value
   * #ROWS_PER_PARTITION_PROPERTY} sets it, for tests that need the split on small inputs.
   */
  static final long LOCAL_ROWS_PER_PARTITION = 50_000;

  static final String ROWS_PER_PARTITION_PROPERTY = "outcomes.local.rowsPerPartition";

  /** The local engine's partitions for {@code rows} input rows: 1 up to one per core. */
  static int localPartitions(int rows) {
    long per = Math.max(1, Long.getLong(ROWS_PER_PARTITION_PROPERTY, LOCAL_ROWS_PER_PARTITION));
    return (int) Math.max(1, Math.min(LOCAL_PARTITIONS, rows / per));
  }

  /**
   * Splits the pass's input, sorted by client and bucket, into {@code n} partitions that keep that
   * order, all the rows of one client (or, without one, of one bucket) in the same one, as Spark's
   * shuffle by client would.
   */
  static List<List<Row>> partitions(List<Row> sorted, int n) {
    List<List<Row>> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(new ArrayList<>(sorted.size() / n + 16));
    }
    int client = ValidationStage.INPUT.fieldIndex("client_id");
    int bucket = ValidationStage.INPUT.fieldIndex("bucket");
    for (Row r : sorted) {
      Object key = r.isNullAt(client) ? r.get(bucket) : r.get(client);
      parts.get(Math.floorMod(Objects.hashCode(key), n)).add(r);
    }
    return parts;
  }

  /** A table the pass writes: its name, its folder and its schema. */
  private record Table(String name, Path dir, StructType schema) {}

  /**
   * Moves the files the successful attempts wrote for {@code table} into its folder, one per
   * partition in partition order, and marks it complete; a table no partition had rows for is
   * written empty, with its schema. Returns its rows.
   */
  private static long commit(Configuration conf, List<PassPart> parts, Table table) {
    TreeMap<Integer, PassPart.PassFile> files = new TreeMap<>();
    for (PassPart p : parts) {
      for (PassPart.PassFile f : p.files()) {
        if (f.table().equals(table.name()) && files.put(f.partition(), f) != null) {
          throw new IllegalStateException(
              "two successful attempts wrote partition " + f.partition() + " of " + table.name());
        }
      }
    }
    if (files.isEmpty()) {
      TableWriter.writeRows(conf, table.dir(), table.schema(), List.of(), false);
      return 0;
    }
    long rows = 0;
    try {
      FileSystem fs = table.dir().getFileSystem(conf);
      if (!fs.mkdirs(table.dir()) || fs.listStatus(table.dir()).length > 0) {
        throw new IllegalStateException(table.dir() + " already exists");
      }
      for (PassPart.PassFile f : files.values()) {
        Path to =
            new Path(
                table.dir(),
                String.format(Locale.ROOT, "part-%05d-c000.snappy.parquet", f.partition()));
        if (!fs.rename(new Path(f.path()), to)) {
          throw new IOException("cannot move " + f.path() + " to " + to);
        }
        rows += f.rows();
      }
      fs.create(new Path(table.dir(), "_SUCCESS")).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the table " + table.dir(), e);
    }
    return rows;
  }

  private static void delete(Configuration conf, Path dir) {
    try {
      dir.getFileSystem(conf).delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private Dataset<Row> read(Table t) {
    if (spark == null) {
      return null;
    }
    return spark.read().schema(t.schema()).parquet(t.dir().toString());
  }
}
