package clinic.outcomes.output;

import clinic.outcomes.spark.SparkDates;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Streams rows into one Snappy-compressed Parquet file as Spark's own writer would lay it out: the
 * same physical and logical types for Spark's string, long, int, double, boolean and date columns,
 * required where the schema says not null, and Spark's schema in the footer, so that Spark reads
 * the exact schema back and DuckDB and the notebooks read it as any other table. It runs anywhere:
 * in a Spark task (the client pass writes each of its tables with one per partition) or on the
 * driver ({@link TableWriter#writeRows}). Values are given in the schema's order; memory does not
 * depend on the number of rows.
 *
 * <p>Each value goes straight to its column's writer in parquet-mr's column store, where {@code
 * ParquetWriter} would hand it through its record layer ({@code MessageColumnIO}: a field marker
 * per value, a pass over every column per row to find the missing ones), which flat rows do not
 * need: in a flight recording at 10M sessions that layer was a fifth of the Parquet writing, and
 * the writing a third of the run. Row groups are cut, and the file laid out, as {@code
 * ParquetWriter} does ({@code InternalParquetRecordWriter}); {@code ParquetRowsBytesTest} checks
 * that each file is byte for byte the one {@code ParquetWriter} writes from the same rows.
 */
public final class ParquetRows implements Closeable {
  /** parquet-mr's default row group size, as {@code ParquetWriter.Builder} takes it. */
  private static final long ROW_GROUP_SIZE = ParquetWriter.DEFAULT_BLOCK_SIZE;

  private final Path file;
  private final ParquetFileWriter out;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final ParquetProperties props;
  private final MessageType type;
  private final StructType schema;
  private final Kind[] kinds;
  private final boolean[] required;
  private final ColumnDescriptor[] descriptors;
  private final ColumnWriter[] columns;

  /** Per string column with a dictionary, its encoded values; null for every other column. */
  private final RepeatedStrings[] repeated;

  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private int rowGroupOrdinal;
  private long groupRows;
  private long nextCheck;
  private long nextGroupSize = ROW_GROUP_SIZE;
  private long rows;
  private boolean failed;
  private boolean closed;

  private ParquetRows(Configuration conf, Path file, StructType schema, boolean scratch)
      throws IOException {
    this.file = file;
    this.schema = schema;
    this.type = parquetType(schema);
    ParquetProperties.Builder p = ParquetProperties.builder();
    for (StructField f : schema.fields()) {
      if (PLAIN.contains(f.name())) {
        p.withDictionaryEncoding(f.name(), false);
      }
    }
    if (scratch) {
      p.withDictionaryEncoding(false).withStatisticsEnabled(false).withSizeStatisticsEnabled(false);
    } else {
      p.withValuesWriterFactory(new RepeatedStrings.Factory());
    }
    this.props = p.build();
    this.out =
        new ParquetFileWriter(
            HadoopOutputFile.fromPath(file, conf),
            type,
            scratch ? ParquetFileWriter.Mode.OVERWRITE : ParquetFileWriter.Mode.CREATE,
            ROW_GROUP_SIZE,
            ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
            null,
            props);
    try {
      out.start();
    } catch (IOException | RuntimeException e) {
      abandon(out);
      throw e;
    }
    this.codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    StructField[] f = schema.fields();
    this.kinds = new Kind[f.length];
    this.required = new boolean[f.length];
    this.descriptors = new ColumnDescriptor[f.length];
    this.columns = new ColumnWriter[f.length];
    this.repeated = new RepeatedStrings[f.length];
    for (int i = 0; i < f.length; i++) {
      kinds[i] = Kind.of(f[i].dataType());
      required[i] = !f[i].nullable();
      descriptors[i] = type.getColumns().get(i);
      if (kinds[i] == Kind.STRING && props.isDictionaryEnabled(descriptors[i])) {
        repeated[i] = new RepeatedStrings();
      }
    }
    this.nextCheck = props.getMinRowCountForPageSizeCheck();
    openRowGroup();
  }

  /**
   * Columns that hold (nearly) a distinct value per row. Parquet's dictionary encoding would hash
   * every value into a dictionary that fills up and falls back to plain encoding within each row
   * group; a flight recording of a run on a million sessions found that hashing a sixth of the
   * client pass's Parquet time and a fifth of the ingest's. They are written plain (staging files,
   * {@link #scratch}, have no dictionaries at all).
   */
  static final Set<String> PLAIN =
      Set.of("session_id", "client_id", "episode_id", "line", "source_line", "raw");

  /**
   * Creates {@code file} (an existing file is an error), a table to publish: with Parquet's column
   * statistics, which DuckDB and Spark use to skip row groups.
   *
   * @throws IllegalArgumentException for a column type other than the above
   */
  public static ParquetRows create(Configuration conf, Path file, StructType schema) {
    return open(conf, file, schema, false);
  }

  /**
   * Creates or replaces {@code file}, a staging file that only this job reads back whole (a retried
   * task attempt replaces its own): without column statistics, which nothing reads, and without
   * dictionary encoding. A dictionary makes a published table small for its readers, but here every
   * value was hashed into one only to be read back once: at 1M sessions that hashing was a fifth of
   * the ingest's samples in a flight recording, and the run took 56 s instead of 66 s without it
   * (docs/performance.md).
   */
  public static ParquetRows scratch(Configuration conf, Path file, StructType schema) {
    return open(conf, file, schema, true);
  }

  private static ParquetRows open(
      Configuration conf, Path file, StructType schema, boolean scratch) {
    try {
      return new ParquetRows(conf, file, schema, scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /** Writes one row: a value per column, in the schema's order, null for none. */
  public void write(Object[] values) {
    if (values.length != columns.length) {
      throw new IllegalArgumentException(
          values.length + " values for " + columns.length + " columns");
    }
    try {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        ColumnWriter c = columns[i];
        if (v == null) {
          if (required[i]) { // the file is given up, as ParquetWriter gives it up
            throw new IllegalArgumentException("column " + schema.fields()[i].name() + " is null");
          }
          c.writeNull(0, 0);
          continue;
        }
        int d = required[i] ? 0 : 1;
        switch (kinds[i]) {
          case STRING -> c.write(binary(i, v.toString()), 0, d);
          case LONG -> c.write(((Number) v).longValue(), 0, d);
          case INT -> c.write(((Number) v).intValue(), 0, d);
          case DOUBLE -> c.write(((Number) v).doubleValue(), 0, d);
          case BOOLEAN -> c.write(((Boolean) v).booleanValue(), 0, d);
          case DATE -> c.write((int) SparkDates.epochDay(v), 0, d);
        }
      }
      store.endRecord();
      rows++;
      groupRows++;
      checkRowGroupSize();
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException("cannot write a row to " + file, e);
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private Binary binary(int column, String s) {
    RepeatedStrings r = repeated[column];
    return r != null
        ? r.binary(s)
        : Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A new row group's page store and column writers (InternalParquetRecordWriter.initStore). */
  private void openRowGroup() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            type,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled(),
            out.getEncryptor(),
            rowGroupOrdinal);
    store = props.newColumnWriteStore(type, pages, pages);
    for (int i = 0; i < columns.length; i++) {
      columns[i] = store.getColumnWriter(descriptors[i]);
    }
  }

  /**
   * Cuts the row group at parquet-mr's row limit, or when it is within about two rows of its size,
   * checking the buffered size only now and then: line for line {@code
   * InternalParquetRecordWriter.checkBlockSizeReached}, so that row groups end where it ends them.
   */
  private void checkRowGroupSize() throws IOException {
    long min = props.getMinRowCountForPageSizeCheck();
    long max = props.getMaxRowCountForPageSizeCheck();
    if (groupRows >= props.getRowGroupRowCountLimit()) {
      flushRowGroup();
      openRowGroup();
      nextCheck = Math.min(Math.max(min, groupRows / 2), max); // groupRows is 0 again, as there
    } else if (groupRows >= nextCheck) {
      long size = store.getBufferedSize();
      long rowSize = size / groupRows;
      if (size > nextGroupSize - 2 * rowSize) {
        flushRowGroup();
        openRowGroup();
        nextCheck = Math.min(Math.max(min, groupRows / 2), max);
      } else {
        nextCheck =
            Math.min(
                Math.max(min, (groupRows + (long) (nextGroupSize / ((float) rowSize))) / 2),
                groupRows + max);
      }
    }
  }

  /**
   * Writes the row group's pages to the file (InternalParquetRecordWriter.flushRowGroupToStore).
   */
  private void flushRowGroup() throws IOException {
    try {
      if (groupRows > 0) {
        rowGroupOrdinal++;
        out.startBlock(groupRows);
        store.flush();
        pages.flushToFileWriter(out);
        groupRows = 0;
        out.endBlock();
        nextGroupSize = Math.min(out.getNextRowGroupSize(), ROW_GROUP_SIZE);
      }
    } finally {
      store.close();
      pages.close();
    }
  }

  /**
   * Gives up a file after a failure, as {@code ParquetWriter} does: marked aborted (no footer is
   * written), then closed, which releases the writer's buffers.
   */
  private static void abandon(ParquetFileWriter out) {
    out.abort();
    try {
      out.close();
    } catch (IOException e) {
      // the failure that got here is the one reported
    }
  }

  /** The rows written so far. */
  public long rows() {
    return rows;
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (failed) {
        abandon(out);
        return;
      }
      flushRowGroup();
      out.end(Map.of(TableWriter.SPARK_SCHEMA, schema.json()));
    } catch (IOException e) {
      abandon(out);
      throw new UncheckedIOException("cannot close " + file, e);
    } catch (RuntimeException e) {
      abandon(out);
      throw e;
    } finally {
      codecs.release();
    }
  }

  /** The Parquet schema Spark writes for these column types. */
  static MessageType parquetType(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      Repetition rep = f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
      DataType t = f.dataType();
      if (t.equals(DataTypes.StringType)) {
        b.primitive(PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType())
            .named(f.name());
      } else if (t.equals(DataTypes.LongType)) {
        b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
      } else if (t.equals(DataTypes.IntegerType)) {
        b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
      } else if (t.equals(DataTypes.DoubleType)) {
        b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
      } else if (t.equals(DataTypes.BooleanType)) {
        b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
      } else if (t.equals(DataTypes.DateType)) {
        b.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.dateType())
            .named(f.name());
      } else {
        throw new IllegalArgumentException(
            "column " + f.name() + ": no direct Parquet writer for " + t.simpleString());
      }
    }
    return b.named("spark_schema");
  }

  /** How each column's value reaches Parquet. */
  private enum Kind {
    STRING,
    LONG,
    INT,
    DOUBLE,
    BOOLEAN,
    DATE;

    static Kind of(DataType t) {
      if (t.equals(DataTypes.StringType)) {
        return STRING;
      } else if (t.equals(DataTypes.LongType)) {
        return LONG;
      } else if (t.equals(DataTypes.IntegerType)) {
        return INT;
      } else if (t.equals(DataTypes.DoubleType)) {
        return DOUBLE;
      } else if (t.equals(DataTypes.BooleanType)) {
        return BOOLEAN;
      }
      return DATE;
    }
  }
}
