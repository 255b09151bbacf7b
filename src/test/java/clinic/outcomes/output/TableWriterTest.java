package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small table written by the driver without Spark ({@link TableWriter#write(SparkSession, String,
 * StructType, List)}) reads back in Spark, DuckDB and by the footer count exactly as the same rows
 * written by Spark's own Parquet writer: same schema (types and nullability), same values.
 */
class TableWriterTest {
  private final SparkSession spark = SharedSpark.get();

  private static final StructType SCHEMA =
      new StructType()
          .add("name", DataTypes.StringType, false)
          .add("n", DataTypes.LongType, false)
          .add("position", DataTypes.IntegerType, false)
          .add("rate", DataTypes.DoubleType)
          .add("small", DataTypes.BooleanType)
          .add("label", DataTypes.StringType)
          .add("day", DataTypes.DateType);

  private static final List<Row> ROWS =
      List.of(
          RowFactory.create("a", 3L, 1, 0.25, true, "x", LocalDate.of(2025, 1, 31)),
          RowFactory.create("b", 0L, 2, null, null, null, null),
          RowFactory.create("c é", -7L, 3, Double.NaN, false, "", LocalDate.of(2000, 1, 1)));

  @Test
  void readsBackInSparkAsSparksOwnWrite(@TempDir Path dir) {
    TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(dir.toUri()), dir);
    assertEquals(3, w.write(spark, "direct", SCHEMA, ROWS));
    spark
        .createDataFrame(ROWS, SCHEMA)
        .coalesce(1)
        .write()
        .parquet(dir.resolve("spark").toString());

    assertTrue(Files.exists(dir.resolve("direct/_SUCCESS")), "_SUCCESS, as the readers expect");
    assertEquals(
        3, TableWriter.rowCount(spark, dir.resolve("direct").toUri().toString()), "footer count");
    // read without a schema: Spark's inference from the footer (the run's readers do this)
    StructType direct = spark.read().parquet(dir.resolve("direct").toString()).schema();
    StructType bySpark = spark.read().parquet(dir.resolve("spark").toString()).schema();
    assertEquals(bySpark, direct);
    List<Row> back =
        spark.read().parquet(dir.resolve("direct").toString()).orderBy("position").collectAsList();
    assertEquals(3, back.size());
    assertEquals(
        List.of("a", 3L, 1, 0.25, true, "x", LocalDate.of(2025, 1, 31)), values(back.get(0)));
    List<Object> nulls = new ArrayList<>(List.of("b", 0L, 2));
    for (int i = 0; i < 4; i++) {
      nulls.add(null);
    }
    assertEquals(nulls, values(back.get(1)));
    assertEquals(
        List.of("c é", -7L, 3, Double.NaN, false, "", LocalDate.of(2000, 1, 1)),
        values(back.get(2)));
  }

  @Test
  void duckDbReadsTheSameColumnsAndValues(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("run.json"), "{}"); // a run folder, as DuckSql requires
    TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(dir.toUri()), dir);
    w.write(spark, "direct", SCHEMA, ROWS);
    try (DuckSql sql = new DuckSql(dir)) {
      assertEquals(List.of("direct"), sql.tables());
      DuckSql.Result r =
          sql.query(
              "SELECT name, n, position, rate, small, label, CAST(day AS VARCHAR) FROM direct"
                  + " ORDER BY position",
              10);
      assertEquals(3, r.total());
      assertArrayEquals(new Object[] {"a", 3L, 1, 0.25, true, "x", "2025-01-31"}, r.rows().get(0));
      assertArrayEquals(new Object[] {"b", 0L, 2, null, null, null, null}, r.rows().get(1));
    }
  }

  @Test
  void anExistingTableIsRefusedUnlessReplaced(@TempDir Path dir) {
    TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(dir.toUri()), dir);
    w.write(spark, "t", SCHEMA, ROWS);
    assertThrows(IllegalStateException.class, () -> w.write(spark, "t", SCHEMA, ROWS));
    TableWriter.writeRows(
        spark.sparkContext().hadoopConfiguration(),
        new org.apache.hadoop.fs.Path(dir.resolve("t").toUri()),
        SCHEMA,
        ROWS.subList(0, 1),
        true);
    assertEquals(1, spark.read().parquet(dir.resolve("t").toString()).count());
  }

  @Test
  void anEmptyTableKeepsItsSchema(@TempDir Path dir) {
    TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(dir.toUri()), dir);
    assertEquals(0, w.write(spark, "empty", SCHEMA, List.of()));
    spark.createDataFrame(List.of(), SCHEMA).write().parquet(dir.resolve("spark").toString());
    assertEquals(
        spark.read().parquet(dir.resolve("spark").toString()).schema(),
        spark.read().parquet(dir.resolve("empty").toString()).schema());
    assertEquals(0, spark.read().parquet(dir.resolve("empty").toString()).count());
  }

  @Test
  void aNullInANotNullColumnIsRefused(@TempDir Path dir) {
    TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(dir.toUri()), dir);
    List<Row> bad = List.of(RowFactory.create(null, 1L, 1, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> w.write(spark, "bad", SCHEMA, bad));
  }

  @Test
  void theRejectReasonsAreCountedAsTheCsvIsWritten(@TempDir Path dir) throws Exception {
    // Few rejects: sorted and written by the driver; many: by Spark. The same files either way.
    for (long expected : new long[] {3, TableWriter.DRIVER_REJECTS + 1}) {
      Path d = Files.createDirectories(dir.resolve("expected-" + expected));
      StructType rejects =
          StructType.fromDDL("file string, line bigint, reasons string, raw string");
      TableWriter w = new TableWriter(new org.apache.hadoop.fs.Path(d.toUri()), d);
      assertEquals(null, w.rejectReasons(), "nothing counted before the rejects are written");
      long n =
          w.writeRejects(
              spark.createDataFrame(
                  List.of(
                      RowFactory.create("sessions.csv", 7L, "bad_date|unknown_session", "x"),
                      RowFactory.create("sessions.csv", 3L, "bad_date", "y"),
                      RowFactory.create("clients.csv", 2L, "missing_value", "z")),
                  rejects),
              expected);
      assertEquals(3, n);
      // a row with two reasons counts once for each
      assertEquals(
          java.util.Map.of("bad_date", 2L, "unknown_session", 1L, "missing_value", 1L),
          w.rejectReasons());
      assertEquals(
          List.of(
              "file,line,reasons,raw",
              "clients.csv,2,missing_value,z",
              "sessions.csv,3,bad_date,y",
              "sessions.csv,7,bad_date|unknown_session,x"),
          Files.readAllLines(d.resolve("rejects.csv")));
      Dataset<Row> table = spark.read().parquet(d.resolve("rejects").toString());
      assertEquals(rejects, table.schema());
      assertEquals(
          List.of("[clients.csv,2,missing_value,z]", "[sessions.csv,3,bad_date,y]"),
          table.orderBy("file", "line").limit(2).collectAsList().stream()
              .map(Row::toString)
              .toList());
    }
  }

  private static List<Object> values(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.length(); i++) {
      out.add(r.get(i));
    }
    return out;
  }
}
