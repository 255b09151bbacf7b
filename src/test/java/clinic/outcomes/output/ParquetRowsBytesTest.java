package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetRows} hands each value straight to parquet-mr's column writers instead of going
 * through {@code ParquetWriter}'s record layer. The reference here is that record layer: {@code
 * ParquetWriter} with a write support that adds each row field by field (the way {@code
 * ParquetRows} wrote until it went direct), configured as {@code ParquetRows} configures its
 * columns. The same rows through both must give the same file, byte for byte: pages, dictionaries,
 * statistics, column and offset indexes, footer.
 */
class ParquetRowsBytesTest {
  private static final StructType SCHEMA =
      StructType.fromDDL(
              "session_id string, technique string, month string, line long, n int, score double,"
                  + " closed boolean, day date, note string")
          .add("kind", org.apache.spark.sql.types.DataTypes.IntegerType, false);

  /**
   * Rows of every column type, with nulls in every nullable column, repeated values (dictionaries),
   * a distinct id per row (plain), non-ASCII text, and enough rows for several pages per column.
   */
  private static List<Object[]> rows(int n) {
    Random r = new Random(20261201L);
    String[] techniques = {"deep_tissue", "trigger_point", "myofascial_release", "swedish"};
    String[] notes = {"", "Zoë", "日本語", "plain"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new Object[] {
            "S" + (1_000_000 + i),
            r.nextInt(10) == 0 ? null : techniques[r.nextInt(techniques.length)],
            "2025-" + (10 + r.nextInt(3)),
            r.nextInt(7) == 0 ? null : 2L + i,
            r.nextInt(5) == 0 ? null : r.nextInt(240),
            r.nextInt(4) == 0 ? null : r.nextInt(101) / 10.0,
            r.nextInt(3) == 0 ? null : r.nextBoolean(),
            r.nextInt(6) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(r.nextInt(700)),
            r.nextInt(9) == 0 ? null : notes[r.nextInt(notes.length)],
            r.nextInt(3)
          });
    }
    return rows;
  }

  /** The record layer's way: each row's fields started, added and ended, nulls left out. */
  private static final class RecordSupport extends WriteSupport<Object[]> {
    private final MessageType type = ParquetRows.parquetType(SCHEMA);
    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, Map.of(TableWriter.SPARK_SCHEMA, SCHEMA.json()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Object[] values) {
      out.startMessage();
      StructField[] f = SCHEMA.fields();
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          continue;
        }
        out.startField(f[i].name(), i);
        switch (f[i].dataType().typeName()) {
          case "string" -> out.addBinary(Binary.fromString((String) v));
          case "long" -> out.addLong((Long) v);
          case "integer" -> out.addInteger((Integer) v);
          case "double" -> out.addDouble((Double) v);
          case "boolean" -> out.addBoolean((Boolean) v);
          case "date" -> out.addInteger((int) ((LocalDate) v).toEpochDay());
          default -> throw new IllegalStateException(f[i].dataType().typeName());
        }
        out.endField(f[i].name(), i);
      }
      out.endMessage();
    }
  }

  private static final class RecordWriter extends ParquetWriter.Builder<Object[], RecordWriter> {
    RecordWriter(OutputFile file) {
      super(file);
    }

    @Override
    protected RecordWriter self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RecordSupport();
    }
  }

  private static byte[] direct(Path file, List<Object[]> rows, boolean scratch) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
    Configuration conf = new Configuration();
    try (ParquetRows w =
        scratch ? ParquetRows.scratch(conf, p, SCHEMA) : ParquetRows.create(conf, p, SCHEMA)) {
      rows.forEach(w::write);
    }
    return Files.readAllBytes(file);
  }

  private static byte[] throughRecords(Path file, List<Object[]> rows, boolean scratch)
      throws IOException {
    Configuration conf = new Configuration();
    RecordWriter b =
        new RecordWriter(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY);
    for (StructField f : SCHEMA.fields()) {
      if (ParquetRows.PLAIN.contains(f.name())) {
        b = b.withDictionaryEncoding(f.name(), false);
      }
    }
    if (scratch) {
      b =
          b.withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withDictionaryEncoding(false)
              .withStatisticsEnabled(false)
              .withSizeStatisticsEnabled(false);
    }
    try (ParquetWriter<Object[]> w = b.build()) {
      for (Object[] row : rows) {
        w.write(row);
      }
    }
    return Files.readAllBytes(file);
  }

  @Test
  void aPublishedTableIsByteForByteWhatTheRecordLayerWrites(@TempDir Path dir) throws IOException {
    for (int n : new int[] {0, 1, 99, 101, 60_000}) {
      List<Object[]> rows = rows(n);
      byte[] expected = throughRecords(dir.resolve("r" + n + ".parquet"), rows, false);
      byte[] actual = direct(dir.resolve("d" + n + ".parquet"), rows, false);
      assertArrayEquals(expected, actual, n + " rows");
    }
    org.apache.hadoop.fs.Path p =
        new org.apache.hadoop.fs.Path(dir.resolve("d60000.parquet").toUri());
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(p, new Configuration()))) {
      assertEquals(60_000, r.getRecordCount());
      assertTrue(
          r.getFooter().getBlocks().get(0).getColumns().get(1).hasDictionaryPage(),
          "technique has a dictionary");
      assertTrue(
          r.readNextRowGroup()
                  .getPageReader(r.getFileMetaData().getSchema().getColumns().get(0))
                  .readPage()
              != null,
          "session_id has pages");
    }
  }

  /**
   * A string column whose dictionary outgrows its page size within the file (parquet-mr then writes
   * the rest of the column chunk plain), with its repeated values given as equal strings of other
   * instances: the file is still byte for byte the record layer's.
   */
  @Test
  void aDictionaryThatFallsBackToPlainIsByteForByteWhatTheRecordLayerWrites(@TempDir Path dir)
      throws IOException {
    List<Object[]> rows = rows(60_000);
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      if (row[8] != null) {
        row[8] = i < 20_000 ? new String((String) row[8]) : "note " + i + "x".repeat(60);
      }
    }
    byte[] expected = throughRecords(dir.resolve("r.parquet"), rows, false);
    assertArrayEquals(expected, direct(dir.resolve("d.parquet"), rows, false));
  }

  @Test
  void aStagingFileIsByteForByteWhatTheRecordLayerWrites(@TempDir Path dir) throws IOException {
    List<Object[]> rows = rows(60_000);
    assertArrayEquals(
        throughRecords(dir.resolve("r.parquet"), rows, true),
        direct(dir.resolve("d.parquet"), rows, true));
  }

  @Test
  void aNullInARequiredColumnFailsNamingIt(@TempDir Path dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir.resolve("x.parquet").toUri());
    Object[] row = rows(1).get(0);
    row[9] = null;
    try (ParquetRows w = ParquetRows.create(new Configuration(), p, SCHEMA)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(row));
      assertTrue(e.getMessage().contains("kind"), e.getMessage());
    }
  }
}
