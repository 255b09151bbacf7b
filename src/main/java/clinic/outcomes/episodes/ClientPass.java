package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;

import clinic.outcomes.core.Settings;
import clinic.outcomes.output.TableWriter;
import clinic.outcomes.spark.SerializableConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Derives sessions, episodes, outcomes and the statistics' sufficient totals in one Spark pass: the
 * accepted sessions, scores and client records are brought together by client (one shuffle, sorted
 * within partitions, {@link PassLayout#input}), each client is handed to {@link ClientHistory}
 * ({@link DerivePartition}), and each task writes every derived row once, straight into its own
 * table's Parquet file with that table's schema ({@link PassWriters}): no staging copy, and no
 * column of another table. A task hands back only its files and its partition's {@link PairTotals}
 * ({@link PassPart}); the driver merges the totals (groups and distinct values, never rows) and
 * commits the successful attempts' files by renaming them into the tables, one file per partition
 * ({@code part-NNNNN-c000.snappy.parquet}, then {@code _SUCCESS}, as Spark lays a table out).
 */
public final class ClientPass {
  /** The published tables the pass writes, and the staging table of episodes with attributes. */
  static final String SESSIONS = "sessions";

  static final String EPISODES = "episodes";
  static final String OUTCOMES = "episode_outcomes";
  static final String ATTRIBUTES = "episode_attributes";

  /**
   * The derived tables (read back from the Parquet the pass wrote), their row counts by table name
   * ({@code sessions}, {@code episodes}, {@code episode_outcomes}), and the merged pair totals.
   */
  public record Result(
      Dataset<Row> sessions,
      Dataset<Row> episodes,
      Dataset<Row> attributes,
      Dataset<Row> outcomes,
      Map<String, Long> rows,
      PairTotals totals) {}

  private final SparkSession spark;
  private final Settings settings;

  public ClientPass(SparkSession spark, Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * @param sessions accepted sessions
   * @param scores accepted scores (with {@code score_tenths})
   * @param clients accepted client records, or null
   * @param tables the run's folder (URI or path) for the published tables; none of them may exist
   * @param staging a folder (URI or path) for the task attempts' files and the attributes table
   * @param rows input rows, to size the partitions
   */
  public Result run(
      Dataset<Row> sessions,
      Dataset<Row> scores,
      Dataset<Row> clients,
      String tables,
      String staging,
      long rows) {
    Dataset<Row> in = PassLayout.input(sessions, scores, clients);
    int partitions =
        Math.max(
            Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
            (int) Math.min(10_000, rows / 2_000_000 + 1));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path attempts = new Path(staging, "attempts");
    List<PassPart> parts =
        in.repartition(partitions, col("client_id"))
            .sortWithinPartitions("client_id")
            .mapPartitions(
                new DerivePartition(settings, new SerializableConf(conf), attempts.toString()),
                Encoders.bean(PassPart.class))
            .collectAsList();

    PairTotals totals = new PairTotals(settings.mcidTenths());
    for (PassPart p : parts) {
      totals.merge(p.getTotals());
    }
    DerivedTable outcomes = DerivedTable.outcomes(settings);
    Map<String, Long> counts = new LinkedHashMap<>();
    Path sessionsDir = new Path(tables, SESSIONS);
    Path episodesDir = new Path(tables, EPISODES);
    Path outcomesDir = new Path(tables, OUTCOMES);
    Path attributesDir = new Path(staging, ATTRIBUTES);
    StructType sessionsSchema = DerivedTable.SESSIONS.publishedSchema();
    StructType episodesSchema = DerivedTable.EPISODES.publishedSchema();
    StructType outcomesSchema = outcomes.publishedSchema();
    StructType attributesSchema = DerivedTable.ATTRIBUTES.staged();
    counts.put(SESSIONS, commit(conf, parts, SESSIONS, sessionsDir, sessionsSchema));
    counts.put(EPISODES, commit(conf, parts, EPISODES, episodesDir, episodesSchema));
    counts.put(OUTCOMES, commit(conf, parts, OUTCOMES, outcomesDir, outcomesSchema));
    commit(conf, parts, ATTRIBUTES, attributesDir, attributesSchema);
    delete(conf, attempts);
    return new Result(
        read(sessionsDir, sessionsSchema),
        read(episodesDir, episodesSchema),
        read(attributesDir, attributesSchema),
        read(outcomesDir, outcomesSchema),
        counts,
        totals);
  }

  /**
   * Moves the files the successful attempts wrote for {@code table} into {@code dir}, one per
   * partition in partition order, and marks it complete; a table no partition had rows for is
   * written empty, with its schema. Returns its rows.
   */
  private static long commit(
      Configuration conf, List<PassPart> parts, String table, Path dir, StructType schema) {
    TreeMap<Integer, PassPart.PassFile> files = new TreeMap<>();
    for (PassPart p : parts) {
      for (PassPart.PassFile f : p.getFiles()) {
        if (f.getTable().equals(table) && files.put(f.getPartition(), f) != null) {
          throw new IllegalStateException(
              "two successful attempts wrote partition " + f.getPartition() + " of " + table);
        }
      }
    }
    if (files.isEmpty()) {
      TableWriter.writeRows(conf, dir, schema, List.of(), false);
      return 0;
    }
    long rows = 0;
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.mkdirs(dir) || fs.listStatus(dir).length > 0) {
        throw new IllegalStateException(dir + " already exists");
      }
      for (PassPart.PassFile f : files.values()) {
        Path to =
            new Path(
                dir, String.format(Locale.ROOT, "part-%05d-c000.snappy.parquet", f.getPartition()));
        if (!fs.rename(new Path(f.getPath()), to)) {
          throw new IOException("cannot move " + f.getPath() + " to " + to);
        }
        rows += f.getRows();
      }
      fs.create(new Path(dir, "_SUCCESS")).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the table " + dir, e);
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

  private Dataset<Row> read(Path dir, StructType schema) {
    return spark.read().schema(schema).parquet(dir.toString());
  }
}
