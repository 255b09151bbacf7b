package clinic.outcomes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SameTables} on run folders whose Parquet files DuckDB writes here (each table folder with
 * its {@code _SUCCESS}, the folder with a {@code run.json}, as a run leaves them): the same rows
 * split over other files and in another order are the same table; a row gone, a value changed, a
 * table missing, a column of another type and one byte of {@code rejects.csv} are each a
 * difference.
 */
class SameTablesTest {
  @TempDir Path tmp;

  private static final String ROWS =
      "SELECT * FROM (VALUES ('c1', DATE '2025-01-06', 7), ('c1', DATE '2025-01-06', 7),"
          + " ('c2', DATE '2025-02-01', NULL)) t(client_id, day, score)";

  /** A run folder: each table given as {@code name=query|query}, one Parquet file per query. */
  private Path run(String name, String... tables) throws Exception {
    Path run = Files.createDirectories(tmp.resolve(name));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String t : tables) {
        String[] nameAndSql = t.split("=", 2);
        Path dir = Files.createDirectories(run.resolve(nameAndSql[0]));
        String[] parts = nameAndSql[1].split("\\|");
        for (int i = 0; i < parts.length; i++) {
          st.execute(
              "COPY ("
                  + parts[i]
                  + ") TO '"
                  + dir.resolve("part-0000" + i + "-c000.snappy.parquet")
                  + "' (FORMAT parquet)");
        }
        Files.createFile(dir.resolve("_SUCCESS"));
      }
    }
    Files.writeString(run.resolve("rejects.csv"), "file,line,reasons,raw\n");
    Files.writeString(run.resolve("run.json"), "{}");
    return run;
  }

  private static String[] compare(Path a, Path b, int expectedExit) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = SameTables.compare(a, b, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, out);
    return out.split("\n");
  }

  @Test
  void theSameRowsInOtherFilesAndAnotherOrderAreTheSame() throws Exception {
    Path a = run("a", "scores=" + ROWS);
    Path b =
        run(
            "b",
            "scores=SELECT * FROM ("
                + ROWS
                + ") WHERE score IS NULL|SELECT * FROM ("
                + ROWS
                + ") WHERE score = 7 ORDER BY client_id DESC");
    String[] out = compare(a, b, 0);
    assertEquals("scores: 3 rows, the same", out[0]);
    assertEquals("rejects.csv: the same, byte for byte", out[1]);
    assertEquals("ALL THE SAME", out[2]);
  }

  @Test
  void eachKindOfDifferenceIsFound() throws Exception {
    Path a = run("a", "scores=" + ROWS, "extra=" + ROWS, "typed=" + ROWS);
    Path b =
        run(
            "b",
            // one of the two equal rows gone (rows are a multiset), and a null score now 8
            "scores=SELECT 'c1' AS client_id, DATE '2025-01-06' AS day, 7 AS score"
                + " UNION ALL SELECT 'c2', DATE '2025-02-01', 8",
            "typed=SELECT client_id, day, CAST(score AS VARCHAR) AS score FROM (" + ROWS + ")");
    Files.writeString(b.resolve("rejects.csv"), "file,line,reasons,raw\n ");
    String[] out = compare(a, b, 1);
    assertEquals("extra: only in " + a, out[0]);
    assertEquals("scores: 3 rows, 2 only in A, 1 only in B", out[1]);
    assertEquals(
        "typed: other columns (A: client_id VARCHAR, day DATE, score INTEGER;"
            + " B: client_id VARCHAR, day DATE, score VARCHAR)",
        out[2]);
    assertEquals("rejects.csv: differs", out[3]);
    assertEquals("4 DIFFERENT", out[4]);
  }

  @Test
  void aFolderWithoutRunJsonIsNotARunFolder() throws Exception {
    Path a = run("a", "scores=" + ROWS);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    String[] out = compare(a, empty, 2);
    assertEquals(empty + ": is not the output folder of a run (no run.json)", out[0]);
  }

  @Test
  void aFolderItsWriterDidNotFinishIsNoTable() throws Exception {
    Path a = run("a", "scores=" + ROWS, "unfinished=" + ROWS);
    Files.delete(a.resolve("unfinished").resolve("_SUCCESS"));
    Path b = run("b", "scores=" + ROWS);
    String[] out = compare(a, b, 0);
    assertEquals("scores: 3 rows, the same", out[0]);
  }
}
