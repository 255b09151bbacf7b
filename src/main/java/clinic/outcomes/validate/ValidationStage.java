package clinic.outcomes.validate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import clinic.outcomes.core.Moment;
import clinic.outcomes.output.Partitions;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.StagedFile;
import clinic.outcomes.validate.Validated.Accounting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

/**
 * The stateful rules of the data contract, in Spark, over the staged files:
 *
 * <ol>
 *   <li>exact duplicates (identical in every field): the first copy by line is kept, the others are
 *       counted {@code duplicate};
 *   <li>the cross-file rules for pain scores: {@code unknown_session} (a {@code session_id} that
 *       names no accepted session of the same client) and {@code date_mismatch} (a before/after
 *       score dated other than its session);
 *   <li>among rows that pass every row rule, rows sharing a key but differing are all rejected as
 *       {@code conflicting_duplicate}.
 * </ol>
 *
 * Each row ends in exactly one of accepted, rejected, duplicate, so the accounting balances.
 */
public final class ValidationStage {
  private final SparkSession spark;

  public ValidationStage(SparkSession spark) {
    this.spark = spark;
  }

  /** Validates the staged files. */
  public Validated run(Ingested in) {
    StagedFile sessions = in.sessions();
    StagedFile scores = in.painScores();
    StagedFile clients = in.clients();
    Map<String, Accounting> accounting = new LinkedHashMap<>();

    Judged s = judged(judge(read(sessions), List.of(), col("session_id")), sessions);
    accounting.put(sessions.fileName(), s.accounting());
    Dataset<Row> acceptedSessions = accepted(s.part("accepted"));

    Dataset<Row> p = read(scores);
    Dataset<Row> sessionRef =
        acceptedSessions.select(
            col("session_id").as("ref_session_id"),
            col("client_id").as("ref_client_id"),
            col("session_date").as("ref_session_date"));
    p =
        p.join(
            sessionRef,
            col("session_id")
                .equalTo(col("ref_session_id"))
                .and(col("client_id").equalTo(col("ref_client_id"))),
            "left");
    Column beforeAfter = col("moment").isin(Moment.BEFORE.code(), Moment.AFTER.code());
    Column unknownSession =
        when(
            col("session_id").isNotNull().and(col("ref_session_id").isNull()),
            lit("unknown_session"));
    Column dateMismatch =
        when(
            beforeAfter
                .and(col("ref_session_id").isNotNull())
                .and(col("recorded_on").isNotNull())
                .and(col("recorded_on").notEqual(col("ref_session_date"))),
            lit("date_mismatch"));
    Column scoreKey =
        when(
                beforeAfter,
                concat_ws("\u0000", lit("s"), col("session_id"), col("moment"), col("measure")))
            .otherwise(
                concat_ws(
                    "\u0000",
                    lit("c"),
                    col("client_id"),
                    col("moment"),
                    col("measure"),
                    col("recorded_on").cast("string")));
    Judged judgedScores =
        judged(
            judge(p, List.of(unknownSession, dateMismatch), scoreKey)
                .drop("ref_session_id", "ref_client_id", "ref_session_date"),
            scores);
    accounting.put(scores.fileName(), judgedScores.accounting());

    Dataset<Row> rejects = rejects(s, sessions).unionByName(rejects(judgedScores, scores));
    Dataset<Row> acceptedClients = null;
    if (clients != null) {
      Judged c = judged(judge(read(clients), List.of(), col("client_id")), clients);
      accounting.put(clients.fileName(), c.accounting());
      rejects = rejects.unionByName(rejects(c, clients));
      acceptedClients = accepted(c.part("accepted"));
    }
    return new Validated(
        acceptedSessions,
        accepted(judgedScores.part("accepted")),
        acceptedClients,
        rejects,
        accounting);
  }

  /**
   * The staged rows without their raw text (only rejects need it; {@link #rejects} reads it back),
   * with the record's fingerprint shortened to two independent hashes (64 + 32 bits). Rows are
   * compared only with rows of the same key, so a false "identical" needs two different rows of one
   * key to collide on 96 bits: about 1 in 10^28 per pair.
   */
  private Dataset<Row> read(StagedFile f) {
    Column fp = col("fingerprint");
    return spark
        .read()
        .schema(f.stagingSchema())
        .parquet(f.staging())
        .drop("raw")
        .withColumn("fingerprint", struct(xxhash64(fp).as("h64"), hash(fp).as("h32")));
  }

  /**
   * Combines the row-rule reasons with the {@code extras} (nullable reason columns) and then
   * rejects conflicting duplicates of {@code key} among passing rows. Adds {@code reasons} (sorted,
   * {@code |}-joined, empty when accepted) and {@code status}. The per-row work of an accepted row
   * is a few comparisons: the reason text is only assembled for rows not accepted.
   */
  private static Dataset<Row> judge(Dataset<Row> df, List<Column> extras, Column key) {
    Column anyReason = col("row_reasons").notEqual("");
    Column[] extraArray = new Column[extras.size()];
    for (int i = 0; i < extras.size(); i++) {
      df = df.withColumn("_x" + i, extras.get(i));
      anyReason = anyReason.or(col("_x" + i).isNotNull());
      extraArray[i] = col("_x" + i);
    }
    // One shuffle and one sort per file: identical rows share every field, so they share the key;
    // within a key, rows ordered by fingerprint then line put each copy right after its first.
    WindowSpec byKey = Window.partitionBy(col("_key"));
    WindowSpec ordered = byKey.orderBy(col("fingerprint"), col("line"));
    df =
        df.withColumn("_key", key)
            .withColumn(
                "_duplicate",
                coalesce(
                    lag(col("fingerprint"), 1).over(ordered).equalTo(col("fingerprint")),
                    lit(false)))
            .withColumn("_passing", col("_duplicate").unary_$bang().and(anyReason.unary_$bang()));
    // Conflicts: among passing rows of one key, more than one distinct fingerprint.
    Column passingPrint = when(col("_passing"), col("fingerprint"));
    Column conflicting =
        col("_passing").and(min(passingPrint).over(byKey).notEqual(max(passingPrint).over(byKey)));
    Column rowReasons = filter(split(col("row_reasons"), "\\|"), x -> x.notEqual(""));
    Column extraReasons = extras.isEmpty() ? array().cast("array<string>") : array(extraArray);
    Column all =
        concat(
            rowReasons,
            extraReasons,
            array(when(col("_conflicting"), lit("conflicting_duplicate"))));
    Column reasonText =
        array_join(array_sort(array_distinct(filter(all, x -> x.isNotNull()))), "|");
    df =
        df.withColumn("_conflicting", conflicting)
            .withColumn(
                "status",
                when(col("_duplicate"), lit("duplicate"))
                    .when(col("_passing").and(col("_conflicting").unary_$bang()), lit("accepted"))
                    .otherwise(lit("rejected")))
            .withColumn(
                "reasons", when(col("status").equalTo("accepted"), lit("")).otherwise(reasonText));
    df = df.drop("_key", "_passing", "_conflicting", "_duplicate");
    for (int i = 0; i < extras.size(); i++) {
      df = df.drop("_x" + i);
    }
    return df;
  }

  /**
   * A file's judged rows, written once as Parquet partitioned by status: the accounting comes from
   * the files' footers, and each later use reads only the rows of its status.
   */
  private final class Judged {
    private final String path;
    private final StructType schema;
    private final StagedFile file;

    Judged(String path, StructType schema, StagedFile file) {
      this.path = path;
      this.schema = schema;
      this.file = file;
    }

    Dataset<Row> part(String status) {
      return Partitions.read(spark, path, "status", status, schema);
    }

    long count(String status) {
      return Partitions.count(spark, path, "status", status);
    }

    Accounting accounting() {
      return new Accounting(file.read(), count("accepted"), count("rejected"), count("duplicate"));
    }
  }

  private Judged judged(Dataset<Row> df, StagedFile f) {
    String path = f.staging() + ".judged";
    df.write().mode(SaveMode.ErrorIfExists).partitionBy("status").parquet(path);
    StructType schema = df.drop("status").schema();
    return new Judged(path, schema, f);
  }

  private static Dataset<Row> accepted(Dataset<Row> judged) {
    return judged.drop("raw", "fingerprint", "row_reasons", "reasons", "status");
  }

  /** The rejected rows with their raw text, read back from the staged file by line. */
  private Dataset<Row> rejects(Judged judged, StagedFile f) {
    Dataset<Row> rejected =
        judged.part("rejected").select(lit(f.fileName()).as("file"), col("line"), col("reasons"));
    if (judged.count("rejected") <= BROADCAST_REJECTS) {
      rejected = broadcast(rejected);
    }
    Dataset<Row> raw =
        spark.read().schema(f.stagingSchema()).parquet(f.staging()).select("line", "raw");
    return rejected.join(raw, "line").select("file", "line", "reasons", "raw");
  }

  /** Up to this many rejects of one file are joined to their raw text without a shuffle. */
  private static final long BROADCAST_REJECTS = 500_000;
}
