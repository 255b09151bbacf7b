package clinic.outcomes.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the Parquet files {@link ParquetRows} and Spark write back into rows on the calling thread,
 * without a Spark session: the run's local engine (small inputs, see {@code pipeline.Engine}) reads
 * its staging files and the pass's staging tables with it. The rows come as Spark's own would from
 * {@code Dataset.javaRDD()} with the session's settings ({@code
 * spark.sql.datetime.java8API.enabled}): strings, boxed numbers and booleans, {@link LocalDate} for
 * a date, null for a missing value, and each row carries {@code schema}, so that it can be read by
 * name.
 *
 * <p>Only the columns of {@code schema} are read, by name; a column the file lacks is an error. A
 * folder's files are read in name order ({@code part-00000...} first), its hidden files ({@code .}
 * and {@code _}) skipped. Memory grows with the rows: for small tables only.
 */
public final class ParquetRowReader {
  private ParquetRowReader() {}

  /**
   * Every row of {@code path} (a Parquet file or a folder of them) with the columns of {@code
   * schema}.
   *
   * @throws IllegalArgumentException for a column type other than string, int, long, double,
   *     boolean and date
   */
  public static List<Row> read(Configuration conf, String path, StructType schema) {
    List<Row> rows = new ArrayList<>();
    for (Path file : files(conf, new Path(path))) {
      Configuration c = new Configuration(conf);
      // the projection lists the columns in schema's order: a record's field i is column i
      c.set(ReadSupport.PARQUET_READ_SCHEMA, projection(conf, file, schema).toString());
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), file).withConf(c).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          rows.add(row(g, schema));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return rows;
  }

  /** The file's own types of the columns of {@code schema}: a projection its footer contains. */
  private static MessageType projection(Configuration conf, Path file, StructType schema) {
    MessageType own;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      own = r.getFooter().getFileMetaData().getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Type> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!own.containsField(f.name())) {
        throw new IllegalStateException(file + " has no column " + f.name());
      }
      requireSupported(f.dataType());
      columns.add(own.getType(f.name()));
    }
    return new MessageType("projection", columns);
  }

  private static void requireSupported(DataType t) {
    if (!List.of(
            DataTypes.StringType,
            DataTypes.IntegerType,
            DataTypes.DateType,
            DataTypes.LongType,
            DataTypes.DoubleType,
            DataTypes.BooleanType)
        .contains(t)) {
      throw new IllegalArgumentException("no local reading of a " + t.simpleString() + " column");
    }
  }

  /** One record of the projection as a row of {@code schema}. */
  private static Row row(Group g, StructType schema) {
    StructField[] fields = schema.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      if (g.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      DataType t = fields[i].dataType();
      if (t.equals(DataTypes.StringType)) {
        values[i] = g.getString(i, 0);
      } else if (t.equals(DataTypes.IntegerType)) {
        values[i] = g.getInteger(i, 0);
      } else if (t.equals(DataTypes.DateType)) {
        values[i] = LocalDate.ofEpochDay(g.getInteger(i, 0));
      } else if (t.equals(DataTypes.LongType)) {
        values[i] = g.getLong(i, 0);
      } else if (t.equals(DataTypes.DoubleType)) {
        values[i] = g.getDouble(i, 0);
      } else {
        values[i] = g.getBoolean(i, 0);
      }
    }
    return new GenericRowWithSchema(values, schema);
  }

  private static List<Path> files(Configuration conf, Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.getFileStatus(path).isDirectory()) {
        return List.of(path);
      }
      List<Path> files = new ArrayList<>();
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(f.getPath());
        }
      }
      files.sort(Comparator.comparing(Path::getName));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }
}
