package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Finding and reading a run folder the way the notebooks do. */
class RunTablesTest {
  @TempDir Path tmp;

  private Path run(Path folder, String settings) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("run.json"), "{\"settings\": " + settings + "}");
    return folder;
  }

  private static void table(Path folder, int... ns) throws IOException {
    Files.createDirectories(folder);
    MessageType schema = MessageTypeParser.parseMessageType("message t { required int32 n; }");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(folder.resolve("part-00000.parquet")))
            .withType(schema)
            .build()) {
      for (int n : ns) {
        w.write(new SimpleGroupFactory(schema).newGroup().append("n", n));
      }
    }
    Files.writeString(folder.resolve("_SUCCESS"), "");
  }

  @Test
  void theEnvironmentVariableWinsElseTheNearestOutUpwards() throws IOException {
    Path project = run(tmp.resolve("project/out"), "{}").getParent();
    Path notebooks = Files.createDirectories(project.resolve("notebooks"));
    assertEquals(project.resolve("out"), RunTables.locate(null, notebooks));
    assertEquals(project.resolve("out"), RunTables.locate("  ", project));
    assertEquals(notebooks.resolve("../elsewhere"), RunTables.locate("../elsewhere", notebooks));
    assertEquals(Path.of("/abs/run"), RunTables.locate("/abs/run", notebooks));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> RunTables.locate(null, tmp))
            .getMessage()
            .startsWith("no run folder: set OUTCOMES_RUN"));
  }

  @Test
  void onlyAFinishedRunOpens() throws IOException {
    Path notARun = Files.createDirectories(tmp.resolve("half"));
    assertEquals(
        notARun + ": is not a finished run (no run.json); make one with ./outcomes run",
        assertThrows(IllegalArgumentException.class, () -> RunTables.open(notARun)).getMessage());
  }

  @Test
  void tablesAreReadOnceAndHandedOutAsCopies() throws IOException {
    Path out =
        run(
            tmp.resolve("out"),
            "{\"min_cell_size\": 5, \"reference_technique\": \"swedish\","
                + " \"technique_groups\": {\"specialized\": [\"deep_tissue\", \"trigger_point\"]}}");
    table(out.resolve("stats"), 3, 4);
    table(out.resolve("monthly"), 1);
    Files.createDirectories(out.resolve("charts"));
    Files.createDirectories(out.resolve("unfinished"));

    RunTables run = RunTables.open(out);

    assertEquals(List.of("monthly", "stats"), run.names());
    Table stats = run.table("stats");
    assertEquals(List.of(3, 4), stats.intColumn("n").asList());
    stats.dropRows(0);
    assertEquals(
        2, run.table("stats").rowCount(), "a change to one copy leaves the run's table as read");
    assertEquals(Map.of("monthly", 1, "stats", 2), run.rowCounts());
    assertEquals(5, run.minCellSize());
    assertEquals("swedish", run.referenceTechnique());
    assertEquals(
        Map.of("specialized", List.of("deep_tissue", "trigger_point")), run.techniqueGroups());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> run.table("charts"))
            .getMessage()
            .contains("holds no .parquet file"));
    assertEquals(
        "the run has no table nope; it has [monthly, stats]",
        assertThrows(IllegalArgumentException.class, () -> run.table("nope")).getMessage());
  }

  @Test
  void settingsDefaultWhereTheManifestHasNone() throws IOException {
    RunTables run = RunTables.open(run(tmp.resolve("bare"), "{}"));
    assertEquals(11, run.minCellSize());
    assertEquals("swedish", run.referenceTechnique());
    assertEquals(Map.of(), run.techniqueGroups());
  }
}
