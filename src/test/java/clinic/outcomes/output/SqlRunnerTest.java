package clinic.outcomes.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * The printed result of {@code ./outcomes sql}: a Tablesaw table with the project's number format.
 */
class SqlRunnerTest {
  private static final String VALUES =
      "SELECT * FROM VALUES "
          + "('deep_tissue', 1, CAST(115 AS BIGINT), 2.63043478D, 3.677E-51D, true, DATE'2025-01-02'), "
          + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
          + "('swedish', 3, CAST(0 AS BIGINT), -0.5D, 0D, false, DATE'2024-12-31') "
          + "AS t(`group`, k, n, mean_change, t_p, small_n, month_start)";

  private static String print(Dataset<Row> df, int limit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int shown = SqlRunner.print(df, limit, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return shown + "\n" + bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsAnAlignedTableWithNullsAndTheNumberFormat() {
    Dataset<Row> df = SharedSpark.get().sql(VALUES);
    // Hand-derived cell texts: doubles as written when 6 decimals or fewer (-0.5, 0.0), else with 4
    // decimals (2.63043478 -> 2.6304), below 1e-4 in scientific notation with 4 significant digits
    // (3.677e-51); integers
    // without grouping; SQL NULL as "null" in every type. Layout (Tablesaw's printer): headers
    // centred, values right-aligned to the column width, "  |" after every cell.
    String expected =
        String.join(
            "\n",
            "2",
            "    group     |   k    |   n    |  mean_change  |     t_p     |  small_n  |  month_start  |",
            "-".repeat(91), // Tablesaw's rule: one dash longer than the header line
            " deep_tissue  |     1  |   115  |       2.6304  |  3.677e-51  |     true  |   2025-01-02  |",
            "        null  |  null  |  null  |         null  |       null  |     null  |         null  |",
            "(first 2 of 3 rows)",
            "");
    assertEquals(expected, print(df, 2));
  }

  @Test
  void allRowsWithinTheLimitAreShownAndCounted() {
    String out = print(SharedSpark.get().sql(VALUES), 50);
    assertEquals("3", out.lines().findFirst().orElseThrow());
    assertEquals(
        "     swedish  |     3  |     0  |         -0.5  |        0.0  |    false  |   2024-12-31  |",
        out.lines().toList().get(5));
    assertEquals("(3 rows)", out.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void doublesArePrintedAsTheQueryRoundedThem() {
    String out =
        print(
            SharedSpark.get()
                .sql("SELECT ROUND(2.37543D, 2) AS r, ROUND(1D / 3, 6) AS s, 3D AS t, 1D / 3 AS u"),
            5);
    assertEquals(" 2.38  |  0.333333  |  3.0  |  0.3333  |", out.lines().toList().get(3));
    assertEquals("2.38", ResultTable.format(2.38));
    assertEquals("3.677e-51", ResultTable.format(3.677e-51));
  }

  @Test
  void theDriverSideTableKeepsTypesAndNamesRepeatedColumnsApart() {
    Dataset<Row> df =
        SharedSpark.get()
            .sql(
                "SELECT a.id, b.id, a.x FROM VALUES (1, 2.5D) AS a(id, x) "
                    + "JOIN VALUES (1) AS b(id) ON a.id = b.id");
    Table t = SqlRunner.table(df.schema(), df.collectAsList());
    assertEquals("[id, id_2, x]", t.columnNames().toString());
    assertEquals(ColumnType.INTEGER, t.column("id").type());
    assertEquals(ColumnType.DOUBLE, t.column("x").type());
    assertEquals(2.5, t.doubleColumn("x").get(0));
  }

  @Test
  void numbersInTheCsvAreNumbersAndTextsStayDefused(@TempDir Path dir) throws IOException {
    // before: the formula guard wrote the number -1.5 as '-1.5, text to a spreadsheet
    Dataset<Row> df =
        SharedSpark.get()
            .sql(
                "SELECT * FROM VALUES "
                    + "(-1.5D, CAST(-3 AS BIGINT), CAST(-2.50 AS DECIMAL(5,2)), '=HYPERLINK(\\'x\\')', '-2+3+cmd', '-1.5'), "
                    + "(0.25D, 7L, CAST(1 AS DECIMAL(5,2)), '@SUM(A1)', '+5', 'deep_tissue') "
                    + "AS t(mean_change, n, d, label, other, text)");
    Path csv = dir.resolve("x.csv");
    SqlRunner.write(df, csv);
    assertEquals(
        List.of(
            "mean_change,n,d,label,other,text",
            "-1.5,-3,-2.50,\"'=HYPERLINK('x')\",\"'-2+3+cmd\",-1.5",
            "0.25,7,1.00,\"'@SUM(A1)\",+5,deep_tissue"),
        Files.readAllLines(csv));
  }
}
