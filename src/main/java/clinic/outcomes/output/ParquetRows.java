package clinic.outcomes.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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
 */
public final class ParquetRows implements Closeable {
  private final ParquetWriter<Object[]> writer;
  private final Path file;
  private long rows;

  private ParquetRows(ParquetWriter<Object[]> writer, Path file) {
    this.writer = writer;
    this.file = file;
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
    MessageType type = parquetType(schema);
    try {
      Builder b =
          new Builder(HadoopOutputFile.fromPath(file, conf), new Support(schema, type))
              .withConf(conf)
              .withCompressionCodec(CompressionCodecName.SNAPPY);
      for (StructField f : schema.fields()) {
        if (PLAIN.contains(f.name())) {
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
      return new ParquetRows(b.build(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /** Writes one row: a value per column, in the schema's order, null for none. */
  public void write(Object[] values) {
    try {
      writer.write(values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a row to " + file, e);
    }
    rows++;
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
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
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

  /** Writes an {@code Object[]} row straight to Parquet's record consumer, column by column. */
  private static final class Support extends WriteSupport<Object[]> {
    private final StructType schema;
    private final MessageType type;
    private final String[] names;
    private final Kind[] kinds;
    private final boolean[] required;
    private RecordConsumer out;

    Support(StructType schema, MessageType type) {
      this.schema = schema;
      this.type = type;
      StructField[] f = schema.fields();
      names = new String[f.length];
      kinds = new Kind[f.length];
      required = new boolean[f.length];
      for (int i = 0; i < f.length; i++) {
        names[i] = f[i].name();
        kinds[i] = Kind.of(f[i].dataType());
        required[i] = !f[i].nullable();
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, Map.of(TableWriter.SPARK_SCHEMA, schema.json()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Object[] values) {
      if (values.length != names.length) {
        throw new IllegalArgumentException(
            values.length + " values for " + names.length + " columns");
      }
      out.startMessage();
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          if (required[i]) {
            throw new IllegalArgumentException("column " + names[i] + " is null");
          }
          continue;
        }
        out.startField(names[i], i);
        switch (kinds[i]) {
          case STRING ->
              out.addBinary(
                  Binary.fromConstantByteArray(v.toString().getBytes(StandardCharsets.UTF_8)));
          case LONG -> out.addLong(((Number) v).longValue());
          case INT -> out.addInteger(((Number) v).intValue());
          case DOUBLE -> out.addDouble(((Number) v).doubleValue());
          case BOOLEAN -> out.addBoolean((Boolean) v);
          case DATE -> out.addInteger((int) epochDay(v));
        }
        out.endField(names[i], i);
      }
      out.endMessage();
    }

    private static long epochDay(Object v) {
      return v instanceof java.sql.Date d
          ? d.toLocalDate().toEpochDay()
          : ((java.time.LocalDate) v).toEpochDay();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final Support support;

    Builder(OutputFile file, Support support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
