package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import clinic.outcomes.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine's reader gives back what Spark reads from the same files: every type the job
 * writes, nulls, required and optional columns, a file {@link ParquetRows} wrote and a folder Spark
 * wrote in several parts, and only the columns asked for, by name, in the order asked.
 */
class ParquetRowReaderTest {
  private static final StructType ALL =
      new StructType()
          .add("s", DataTypes.StringType, true)
          .add("i", DataTypes.IntegerType, true)
          .add("l", DataTypes.LongType, false)
          .add("d", DataTypes.DoubleType, true)
          .add("b", DataTypes.BooleanType, true)
          .add("day", DataTypes.DateType, true);

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      boolean gap = k % 7 == 3;
      rows.add(
          RowFactory.create(
              gap ? null : "é" + k,
              gap ? null : k - 20,
              (long) k << 40,
              gap ? null : k / 3.0,
              gap ? null : k % 2 == 0,
              gap ? null : LocalDate.of(2024, 2, 29).plusDays(k)));
    }
    return rows;
  }

  /** What Spark reads from {@code path}, as text, in file order. */
  private static List<String> spark(String path, String... columns) {
    return SharedSpark.get().read().parquet(path).selectExpr(columns).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }

  private static List<String> local(String path, StructType schema) {
    return ParquetRowReader.read(new Configuration(), path, schema).stream()
        .map(Row::toString)
        .toList();
  }

  @Test
  void aFileWrittenByParquetRowsReadsBackAsSparkReadsIt(@TempDir Path dir) {
    org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(dir.resolve("t").toUri());
    TableWriter.writeRows(new Configuration(), table, ALL, rows(), false);
    assertEquals(spark(table.toString(), ALL.fieldNames()), local(table.toString(), ALL));
    assertEquals(50, local(table.toString(), ALL).size());
    StructType some =
        new StructType().add("day", DataTypes.DateType).add("s", DataTypes.StringType);
    assertEquals(spark(table.toString(), "day", "s"), local(table.toString(), some));
  }

  @Test
  void aFolderSparkWroteInPartsReadsBackInItsFilesOrder(@TempDir Path dir) {
    String path = dir.resolve("spark").toString();
    SharedSpark.get()
        .createDataFrame(rows(), ALL)
        .repartition(3)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(path);
    List<String> expected = new ArrayList<>(spark(path, ALL.fieldNames()));
    List<String> got = new ArrayList<>(local(path, ALL));
    expected.sort(null);
    got.sort(null);
    assertEquals(expected, got);
  }

  @Test
  void aColumnTheFileLacksIsAnError(@TempDir Path dir) {
    org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(dir.resolve("t").toUri());
    TableWriter.writeRows(new Configuration(), table, ALL, rows(), false);
    StructType other = new StructType().add("missing", DataTypes.StringType);
    assertThrows(
        IllegalStateException.class,
        () -> ParquetRowReader.read(new Configuration(), table.toString(), other));
  }
}
