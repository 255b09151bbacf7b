package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published table keeps dictionaries for its repetitive columns (small files for DuckDB and the
 * notebooks) and column statistics, but none for the per-row identifiers; a staging file, read back
 * once by this job, has neither dictionaries nor statistics. Both read back the same in Spark.
 */
class ParquetRowsTest {
  private static final StructType SCHEMA =
      StructType.fromDDL("client_id string, technique string, n int");

  private static org.apache.hadoop.fs.Path write(Path dir, String name, boolean scratch) {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
    List<String> techniques = List.of("deep_tissue", "trigger_point", "swedish");
    try (ParquetRows w =
        scratch
            ? ParquetRows.scratch(conf, file, SCHEMA)
            : ParquetRows.create(conf, file, SCHEMA)) {
      for (int i = 0; i < 300; i++) {
        w.write(new Object[] {"C" + i, techniques.get(i % 3), i});
      }
    }
    return file;
  }

  private static Map<String, ColumnChunkMetaData> chunks(org.apache.hadoop.fs.Path file)
      throws IOException {
    Map<String, ColumnChunkMetaData> m = new HashMap<>();
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
      assertEquals(1, r.getFooter().getBlocks().size());
      for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) {
        m.put(c.getPath().toDotString(), c);
      }
    }
    return m;
  }

  @Test
  void aPublishedTableHasDictionariesAndStatisticsButNotForIdentifiers(@TempDir Path dir)
      throws IOException {
    Map<String, ColumnChunkMetaData> c = chunks(write(dir, "t.parquet", false));
    assertTrue(c.get("technique").hasDictionaryPage(), "technique: dictionary");
    assertFalse(c.get("client_id").hasDictionaryPage(), "client_id: plain");
    for (ColumnChunkMetaData m : c.values()) {
      assertFalse(m.getStatistics().isEmpty(), m.getPath() + ": statistics");
    }
    assertEquals("deep_tissue", c.get("technique").getStatistics().minAsString());
  }

  @Test
  void aStagingFileHasNeitherDictionariesNorStatistics(@TempDir Path dir) throws IOException {
    Map<String, ColumnChunkMetaData> c = chunks(write(dir, "s.parquet", true));
    for (ColumnChunkMetaData m : c.values()) {
      assertFalse(m.hasDictionaryPage(), m.getPath() + ": no dictionary");
      assertTrue(m.getStatistics().isEmpty(), m.getPath() + ": no statistics");
    }
  }

  @Test
  void bothReadBackTheSameInSpark(@TempDir Path dir) {
    List<String> published = rows(write(dir, "t.parquet", false));
    List<String> staged = rows(write(dir, "s.parquet", true));
    assertEquals(300, published.size());
    assertEquals(published, staged);
    assertEquals("C7 trigger_point 7", published.get(7));
  }

  private static List<String> rows(org.apache.hadoop.fs.Path file) {
    return SharedSpark.get().read().parquet(file.toString()).orderBy("n").collectAsList().stream()
        .map((Row r) -> r.getString(0) + " " + r.getString(1) + " " + r.getInt(2))
        .toList();
  }
}
