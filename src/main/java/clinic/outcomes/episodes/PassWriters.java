package clinic.outcomes.episodes;

import clinic.outcomes.output.ParquetRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet files one task attempt of the client pass writes: one per table, each with its own
 * table's schema, opened when the table's first row comes (a partition with no rows of a table
 * writes no file for it), all in the attempt's own folder. The driver commits the files of the
 * successful attempts ({@link ClientPass}); nothing here is visible in the run folder before that.
 */
final class PassWriters implements AutoCloseable {
  private final Configuration conf;
  private final Path folder;
  private final int partition;
  private final Map<String, ParquetRows> open = new LinkedHashMap<>();

  /**
   * @param folder this attempt's own folder (no other attempt writes there)
   * @param partition the partition this attempt computes
   */
  PassWriters(Configuration conf, Path folder, int partition) {
    this.conf = conf;
    this.folder = folder;
    this.partition = partition;
  }

  /** Writes one row of {@code table}, whose schema is {@code schema}. */
  void write(String table, StructType schema, Object[] values) {
    open.computeIfAbsent(
            table, t -> ParquetRows.create(conf, new Path(folder, t + ".parquet"), schema))
        .write(values);
  }

  /** Closes every file and says what was written. */
  List<PassPart.PassFile> finish() {
    List<PassPart.PassFile> files = new ArrayList<>();
    for (Map.Entry<String, ParquetRows> e : open.entrySet()) {
      e.getValue().close();
      files.add(
          new PassPart.PassFile(
              e.getKey(), e.getValue().file().toString(), partition, e.getValue().rows()));
    }
    open.clear();
    return files;
  }

  /** After a failure: closes what is open and deletes the attempt's folder (best effort). */
  @Override
  public void close() {
    if (open.isEmpty()) {
      return;
    }
    for (ParquetRows w : open.values()) {
      try {
        w.close();
      } catch (RuntimeException e) {
        // the attempt failed already; its folder goes below
      }
    }
    open.clear();
    try {
      folder.getFileSystem(conf).delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
