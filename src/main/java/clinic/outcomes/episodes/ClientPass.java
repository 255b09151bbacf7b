package clinic.outcomes.episodes;

import static org.apache.spark.sql.functions.col;

import clinic.outcomes.core.Settings;
import clinic.outcomes.output.Partitions;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Derives sessions, episodes, outcomes and the statistics' sufficient totals in one Spark pass: the
 * accepted sessions, scores and client records are brought together by client (one shuffle, sorted
 * within partitions, {@link PassLayout#input}), each client is handed to {@link ClientHistory}
 * ({@link DerivePartition}), and the results are written once to a staging folder partitioned by
 * kind. Each table is read back by name through its {@link DerivedTable} contract; each partition's
 * pair totals leave it as additive {@link TotalsEntry} rows, merged by the typed aggregation {@link
 * PairTotalsAggregator}, so the driver sees groups and distinct values, never rows.
 */
public final class ClientPass {
  /** The derived tables (read back from the staging Parquet) and the merged pair totals. */
  public record Result(
      Dataset<Row> sessions,
      Dataset<Row> episodes,
      Dataset<Row> attributes,
      Dataset<Row> outcomes,
      PairTotals totals) {}

  private final SparkSession spark;
  private final Settings settings;
  private final StructType out;

  public ClientPass(SparkSession spark, Settings settings) {
    if (settings.asOf() == null) {
      throw new IllegalArgumentException("as-of date not resolved");
    }
    this.spark = spark;
    this.settings = settings;
    this.out = PassLayout.output(settings);
  }

  /**
   * @param sessions accepted sessions
   * @param scores accepted scores (with {@code score_tenths})
   * @param clients accepted client records, or null
   * @param staging a folder (URI or path) for the pass's Parquet output
   * @param rows input rows, to size the partitions
   */
  public Result run(
      Dataset<Row> sessions, Dataset<Row> scores, Dataset<Row> clients, String staging, long rows) {
    Dataset<Row> in = PassLayout.input(sessions, scores, clients);
    int partitions =
        Math.max(
            Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")),
            (int) Math.min(10_000, rows / 2_000_000 + 1));
    in.repartition(partitions, col("client_id"))
        .sortWithinPartitions("client_id")
        .mapPartitions(new DerivePartition(settings, out), Encoders.row(out))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .partitionBy("kind")
        .parquet(staging);

    PairTotals totals =
        part(staging, PassLayout.TOTALS)
            .select(names(PassLayout.TOTALS_COLUMNS))
            .as(Encoders.bean(TotalsEntry.class))
            .select(new PairTotalsAggregator(settings.mcidTenths()).toColumn())
            .first();
    return new Result(
        read(staging, DerivedTable.SESSIONS),
        read(staging, DerivedTable.EPISODES),
        read(staging, DerivedTable.ATTRIBUTES),
        read(staging, DerivedTable.outcomes(settings)),
        totals);
  }

  private Dataset<Row> read(String staging, DerivedTable table) {
    return part(staging, table.kind()).select(table.published());
  }

  private Dataset<Row> part(String staging, String kind) {
    StructType withoutKind =
        new StructType(
            Arrays.stream(out.fields())
                .filter(f -> !f.name().equals("kind"))
                .toArray(StructField[]::new));
    return Partitions.read(spark, staging, "kind", kind, withoutKind);
  }

  private static Column[] names(StructType s) {
    return Arrays.stream(s.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
  }
}
