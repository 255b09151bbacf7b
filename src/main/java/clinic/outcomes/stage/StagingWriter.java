package clinic.outcomes.stage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes checked input rows, streaming, into one Parquet file that Spark then reads. Memory does
 * not depend on the number of rows. Every column is optional (nullable).
 */
public final class StagingWriter implements Closeable {

  /** A staging column's physical kind. */
  public enum Kind {
    STRING,
    INT,
    LONG,
    DATE
  }

  /** A staging column. */
  public record Column(String name, Kind kind) {}

  private final List<Column> columns;
  private final SimpleGroupFactory factory;
  private final ParquetWriter<Group> writer;

  /** Opens {@code file} (any Hadoop file-system path) for writing, replacing nothing. */
  public StagingWriter(Path file, List<Column> columns, Configuration conf) {
    this.columns = List.copyOf(columns);
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      switch (c.kind()) {
        case STRING ->
            b.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
        case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
        case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
        case DATE ->
            b.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(c.name());
      }
    }
    MessageType schema = b.named("staging");
    this.factory = new SimpleGroupFactory(schema);
    try {
      this.writer =
          ExampleParquetWriter.builder(file)
              .withConf(conf)
              .withType(schema)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create staging file " + file, e);
    }
  }

  /** Writes one row; {@code values} are in column order, null for missing. */
  public void write(Object... values) {
    Group g = factory.newGroup();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        continue;
      }
      String name = columns.get(i).name();
      switch (columns.get(i).kind()) {
        case STRING -> g.add(name, (String) v);
        case INT -> g.add(name, (Integer) v);
        case LONG -> g.add(name, (Long) v);
        case DATE -> g.add(name, (int) ((LocalDate) v).toEpochDay());
      }
    }
    try {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write staging row", e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close staging file", e);
    }
  }
}
