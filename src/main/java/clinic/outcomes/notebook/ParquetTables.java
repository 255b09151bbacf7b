package clinic.outcomes.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads a Spark-written Parquet table into a Tablesaw {@link Table} on the local file system, with
 * parquet-hadoop's record API and no Spark session (the notebooks' kernel cannot run Spark
 * reliably, and a run's tables are small).
 *
 * <p>Types: strings (and enums, JSON) to {@link StringColumn}; 32-bit integers to {@link IntColumn}
 * (8- and 16-bit too); {@code DATE} to {@link DateColumn}; 64-bit integers to {@link LongColumn};
 * timestamps ({@code INT96}, as Spark writes them by default, or {@code INT64} with a time unit) to
 * {@link DateTimeColumn} in UTC, to the millisecond (Tablesaw's precision); doubles to {@link
 * DoubleColumn}; floats to {@link FloatColumn}; booleans to {@link BooleanColumn}; decimals to
 * {@link DoubleColumn} (a score such as 7.5 is exact in a double as read, but arithmetic on doubles
 * is not: compare scores in tenths). A null is a Tablesaw missing value. Nested or repeated columns
 * are refused with an {@link IllegalArgumentException} naming the column: the run's tables are
 * flat.
 */
public final class ParquetTables {
  private ParquetTables() {}

  /**
   * Reads a table: a folder of {@code part-*.parquet} files (read in name order, as Spark numbers
   * them) or a single {@code .parquet} file. The table is named after the folder or file.
   *
   * @throws IllegalArgumentException when the path holds no Parquet file, the part files disagree
   *     on the schema, or a column is nested or repeated
   * @throws UncheckedIOException when a file cannot be read
   */
  public static Table read(Path path) {
    List<Path> files = parts(path);
    String name = path.getFileName().toString().replaceFirst("\\.parquet$", "");
    Table table = null;
    MessageType schema = null;
    for (Path file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        if (table == null) {
          schema = fileSchema;
          table = Table.create(name, columns(schema));
        } else if (!schema.equals(fileSchema)) {
          throw new IllegalArgumentException(file + ": schema differs from " + files.get(0));
        }
        readRows(reader, schema, table);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return table;
  }

  /** The Parquet files of a table folder in name order, or the file itself. */
  static List<Path> parts(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          path + ": no such table (neither a folder nor a .parquet file)");
    }
    try (Stream<Path> s = Files.list(path)) {
      List<Path> files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
                  })
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException(path + ": holds no .parquet file");
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  private static List<Column<?>> columns(MessageType schema) {
    List<Column<?>> cols = new ArrayList<>();
    for (Type field : schema.getFields()) {
      cols.add(column(field));
    }
    return cols;
  }

  private static Column<?> column(Type field) {
    String name = field.getName();
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      throw new IllegalArgumentException(
          "column " + name + ": nested or repeated columns are not supported");
    }
    PrimitiveType p = field.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      return DoubleColumn.create(name);
    }
    return switch (p.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> StringColumn.create(name);
      case BOOLEAN -> BooleanColumn.create(name);
      case INT32 ->
          logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
              ? DateColumn.create(name)
              : IntColumn.create(name);
      case INT64 ->
          logical instanceof TimestampLogicalTypeAnnotation
              ? DateTimeColumn.create(name)
              : LongColumn.create(name);
      case INT96 -> DateTimeColumn.create(name);
      case FLOAT -> FloatColumn.create(name);
      case DOUBLE -> DoubleColumn.create(name);
    };
  }

  private static void readRows(ParquetFileReader reader, MessageType schema, Table table)
      throws IOException {
    ColumnIOFactory factory = new ColumnIOFactory();
    PageReadStore pages;
    while ((pages = reader.readNextRowGroup()) != null) {
      RecordReader<Group> records =
          factory.getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
      for (long r = 0; r < pages.getRowCount(); r++) {
        Group row = records.read();
        for (int c = 0; c < schema.getFieldCount(); c++) {
          append(table.column(c), schema.getType(c).asPrimitiveType(), row, c);
        }
      }
    }
  }

  private static void append(Column<?> column, PrimitiveType type, Group row, int c) {
    if (row.getFieldRepetitionCount(c) == 0) {
      column.appendMissing();
      return;
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      ((DoubleColumn) column).append(decimal(type, row, c, d.getScale()).doubleValue());
      return;
    }
    switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> ((StringColumn) column).append(row.getString(c, 0));
      case BOOLEAN -> ((BooleanColumn) column).append(row.getBoolean(c, 0));
      case INT32 -> {
        int v = row.getInteger(c, 0);
        if (column instanceof DateColumn dates) {
          dates.append(LocalDate.ofEpochDay(v));
        } else {
          ((IntColumn) column).append(v);
        }
      }
      case INT64 -> {
        long v = row.getLong(c, 0);
        if (column instanceof DateTimeColumn times) {
          times.append(timestamp(v, ((TimestampLogicalTypeAnnotation) logical).getUnit()));
        } else {
          ((LongColumn) column).append(v);
        }
      }
      case INT96 -> ((DateTimeColumn) column).append(int96(row.getInt96(c, 0)));
      case FLOAT -> ((FloatColumn) column).append(row.getFloat(c, 0));
      case DOUBLE -> ((DoubleColumn) column).append(row.getDouble(c, 0));
    }
  }

  private static BigDecimal decimal(PrimitiveType type, Group row, int c, int scale) {
    return switch (type.getPrimitiveTypeName()) {
      case INT32 -> BigDecimal.valueOf(row.getInteger(c, 0), scale);
      case INT64 -> BigDecimal.valueOf(row.getLong(c, 0), scale);
      default -> new BigDecimal(new BigInteger(row.getBinary(c, 0).getBytes()), scale);
    };
  }

  private static LocalDateTime timestamp(long value, TimeUnit unit) {
    Instant i =
        switch (unit) {
          case MILLIS -> Instant.ofEpochMilli(value);
          case MICROS ->
              Instant.ofEpochSecond(
                  Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
          case NANOS ->
              Instant.ofEpochSecond(
                  Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** INT96: 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, little-endian. */
  static LocalDateTime int96(Binary value) {
    ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = b.getLong();
    long julianDay = Integer.toUnsignedLong(b.getInt());
    long epochDay = julianDay - 2_440_588L; // Julian day of 1970-01-01
    return LocalDate.ofEpochDay(epochDay).atStartOfDay().plusNanos(nanosOfDay);
  }
}
