package clinic.outcomes.validate;

import clinic.outcomes.stage.FileRecords;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A CSV file's records, as the ingest's tasks parse them, in the pass's input layout ({@link
 * ValidationStage#INPUT}): the values moved from the staging layout by position, worked out once
 * from the two layouts' names (a score's {@code recorded_on} and a session's {@code session_date}
 * are the input's {@code date}), {@code kind} the file's, {@code bucket} the fingerprint's 64-bit
 * hash where the client is missing, {@code conflicting} false (the pass flags the sessions the
 * check of ids found, {@link Conflicts}). The same values as the staging Parquet files' layout in
 * Spark SQL gave, with no staging copy between the ingest and the pass's shuffle.
 */
final class PassRows {
  private PassRows() {}

  /** The file's records as the pass's input rows, read when the pass's shuffle reads them. */
  static Dataset<Row> of(SparkSession spark, FileRecords f, int kind) {
    int[] from = from(f.stagingSchema());
    int client = ValidationStage.INPUT.fieldIndex("client_id");
    int fp64 = ValidationStage.INPUT.fieldIndex("fp64");
    int bucket = ValidationStage.INPUT.fieldIndex("bucket");
    int kindAt = ValidationStage.INPUT.fieldIndex("kind");
    int conflicting = ValidationStage.INPUT.fieldIndex("conflicting");
    int width = ValidationStage.INPUT.size();
    JavaRDD<Row> rows =
        f.records()
            .map(
                staged -> {
                  Object[] v = new Object[width];
                  for (int i = 0; i < width; i++) {
                    if (from[i] >= 0) {
                      v[i] = staged[from[i]];
                    }
                  }
                  v[kindAt] = kind;
                  v[conflicting] = false;
                  if (v[client] == null) {
                    v[bucket] = v[fp64];
                  }
                  return RowFactory.create(v);
                });
    return spark.createDataFrame(rows, ValidationStage.INPUT);
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
