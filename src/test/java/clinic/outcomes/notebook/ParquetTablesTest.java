package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Reading Parquet into Tablesaw without Spark: files this test writes with known rows. */
class ParquetTablesTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t {"
              + " optional binary technique (STRING);"
              + " optional int32 n;"
              + " optional int32 day (DATE);"
              + " optional int64 sessions;"
              + " optional double mean;"
              + " optional boolean small;"
              + " optional int96 at;"
              + " optional int32 score (DECIMAL(4,1));"
              + "}");

  @TempDir Path tmp;

  /** Writes rows with the parquet example writer; a null field is simply not added. */
  private static void write(Path file, Object[]... rows) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (Object[] r : rows) {
        Group g = groups.newGroup();
        if (r[0] != null) g.add("technique", (String) r[0]);
        if (r[1] != null) g.add("n", (Integer) r[1]);
        if (r[2] != null) g.add("day", (int) ((LocalDate) r[2]).toEpochDay());
        if (r[3] != null) g.add("sessions", (Long) r[3]);
        if (r[4] != null) g.add("mean", (Double) r[4]);
        if (r[5] != null) g.add("small", (Boolean) r[5]);
        if (r[6] != null) g.add("at", int96((LocalDateTime) r[6]));
        if (r[7] != null) g.add("score", (Integer) r[7]);
        w.write(g);
      }
    }
  }

  /**
   * INT96 as Spark writes it: nanoseconds of the day, then the Julian day (2440588 = 1970-01-01).
   */
  private static Binary int96(LocalDateTime t) {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(t.toLocalTime().toNanoOfDay());
    b.putInt((int) (t.toLocalDate().toEpochDay() + 2_440_588L));
    return Binary.fromConstantByteArray(b.array());
  }

  @Test
  void readsEveryPartInNameOrderWithTypesAndNulls() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("stats"));
    write(
        folder.resolve("part-00001-x.snappy.parquet"),
        new Object[] {
          "swedish",
          125,
          LocalDate.of(2025, 12, 29),
          9_000_000_000L,
          1.196,
          false,
          LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500),
          75
        });
    write(
        folder.resolve("part-00000-x.snappy.parquet"),
        new Object[] {
          "deep_tissue",
          115,
          LocalDate.of(2024, 1, 1),
          3L,
          2.5,
          true,
          LocalDateTime.of(2025, 6, 30, 12, 0, 1, 123_456_789),
          -25
        },
        new Object[] {null, null, null, null, null, null, null, null});
    Files.writeString(folder.resolve("_SUCCESS"), "");
    Files.writeString(folder.resolve(".part-00000-x.snappy.parquet.crc"), "not parquet");

    Table t = ParquetTables.read(folder);

    assertEquals("stats", t.name());
    assertEquals(
        List.of(
            ColumnType.STRING,
            ColumnType.INTEGER,
            ColumnType.LOCAL_DATE,
            ColumnType.LONG,
            ColumnType.DOUBLE,
            ColumnType.BOOLEAN,
            ColumnType.LOCAL_DATE_TIME,
            ColumnType.DOUBLE),
        List.of(t.typeArray()));
    assertEquals(3, t.rowCount());
    // part-00000 first: its two rows, then part-00001's.
    assertEquals("deep_tissue", t.stringColumn("technique").get(0));
    assertEquals("swedish", t.stringColumn("technique").get(2));
    assertEquals(115, t.intColumn("n").get(0));
    assertEquals(LocalDate.of(2024, 1, 1), t.dateColumn("day").get(0));
    assertEquals(9_000_000_000L, t.longColumn("sessions").get(2));
    assertEquals(2.5, t.doubleColumn("mean").get(0));
    assertEquals(true, t.booleanColumn("small").get(0));
    assertEquals(false, t.booleanColumn("small").get(2));
    // Tablesaw keeps date-times to the millisecond.
    assertEquals(
        LocalDateTime.of(2025, 6, 30, 12, 0, 1, 123_000_000), t.dateTimeColumn("at").get(0));
    assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59), t.dateTimeColumn("at").get(2));
    // DECIMAL(4,1): unscaled -25 is -2.5, 75 is 7.5.
    assertEquals(-2.5, t.doubleColumn("score").get(0));
    assertEquals(7.5, t.doubleColumn("score").get(2));
    for (String c : t.columnNames()) {
      assertTrue(t.column(c).isMissing(1), c + " of the all-null row is missing");
    }
  }

  @Test
  void readsASingleFileAndRefusesWhatIsNotATable() throws IOException {
    Path file = tmp.resolve("one.parquet");
    write(file, new Object[] {"swedish", 1, null, null, null, null, null, null});
    assertEquals("one", ParquetTables.read(file).name());
    assertEquals(1, ParquetTables.read(file).rowCount());

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    assertEquals(
        empty + ": holds no .parquet file",
        assertThrows(IllegalArgumentException.class, () -> ParquetTables.read(empty)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ParquetTables.read(tmp.resolve("nope")));
  }

  @Test
  void refusesPartsThatDisagreeOnTheSchema() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("mixed"));
    write(
        folder.resolve("part-00000.parquet"),
        new Object[] {"a", 1, null, null, null, null, null, null});
    MessageType other = MessageTypeParser.parseMessageType("message t { optional int32 n; }");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(folder.resolve("part-00001.parquet")))
            .withType(other)
            .build()) {
      w.write(new SimpleGroupFactory(other).newGroup().append("n", 2));
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ParquetTables.read(folder))
            .getMessage()
            .endsWith("schema differs from " + folder.resolve("part-00000.parquet")));
  }

  @Test
  void readsATableAsSparkWritesIt() {
    Path folder = tmp.resolve("spark");
    SharedSpark.get()
        .sql(
            "SELECT * FROM VALUES "
                + "('C1-E1', 3, CAST(7 AS BIGINT), 3.5D, true, DATE'2025-11-30', CAST(6.5 AS DECIMAL(4,1)), "
                + "TIMESTAMP_NTZ'2025-11-30 08:15:00'), "
                + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) "
                + "AS t(episode_id, n_sessions, n, improvement, closed, end_date, score, seen)")
        .coalesce(1)
        .write()
        .parquet(folder.toString());

    Table t = ParquetTables.read(folder);

    assertEquals(
        List.of(
            ColumnType.STRING,
            ColumnType.INTEGER,
            ColumnType.LONG,
            ColumnType.DOUBLE,
            ColumnType.BOOLEAN,
            ColumnType.LOCAL_DATE,
            ColumnType.DOUBLE,
            ColumnType.LOCAL_DATE_TIME),
        List.of(t.typeArray()));
    assertEquals(2, t.rowCount());
    int r = t.stringColumn("episode_id").isMissing().contains(0) ? 1 : 0;
    assertEquals("C1-E1", t.stringColumn("episode_id").get(r));
    assertEquals(3, t.intColumn("n_sessions").get(r));
    assertEquals(7L, t.longColumn("n").get(r));
    assertEquals(3.5, t.doubleColumn("improvement").get(r));
    assertEquals(true, t.booleanColumn("closed").get(r));
    assertEquals(LocalDate.of(2025, 11, 30), t.dateColumn("end_date").get(r));
    assertEquals(6.5, t.doubleColumn("score").get(r));
    assertEquals(LocalDateTime.of(2025, 11, 30, 8, 15), t.dateTimeColumn("seen").get(r));
    for (String c : t.columnNames()) {
      assertTrue(t.column(c).isMissing(1 - r), c + " of the null row is missing");
    }
  }
}
