package clinic.outcomes.validate;

import clinic.outcomes.stage.FileRecords;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A CSV file's records, as the ingest's tasks parse them, as the pass's input ({@link
 * ValidationStage#INPUT}) packed for its shuffle ({@link PackedInput#LAYOUT}): the values moved
 * from the staging layout by position, worked out once from the two layouts' names (a score's
 * {@code recorded_on} and a session's {@code session_date} are the input's {@code date}), {@code
 * kind} the file's, {@code bucket} the fingerprint's 64-bit hash where the client is missing,
 * {@code conflicting} false (the pass flags the sessions the check of ids found, {@link
 * Conflicts}). The same values as the staging Parquet files' layout in Spark SQL gave, with no
 * staging copy between the ingest and the pass's shuffle. Each record is packed for the shuffle
 * ({@link PackedInput}: the client and bucket the shuffle sorts by, every other value in one
 * binary), and built as Spark's internal row, not through its encoder ({@link #of}; {@code
 * PassRowsTest} holds them, unpacked, to the encoder's rows).
 */
final class PassRows {
  private PassRows() {}

  /**
   * The file's records as the pass's input rows, packed ({@link PackedInput#LAYOUT}), read when the
   * pass's shuffle reads them. The rows are built in Spark's internal form (the client as a {@link
   * org.apache.spark.unsafe.types.UTF8String}), so that the one projection Spark's scan of them
   * applies writes each record's row format once: from external {@code Row}s, Spark's encoder wrote
   * it once and the scan a second time.
   */
  static Dataset<Row> of(SparkSession spark, FileRecords f, int kind) {
    int[] from = from(f.stagingSchema());
    int width = from.length;
    int client = ValidationStage.INPUT.fieldIndex("client_id");
    int fp64 = ValidationStage.INPUT.fieldIndex("fp64");
    int bucket = ValidationStage.INPUT.fieldIndex("bucket");
    int kindAt = ValidationStage.INPUT.fieldIndex("kind");
    int conflicting = ValidationStage.INPUT.fieldIndex("conflicting");
    return dataset(
        spark,
        f.records(),
        (s, v) -> {
          for (int i = 0; i < width; i++) {
            v[i] = from[i] < 0 ? null : s[from[i]];
          }
          v[kindAt] = kind;
          v[conflicting] = false;
          if (v[client] == null) {
            v[bucket] = v[fp64];
          }
        });
  }

  /**
   * Rows in {@link ValidationStage#INPUT}'s layout (a Parquet input's staged rows, or rows staged
   * by a test) packed into the shuffle's layout ({@link PackedInput#LAYOUT}).
   */
  static Dataset<Row> packed(SparkSession spark, Dataset<Row> input) {
    return dataset(
        spark,
        input.javaRDD(),
        (r, v) -> {
          for (int i = 0; i < v.length; i++) {
            v[i] = r.get(i);
          }
        });
  }

  /** Moves a record's values into a row of {@link ValidationStage#INPUT}'s layout. */
  @FunctionalInterface
  private interface Fill<T> extends Serializable {
    void into(T record, Object[] values);
  }

  /** Each record filled into the input's layout, then packed, one packer per task. */
  private static <T> Dataset<Row> dataset(SparkSession spark, JavaRDD<T> records, Fill<T> fill) {
    int width = ValidationStage.INPUT.length();
    JavaRDD<InternalRow> rows =
        records.mapPartitions(
            in -> {
              PackedInput.Packer packer = new PackedInput.Packer();
              Object[] v = new Object[width];
              return new Iterator<InternalRow>() {
                @Override
                public boolean hasNext() {
                  return in.hasNext();
                }

                @Override
                public InternalRow next() {
                  fill.into(in.next(), v);
                  return packer.row(v);
                }
              };
            });
    // The classic session's own way to a dataset of internal rows (private[sql] in Scala, public
    // in the bytecode); a local or cluster run has that session. PassRowsTest holds the rows, once
    // unpacked, to the encoder's.
    return ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows.rdd(), PackedInput.LAYOUT, false);
  }

  /** For each input column, the staging column it comes from, or -1. */
  static int[] from(StructType staging) {
    StructField[] fields = ValidationStage.INPUT.fields();
    List<String> names = List.of(staging.fieldNames());
    int[] from = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      int at = names.indexOf(name);
      if (name.equals("date")) {
        at =
            names.contains("session_date")
                ? names.indexOf("session_date")
                : names.indexOf("recorded_on");
      }
      if (at >= 0 && !staging.fields()[at].dataType().equals(fields[i].dataType())) {
        throw new IllegalStateException("staged column " + name + " is not " + fields[i]);
      }
      from[i] = at;
    }
    return from;
  }
}
