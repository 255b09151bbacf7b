package clinic.outcomes.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.stage.FileRecords;
import clinic.outcomes.stage.StagedFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link PassRows} builds Spark's internal rows itself, each record packed for the shuffle ({@link
 * PackedInput}), instead of handing external rows to Spark's encoder. Its rows, read back and
 * unpacked, must be exactly the encoder's: each staged value moved to its input column by name
 * ({@code session_date} and {@code recorded_on} to {@code date}), {@code kind} set, {@code
 * conflicting} false, {@code bucket} the fingerprint's hash where the client is missing. The
 * expected rows here are built the old way, through {@code createDataFrame} with the encoder, from
 * the same staged values; {@code PassRows.packed} must give the same rows back from them (the way a
 * Parquet input's staged rows reach the shuffle).
 */
class PassRowsTest {
  private final SparkSession spark = SharedSpark.get();

  /** The staging layouts of a sessions and a scores file, as the ingest stages them. */
  private static final StructType SESSIONS = staging("sessions");

  private static final StructType SCORES = staging("pain_scores");

  private static StructType staging(String table) {
    return new StagedFile(
            table, table + ".csv", null, null, 0, 0, Long.MIN_VALUE, List.of(), null, null)
        .stagingSchema();
  }

  @Test
  void internalRowsReadBackAsTheEncodersRows() {
    List<Object[]> sessions =
        List.of(
            new Object[] {
              2L,
              "raw",
              -7L,
              11,
              "",
              "S1",
              "C1",
              "T1",
              LocalDate.of(2025, 1, 6),
              "swedish",
              60,
              "none",
              "yes"
            },
            new Object[] { // no client: bucket is fp64; a date before 1970, non-ASCII text
              3L,
              "raw",
              42L,
              -3,
              "missing_client_id",
              "S2",
              null,
              "Thérèse",
              LocalDate.of(1969, 12, 31),
              "deep_tissue",
              null,
              null,
              null
            },
            new Object[] {
              4L,
              null,
              Long.MIN_VALUE,
              Integer.MAX_VALUE,
              "invalid_technique|missing_session_date",
              "S3",
              "C1",
              "T\uD83D\uDE00",
              null,
              null,
              45,
              "sore",
              "no"
            });
    List<Object[]> scores =
        List.of(
            new Object[] {
              5L, "raw", 1L, 2, "", "C1", null, LocalDate.of(2025, 1, 1), "intake", "nrs_pain", 90
            },
            new Object[] {
              6L, "raw", 9L, 8, "", "C2", "S1", LocalDate.of(2025, 1, 6), "before", "nrs_pain", null
            });
    check(SESSIONS, sessions, ClientJudge.SESSION);
    check(SCORES, scores, ClientJudge.SCORE);
  }

  private void check(StructType staging, List<Object[]> staged, int kind) {
    JavaRDD<Object[]> records =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(staged, 2);
    FileRecords f = new FileRecords("t", "t.csv", staging, records, null, 0);
    List<Row> actual = PassRows.of(spark, f, kind).collectAsList();
    assertEquals(PackedInput.LAYOUT, PassRows.of(spark, f, kind).schema());
    List<List<Object>> expected = expected(staging, staged, kind);
    assertEquals(expected, unpacked(actual));
    // The same rows in the input's layout (as a Parquet input's are staged), packed by packed().
    List<Row> asInput = expected.stream().map(e -> RowFactory.create(e.toArray())).toList();
    Dataset<Row> packed =
        PassRows.packed(spark, spark.createDataFrame(asInput, ValidationStage.INPUT));
    assertEquals(PackedInput.LAYOUT, packed.schema());
    assertEquals(expected, unpacked(packed.collectAsList()));
  }

  private static List<List<Object>> unpacked(List<Row> shuffled) {
    return shuffled.stream().map(r -> Arrays.asList(rowValues(PackedInput.unpack(r)))).toList();
  }

  /** The rows as the encoder gives them back, from external rows built by column name. */
  private List<List<Object>> expected(StructType staging, List<Object[]> staged, int kind) {
    StructType in = ValidationStage.INPUT;
    List<Row> rows = new ArrayList<>();
    for (Object[] s : staged) {
      Object[] v = new Object[in.size()];
      for (int i = 0; i < in.size(); i++) {
        String name = in.fields()[i].name();
        if (name.equals("date")) {
          name =
              Arrays.asList(staging.fieldNames()).contains("session_date")
                  ? "session_date"
                  : "recorded_on";
        }
        int at = Arrays.asList(staging.fieldNames()).indexOf(name);
        v[i] = at < 0 ? null : s[at];
      }
      v[in.fieldIndex("kind")] = kind;
      v[in.fieldIndex("conflicting")] = false;
      if (v[in.fieldIndex("client_id")] == null) {
        v[in.fieldIndex("bucket")] = v[in.fieldIndex("fp64")];
      }
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, in).collectAsList().stream()
        .map(r -> Arrays.asList(rowValues(r)))
        .toList();
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }
}
