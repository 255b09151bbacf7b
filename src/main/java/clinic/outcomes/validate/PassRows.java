package clinic.outcomes.validate;

import clinic.outcomes.stage.FileRecords;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A CSV file's records, as the ingest's tasks parse them, in the pass's input layout ({@link
 * ValidationStage#INPUT}): the values moved from the staging layout by position, worked out once
 * from the two layouts' names (a score's {@code recorded_on} and a session's {@code session_date}
 * are the input's {@code date}), {@code kind} the file's, {@code bucket} the fingerprint's 64-bit
 * hash where the client is missing, {@code conflicting} false (the pass flags the sessions the
 * check of ids found, {@link Conflicts}). The same values as the staging Parquet files' layout in
 * Spark SQL gave, with no staging copy between the ingest and the pass's shuffle. Built as Spark's
 * internal rows, not through its encoder ({@link #of}; {@code PassRowsTest} holds them to the
 * encoder's rows).
 */
final class PassRows {
  private PassRows() {}

  /**
   * The string columns with a distinct value (nearly) per record: converted to Spark's string for
   * each record. Every other string column (the vocabularies, therapists, reasons, the client's
   * attributes) has few distinct values, and a task converts each of them once and reuses it.
   */
  private static final Set<String> IDS = Set.of("client_id", "session_id");

  /** Past this many distinct values a task's cache of converted strings takes no more. */
  private static final int CACHE_LIMIT = 1 << 16;

  /**
   * The file's records as the pass's input rows, read when the pass's shuffle reads them. The rows
   * are built in Spark's internal form (strings as {@link UTF8String}, a date as its epoch day), so
   * that the one projection Spark's scan of them applies writes each record's row format once: from
   * external {@code Row}s, Spark's encoder wrote it once and the scan a second time.
   */
  static Dataset<Row> of(SparkSession spark, FileRecords f, int kind) {
    int[] from = from(f.stagingSchema());
    StructField[] fields = ValidationStage.INPUT.fields();
    int width = fields.length;
    int client = ValidationStage.INPUT.fieldIndex("client_id");
    int fp64 = ValidationStage.INPUT.fieldIndex("fp64");
    int bucket = ValidationStage.INPUT.fieldIndex("bucket");
    int kindAt = ValidationStage.INPUT.fieldIndex("kind");
    int conflicting = ValidationStage.INPUT.fieldIndex("conflicting");
    byte[] how = new byte[width];
    for (int i = 0; i < width; i++) {
      DataType t = fields[i].dataType();
      how[i] =
          from[i] < 0
              ? NONE
              : t.equals(DataTypes.StringType)
                  ? (IDS.contains(fields[i].name()) ? TEXT : FEW)
                  : t.equals(DataTypes.DateType) ? DATE : AS_IS;
    }
    JavaRDD<InternalRow> rows =
        f.records()
            .mapPartitions(
                staged -> {
                  Map<String, UTF8String> converted = new HashMap<>();
                  return new Iterator<InternalRow>() {
                    @Override
                    public boolean hasNext() {
                      return staged.hasNext();
                    }

                    @Override
                    public InternalRow next() {
                      Object[] s = staged.next();
                      Object[] v = new Object[width];
                      for (int i = 0; i < width; i++) {
                        Object x = from[i] < 0 ? null : s[from[i]];
                        if (x != null) {
                          v[i] =
                              switch (how[i]) {
                                case TEXT -> UTF8String.fromString((String) x);
                                case FEW -> few(converted, (String) x);
                                case DATE -> Math.toIntExact(((LocalDate) x).toEpochDay());
                                default -> x;
                              };
                        }
                      }
                      v[kindAt] = kind;
                      v[conflicting] = false;
                      if (v[client] == null) {
                        v[bucket] = v[fp64];
                      }
                      return new GenericInternalRow(v);
                    }
                  };
                });
    // The classic session's own way to a dataset of internal rows (private[sql] in Scala, public
    // in the bytecode); a local or cluster run has that session. PassRowsTest holds the rows to
    // the encoder's.
    return ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows.rdd(), ValidationStage.INPUT, false);
  }

  private static final byte NONE = 0;
  private static final byte AS_IS = 1;
  private static final byte TEXT = 2;
  private static final byte FEW = 3;
  private static final byte DATE = 4;

  private static UTF8String few(Map<String, UTF8String> converted, String x) {
    UTF8String u = converted.get(x);
    if (u == null) {
      u = UTF8String.fromString(x);
      if (converted.size() < CACHE_LIMIT) {
        converted.put(x, u);
      }
    }
    return u;
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
