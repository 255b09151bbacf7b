package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.cli.Main;
import clinic.outcomes.core.SettingsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./outcomes sql} on a local run folder: DuckDB reads the Parquet tables Spark wrote, the
 * way the job writes them (a folder per table with part files and _SUCCESS, a run.json beside).
 */
class DuckSqlTest {
  @TempDir static Path tmp;
  static Path run;

  @BeforeAll
  static void writeARunFolder() throws IOException {
    SparkSession spark = SharedSpark.get();
    run = tmp.resolve("out");
    spark
        .sql(
            "SELECT * FROM VALUES "
                + "('course', 'technique', 'deep_tissue', 115, 2.37549871D, DATE'2025-01-02', true), "
                + "('course', 'technique', 'swedish', 96, 1.1328125D, DATE'2025-01-03', false), "
                + "('course', 'technique', 'trigger_point', 40, -0.03125D, NULL, NULL) "
                + "AS t(analysis, group_by, `group`, n, mean_change, first_date, small_n)")
        .repartition(2)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(run.resolve("stats").toString());
    spark
        .range(0, 120)
        .selectExpr("concat('C', id) AS client_id", "CAST(id % 7 AS INT) AS k")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(run.resolve("clients").toString());
    Files.writeString(run.resolve("run.json"), "{}");
    Files.createDirectories(run.resolve("charts")); // not a table: no _SUCCESS
  }

  private static String printed(DuckSql.Result r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyTableFolderIsAViewByItsName() {
    try (DuckSql db = new DuckSql(run)) {
      assertEquals(List.of("clients", "stats"), db.tables());
    }
  }

  @Test
  void printsTheRowsAsTheQueryRoundedThemWithTheTotalCount() {
    try (DuckSql db = new DuckSql(run)) {
      // Spark's backticks are accepted; ROUND(2.37549871, 2) prints 2.38, not 2.3800; an unrounded
      // double with more than 6 decimals keeps 4 (2.37549871 -> 2.3755, 1.1328125 -> 1.1328);
      // -0.03125 is printed as is.
      String out =
          printed(
              db.query(
                  "SELECT `group`, n, ROUND(mean_change, 2) AS r, mean_change, first_date, small_n "
                      + "FROM stats ORDER BY n DESC",
                  50));
      List<List<String>> cells =
          out.lines().skip(2).map(l -> List.of(l.replace(" ", "").split("\\|"))).toList();
      assertEquals(
          List.of(
              List.of("deep_tissue", "115", "2.38", "2.3755", "2025-01-02", "true"),
              List.of("swedish", "96", "1.13", "1.1328", "2025-01-03", "false"),
              List.of("trigger_point", "40", "-0.03", "-0.03125", "null", "null"),
              List.of("(3rows)")),
          cells);
      assertTrue(
          printed(db.query("SELECT * FROM clients ORDER BY client_id", 5))
              .endsWith("(first 5 of 120 rows)\n"));
      assertTrue(
          printed(db.query("SELECT count(*) AS n FROM clients", 5)).endsWith(" 120  |\n(1 row)\n"));
    }
  }

  @Test
  void aSyntaxErrorGivesTheEnginesOwnMessage() {
    try (DuckSql db = new DuckSql(run)) {
      SettingsException e = assertThrows(SettingsException.class, () -> db.query("SELEC 1", 5));
      assertEquals(
          "SQL error: Parser Error: syntax error at or near \"SELEC\" (tables: clients, stats)",
          e.getMessage());
      e = assertThrows(SettingsException.class, () -> db.query("SELECT * FROM stat", 5));
      assertTrue(
          e.getMessage().contains("Table with name stat does not exist")
              && e.getMessage().contains("stats"),
          e.getMessage());
    }
  }

  @Test
  void writesOneParquetFileOrOneCsvFile() throws IOException {
    Path parquet = tmp.resolve("answer.parquet");
    Path csv = tmp.resolve("answer.csv");
    try (DuckSql db = new DuckSql(run)) {
      String q =
          "SELECT `group`, ROUND(mean_change, 2) AS r, mean_change FROM stats ORDER BY `group`";
      db.write(q, parquet);
      db.write(q, parquet); // a second write replaces the file
      db.write(q, csv);
    }
    assertTrue(Files.isRegularFile(parquet));
    try (Stream<Path> s = Files.list(tmp)) {
      assertFalse(
          s.anyMatch(
              p ->
                  p.getFileName().toString().endsWith(".crc")
                      || p.getFileName().toString().equals("_SUCCESS")));
    }
    List<Row> back = SharedSpark.get().read().parquet(parquet.toString()).collectAsList();
    assertEquals("[deep_tissue,2.38,2.37549871]", back.get(0).toString());
    // CSV: numbers in full precision and unquoted (a negative number is not a formula)
    assertEquals(
        List.of(
            "group,r,mean_change",
            "deep_tissue,2.38,2.37549871",
            "swedish,1.13,1.1328125",
            "trigger_point,-0.03,-0.03125"),
        Files.readAllLines(csv));
  }

  @Test
  void notARunFolderIsABadSetting() {
    SettingsException e =
        assertThrows(SettingsException.class, () -> new DuckSql(tmp.resolve("nowhere")));
    assertTrue(e.getMessage().endsWith("is not the output folder of a run (no run.json)"));
  }

  @Test
  void theCommandAnswersAndItsShellGoesOnAfterAnError() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    InputStream in = System.in;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setIn(
        new ByteArrayInputStream(
            "SELEC 1;\n.tables\nSELECT count(*) AS n\nFROM clients;\n"
                .getBytes(StandardCharsets.UTF_8)));
    int shell;
    int bad;
    try {
      shell = Main.commandLine().execute("sql", "--run", run.toString(), "--shell");
      bad = Main.commandLine().execute("sql", "--run", run.toString(), "SELECT nope FROM stats");
    } finally {
      System.setOut(out);
      System.setIn(in);
    }
    assertEquals(0, shell);
    assertEquals(2, bad);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains("outcomes: SQL error: Parser Error: syntax error at or near \"SELEC\""),
        text);
    assertTrue(text.contains("clients, stats\n"), text);
    assertTrue(text.contains("  n   |\n-------\n 120  |\n(1 row)\n"), text);
  }
}
