package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables and charts outside a kernel (no rapaio Global on the class path): text on stdout. */
class ShowTest {
  private static Table stats() {
    return Table.create(
        "course <nrs>",
        StringColumn.create("group", "a&b", "c"),
        IntColumn.create("n", 12, 3),
        DoubleColumn.create("mean_change", 2.345, Double.NaN),
        DoubleColumn.create("t_p", 0.0004, 0.0123),
        DoubleColumn.create("mcid_rate", 0.5, 0.0666));
  }

  @Test
  void numbersFollowTheirColumnNames() {
    assertEquals("2.35", Show.number("mean_change", 2.345, false));
    assertEquals("<0.001", Show.number("t_p", 0.0004, false));
    assertEquals("0.012", Show.number("wilcoxon_q", 0.0123, false));
    assertEquals("6.7 %", Show.number("mcid_rate", 0.0666, true));
    assertEquals("\u2014", Show.number("mean_change", Double.NaN, false));
  }

  @Test
  void aDoubleColumnOfWholeNumbersIsShownAsCounts() {
    Table counts =
        Table.create(
            "c",
            DoubleColumn.create("episodes", 120.0, Double.NaN, 6.0),
            DoubleColumn.create("mean", 2.0, 2.5, 1.0));
    String html = Show.html(counts, 10);
    assertTrue(html.contains("<td style=\"text-align:right\">120</td>"), html);
    assertTrue(html.contains("<td style=\"text-align:right\">\u2014</td>"), html);
    assertTrue(
        html.contains("<td style=\"text-align:right\">2.00</td>"),
        "a column with a fraction keeps decimals");
  }

  @Test
  void proportionsAreRatesConfidenceAndTheIntervalsOfARate() {
    Table stats =
        Table.create(
            "s",
            DoubleColumn.create("ci_low"),
            DoubleColumn.create("mcid_rate"),
            DoubleColumn.create("mcid_ci_low"),
            DoubleColumn.create("r30_ci_high"),
            DoubleColumn.create("confidence"));
    assertEquals(false, Show.proportion(stats, "ci_low"), "ci_low of a mean: no column rate");
    assertEquals(true, Show.proportion(stats, "mcid_rate"));
    assertEquals(true, Show.proportion(stats, "mcid_ci_low"));
    assertEquals(false, Show.proportion(stats, "r30_ci_high"), "no r30_rate in this table");
    assertEquals(true, Show.proportion(stats, "confidence"));
    Table safety = Table.create("t", DoubleColumn.create("rate"), DoubleColumn.create("ci_high"));
    assertEquals(true, Show.proportion(safety, "ci_high"));
  }

  @Test
  void htmlIsEscapedAndAligned() {
    String html = Show.html(stats(), 1);
    assertEquals(
        "<table><caption style=\"text-align:left;font-weight:bold\">course &lt;nrs&gt;</caption>"
            + "<thead><tr><th scope=\"col\">group</th><th scope=\"col\">n</th>"
            + "<th scope=\"col\">mean_change</th><th scope=\"col\">t_p</th>"
            + "<th scope=\"col\">mcid_rate</th></tr></thead>"
            + "<tbody><tr><td style=\"text-align:left\">a&amp;b</td><td style=\"text-align:right\">12</td>"
            + "<td style=\"text-align:right\">2.35</td><td style=\"text-align:right\">&lt;0.001</td>"
            + "<td style=\"text-align:right\">50.0 %</td></tr></tbody></table><p>first 1 of 2 rows</p>",
        html);
    assertTrue(
        Show.html(stats(), 10).contains("<td style=\"text-align:right\">\u2014</td>"),
        "NaN is missing");
  }

  @Test
  void withoutAKernelTablesAndChartsGoToStandardOutput() {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Show.table(stats(), 1);
      CategoryChart chart =
          new CategoryChartBuilder().width(300).height(200).title("Relief").build();
      chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
      Show.chart(chart);
      Show.html("<b>bold</b> text");
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("(first 1 of 2 rows)"), out);
    assertTrue(out.contains("[chart: Relief, 300x200]"), out);
    assertTrue(out.contains("bold text"), out);
  }
}
