package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case study on hand-built figures (no Spark): the five differences of issue #13 rebuilt and
 * blocked, and a page that needs several rounds of complementary suppression, each checked by
 * {@link PageAttacker} from the rendered page and its {@code case_study_cells.csv} alone.
 */
class CaseStudyDisclosureTest {
  private static final int MIN = 11;

  /**
   * The figures of issue #13: all techniques minus specialized gave Swedish massage's small counts.
   */
  static ReportData issueFigures() {
    Map<String, long[]> events = new LinkedHashMap<>();
    // deep tissue, trigger point, myofascial release, swedish
    events.put("bruising", new long[] {30, 20, 15, 6}); // specialized 65, all 71: 71 - 65 = 6
    events.put("increased_pain", new long[] {7, 5, 4, 3}); // 16 and 19: 19 - 16 = 3
    events.put("other", new long[] {5, 4, 2, 1}); // 11 and 12: 12 - 11 = 1
    events.put("soreness", new long[] {120, 100, 90, 30});
    return new CaseStudyData()
        .course("nrs_pain", new long[] {150, 120, 100, 140}, new long[] {90, 60, 50, 70})
        .course("odi", new long[] {120, 80, 60, 52}, new long[] {50, 30, 19, 8}) // 99 and 107: 8
        .course("slr_deg", new long[] {60, 40, 35, 40}, new long[] {30, 15, 11, 2}) // 56 and 58: 2
        .safety(new long[] {700, 650, 500, 686}, events)
        .data();
  }

  /** Small counts in every row and column: one complementary count is not enough anywhere. */
  static ReportData manyRoundsFigures() {
    Map<String, long[]> events = new LinkedHashMap<>();
    events.put("bruising", new long[] {3, 12, 14, 2});
    events.put("increased_pain", new long[] {2, 1, 13, 25});
    events.put("other", new long[] {0, 4, 11, 12});
    events.put("soreness", new long[] {40, 3, 30, 5});
    return new CaseStudyData()
        .course("nrs_pain", new long[] {40, 12, 9, 30}, new long[] {20, 3, 4, 14})
        .course("odi", new long[] {25, 13, 12, 8}, new long[] {12, 2, 11, 1})
        .course("rmdq", new long[] {14, 30, 5, 22}, new long[] {9, 12, 5, 3})
        .safety(new long[] {300, 120, 90, 200}, events)
        .data();
  }

  @Test
  void theFiveDifferencesOfTheIssueAreBlocked(@TempDir Path dir) throws IOException {
    assertNull(CaseStudyData.render(issueFigures(), dir));
    List<Map<String, String>> cells = PageAttacker.Csv.read(dir.resolve("case_study_cells.csv"));
    String[][] differences = {
      {"adverse_events_sessions", "bruising"},
      {"adverse_events_sessions", "increased_pain"},
      {"adverse_events_sessions", "other"},
      {"course_odi", "resp"},
      {"course_slr_deg", "resp"}
    };
    for (String[] d : differences) {
      Map<String, String> swedish = cell(cells, d[0], "swedish", d[1]);
      assertEquals("primary", swedish.get("suppressed"), d[0] + " " + d[1]);
      assertEquals("<" + MIN, swedish.get("shown"));
      assertTrue(
          Double.parseDouble(swedish.get("audit_low")) <= 0
              && Double.parseDouble(swedish.get("audit_high")) >= MIN,
          "the audit's range of Swedish " + d[1] + ": " + swedish);
      boolean allShown = cell(cells, d[0], "all", d[1]).get("suppressed").isEmpty();
      boolean specializedShown = cell(cells, d[0], "specialized", d[1]).get("suppressed").isEmpty();
      assertFalse(
          allShown && specializedShown, d[0] + " " + d[1] + ": all minus specialized is Swedish");
    }
    assertEquals(
        List.of(),
        PageAttacker.attack(
            dir.resolve("case-study.html"), dir.resolve("case_study_cells.csv"), MIN));
    statisticsOfSuppressedGroupsAreWithheld(cells);
  }

  @Test
  void aPageThatNeedsSeveralRoundsOfComplementarySuppressionIsProtected(@TempDir Path dir)
      throws IOException {
    assertNull(CaseStudyData.render(manyRoundsFigures(), dir));
    List<Map<String, String>> cells = PageAttacker.Csv.read(dir.resolve("case_study_cells.csv"));
    long complementary =
        cells.stream()
            .filter(c -> !c.get("cell").isEmpty() && c.get("suppressed").equals("complementary"))
            .count();
    assertTrue(complementary >= 5, "complementary counts: " + complementary);
    assertEquals(
        List.of(),
        PageAttacker.attack(
            dir.resolve("case-study.html"), dir.resolve("case_study_cells.csv"), MIN));
    statisticsOfSuppressedGroupsAreWithheld(cells);
  }

  @Test
  void theCellsTableListsEveryFigureOfThePageAsShown(@TempDir Path dir) throws IOException {
    CaseStudyData.render(issueFigures(), dir);
    String html = Files.readString(dir.resolve("case-study.html"));
    List<Map<String, String>> cells = PageAttacker.Csv.read(dir.resolve("case_study_cells.csv"));
    for (PublishedTables.Table t : PublishedTables.parse(html)) {
      for (PublishedTables.Row r : t.rows()) {
        for (PublishedTables.Cell c : r.cells()) {
          if (c.isCount()) {
            assertEquals(
                c.text(),
                cell(cells, t.attrs().get("data-table"), r.key(), c.attrs().get("data-col"))
                    .get("shown"));
          }
        }
      }
    }
    for (Map<String, String> c : cells) {
      boolean hidden = !c.get("suppressed").isEmpty();
      assertEquals(hidden, c.get("value").isEmpty(), "value null exactly where suppressed: " + c);
      if (!c.get("cell").isEmpty()) {
        assertEquals(
            hidden, !c.get("audit_low").isEmpty(), "audit range exactly where suppressed: " + c);
      }
    }
  }

  @Test
  void aPageThatFailsItsAuditIsRefusedInOneLine() {
    // figures that contradict each other (a total of 50 declared as small + 80): no value of the
    // small count fits (it would be -30), no suppression helps, the audit says so, and the reason
    // is one line that names the count and points to the cells table
    Suppression s = new Suppression(MIN);
    int small = s.cell("t/small/n", 5);
    int big = s.cell("t/big/n", 80);
    int total = s.cell("t/all/n", 50);
    s.relation(total, small, big);
    Suppression.Result r = s.solve();
    assertFalse(r.passes());
    assertEquals(List.of(small), r.unprotected());
    String why = CrossTable.refusal(s, r);
    assertEquals(
        "case-study.html not written: the disclosure audit cannot protect 1 suppressed count: "
            + "t/small/n (the published figures contradict each other); see case_study_cells",
        why);
  }

  @Test
  void statisticsAreNamedApartInTheCellsTable(@TempDir Path dir) throws IOException {
    CaseStudyData.render(issueFigures(), dir);
    List<Map<String, String>> cells = PageAttacker.Csv.read(dir.resolve("case_study_cells.csv"));
    long distinct =
        cells.stream()
            .map(c -> c.get("table") + "/" + c.get("row") + "/" + c.get("column"))
            .distinct()
            .count();
    assertEquals(cells.size(), distinct, "one row per place on the page");
    cell(cells, "adverse_events_sessions", "swedish", "pct_bruising");
  }

  /** Every statistic computed from a withheld count is withheld too (an em dash). */
  static void statisticsOfSuppressedGroupsAreWithheld(List<Map<String, String>> cells) {
    Map<String, Boolean> hidden = new LinkedHashMap<>();
    cells.stream()
        .filter(c -> !c.get("cell").isEmpty())
        .forEach(
            c -> hidden.merge(c.get("cell"), !c.get("suppressed").isEmpty(), Boolean::logicalOr));
    for (Map<String, String> c : cells) {
      if (!c.get("cell").isEmpty() || c.get("of").isEmpty()) {
        continue;
      }
      for (String dep : c.get("of").split(" ")) {
        if (hidden.getOrDefault(dep, false)) {
          assertEquals(
              "\u2014",
              c.get("shown"),
              c.get("table")
                  + "/"
                  + c.get("row")
                  + "/"
                  + c.get("column")
                  + " is shown although "
                  + dep
                  + " is withheld");
        }
      }
    }
  }

  private static Map<String, String> cell(
      List<Map<String, String>> cells, String table, String row, String column) {
    return cells.stream()
        .filter(
            c ->
                c.get("table").equals(table)
                    && c.get("row").equals(row)
                    && c.get("column").equals(column))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell " + table + "/" + row + "/" + column));
  }
}
