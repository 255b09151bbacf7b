package clinic.outcomes.stage;

import clinic.outcomes.ingest.Checked;
import clinic.outcomes.ingest.CsvRecord;
import clinic.outcomes.ingest.HeaderMapping;
import clinic.outcomes.ingest.InputFileException;
import clinic.outcomes.ingest.InputTable;
import clinic.outcomes.ingest.RowRules;
import clinic.outcomes.output.Problems;
import clinic.outcomes.spark.SerializableConf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * A Parquet input (file or folder) checked on the executors: each row is a record, its "line" is
 * its 1-based ordinal in Spark's reading order, its raw text its values (as text) joined by commas.
 * Each partition checks its rows with the row rules and the privacy guard and writes its own
 * staging file. A file Spark cannot read (corrupt, truncated, not Parquet) is a whole-file problem
 * (exit 2), unless the environment failed (a full disk is not the file's fault).
 */
final class ParquetIngest {
  private ParquetIngest() {}

  /** The input read, with its header resolved on the driver. */
  record Opened(Dataset<Row> text, HeaderMapping mapping) {}

  /** Opens a Parquet input and resolves its column names as a header. */
  static Opened open(SparkSession spark, InputTable table, Path source, String fileName) {
    Dataset<Row> df;
    try {
      df = spark.read().parquet(source.toString());
    } catch (Exception e) { // Exception too: Spark throws its checked SparkException undeclared
      throw unreadable(e, fileName);
    }
    String[] names = df.columns();
    HeaderMapping mapping = HeaderMapping.resolve(table, fileName, List.of(names));
    Column[] asText = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      asText[i] = functions.col("`" + names[i] + "`").cast("string");
    }
    return new Opened(df.select(asText), mapping);
  }

  /** The staging folder of a Parquet input's checked rows ({@link CsvIngest#partName}'s folder). */
  static String staging(Path stagingDir, InputTable table) {
    return new Path(stagingDir, table.fileBase() + ".parquet").toString();
  }

  /** Checks and stages every row; returns the partitions' results in order. */
  static List<PieceResult> run(
      JavaSparkContext jsc, Opened in, RowRules rules, String fileName, Path stagingDir) {
    HeaderMapping mapping = in.mapping();
    String dir = stagingDir.toString();
    Broadcast<SerializableConf> bconf =
        jsc.broadcast(new SerializableConf(jsc.hadoopConfiguration()));
    try {
      return in.text()
          .javaRDD()
          .zipWithIndex()
          .mapPartitionsWithIndex(
              (index, rows) ->
                  List.of(stage(index, rows, mapping, rules, fileName, dir, bconf.value()))
                      .iterator(),
              false)
          .collect();
    } catch (Exception e) {
      throw unreadable(e, fileName);
    } finally {
      bconf.destroy();
    }
  }

  private static PieceResult stage(
      int index,
      Iterator<Tuple2<Row, Long>> rows,
      HeaderMapping mapping,
      RowRules rules,
      String fileName,
      String dir,
      SerializableConf conf) {
    int table = mapping.table().ordinal();
    StagingPart part =
        new StagingPart(new Path(dir, CsvIngest.partName(mapping.table(), index)), conf.get());
    long records = 0;
    long latest = Long.MIN_VALUE;
    SessionIds.Collector ids =
        mapping.table() == InputTable.SESSIONS ? new SessionIds.Collector() : null;
    try (StagingWriter out =
        new StagingWriter(part.attempt(), StagingColumns.of(mapping.table()), conf.get())) {
      while (rows.hasNext()) {
        Tuple2<Row, Long> t = rows.next();
        Row row = t._1();
        List<String> fields = new ArrayList<>(row.length());
        for (int i = 0; i < row.length(); i++) {
          fields.add(row.isNullAt(i) ? "" : row.getString(i));
        }
        CsvRecord r = new CsvRecord(t._2() + 1, String.join(",", fields), fields);
        Checked<?> c = CsvIngest.check(rules, mapping, r, fileName);
        Object[] values = StagingColumns.values(c);
        out.write(values);
        if (ids != null) {
          ids.addStaged(values);
        }
        latest = Math.max(latest, StagingColumns.validDay(c));
        records++;
      }
    } catch (InputFileException e) {
      return new PieceResult(table, index, records, latest, e);
    }
    part.commit();
    if (ids != null) {
      ids.commit(SessionIds.file(new Path(dir), mapping.table().fileBase(), index), conf.get());
    }
    return new PieceResult(table, index, records, latest, null);
  }

  static RuntimeException unreadable(Exception e, String fileName) {
    String env = Problems.environment(e);
    if (env != null && !env.equals("permission denied")) {
      return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    return new InputFileException(
        fileName,
        "is not a readable Parquet file or folder ("
            + (env != null ? env : "corrupt or truncated: Spark could not read its data")
            + ")",
        2);
  }
}
