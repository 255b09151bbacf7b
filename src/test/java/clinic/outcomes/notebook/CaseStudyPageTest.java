package clinic.outcomes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import clinic.outcomes.notebook.SuppressedTable.Kind;
import clinic.outcomes.notebook.SuppressedTable.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Reading the count tables back from a case-study page, in the structure the report writes. */
class CaseStudyPageTest {
  // The report's markup for a count table (see report.CountTable), written out by hand.
  private static final String PAGE =
      "<html><body><p>intro</p>"
          + "<table class=\"figures\"><caption>Pain &amp; function: by technique</caption>"
          + "<thead><tr><th scope=\"col\"></th><th scope=\"col\">Episodes</th><th scope=\"col\">Responders</th>"
          + "<th scope=\"col\">Rate</th></tr></thead><tbody>"
          + "<tr class=\"part\" data-key=\"deep_tissue\"><th scope=\"row\">deep tissue</th>"
          + "<td class=\"count\" data-col=\"n\">40</td><td class=\"count\" data-col=\"resp\" data-of=\"n\">*</td>"
          + "<td class=\"stat suppressed\" data-dep=\"resp n\" data-rule=\"all\">\u2014</td></tr>"
          + "<tr class=\"total\" data-key=\"all\"><th scope=\"row\">All episodes</th>"
          + "<td class=\"count\" data-col=\"n\">&lt;11</td><td class=\"count\" data-col=\"resp\">12</td>"
          + "<td class=\"stat\" data-dep=\"resp n\" data-rule=\"all\">30.0\u00a0% (18.1 to 45.4\u00a0%)</td></tr>"
          + "</tbody></table>"
          + "<table class=\"claims\"><caption>not a count table</caption></table>"
          + "</body></html>";

  @Test
  void readsCaptionHeadersRowKeysAndCellTexts() {
    CaseStudyPage page = CaseStudyPage.parse(PAGE);
    assertEquals(List.of("Pain & function: by technique"), page.captions());
    Table t = page.table("Pain & function: by technique");
    assertEquals(List.of("key", "row", "Episodes", "Responders", "Rate"), t.columnNames());
    assertEquals(List.of("deep_tissue", "all"), t.stringColumn("key").asList());
    assertEquals(List.of("deep tissue", "All episodes"), t.stringColumn("row").asList());
    assertEquals(List.of("40", "<11"), t.stringColumn("Episodes").asList());
    assertEquals(List.of("*", "12"), t.stringColumn("Responders").asList());
    assertEquals(
        List.of("\u2014", "30.0\u00a0% (18.1 to 45.4\u00a0%)"), t.stringColumn("Rate").asList());
    assertThrows(IllegalArgumentException.class, () -> page.table("not a count table"));
  }

  @Test
  void aRepeatedHeaderIsNumbered() {
    List<String> used = new java.util.ArrayList<>(List.of("key", "row"));
    assertEquals("%", CaseStudyPage.uniqueName(used, "%"));
    assertEquals("%", used.get(2));
    assertEquals("% (2)", CaseStudyPage.uniqueName(used, "%"));
    assertEquals("% (3)", CaseStudyPage.uniqueName(used, "%"));
    assertEquals("row (2)", CaseStudyPage.uniqueName(used, "row"));
  }

  @Test
  void differencesNameTheRowAndColumn() {
    Table published = CaseStudyPage.parse(PAGE).table("Pain & function: by technique");
    SuppressedTable same =
        new SuppressedTable("Pain & function: by technique", 11)
            .count("n", "Episodes", null)
            .count("resp", "Responders", "n")
            .stat(
                "Rate",
                Rule.ALL_SHOWN,
                List.of("resp", "n"),
                k -> "30.0\u00a0% (18.1 to 45.4\u00a0%)")
            .row(Kind.PART, "deep_tissue", "deep tissue", null, Map.of("n", 40L, "resp", 35L))
            .row(Kind.OTHER, "all", "All episodes", null, Map.of("n", 10L, "resp", 12L));
    // Row "all": 10 is small (<11); 12 responders of 10 has no complement (negative), so no
    // relation.
    assertEquals(
        List.of("all / Rate: expected \u2014, published 30.0\u00a0% (18.1 to 45.4\u00a0%)"),
        CaseStudyPage.differences(same.published(), published));
    Table other = published.copy();
    other.stringColumn("Episodes").set(0, "41");
    assertEquals(
        List.of("deep_tissue / Episodes: expected 41, published 40"),
        CaseStudyPage.differences(other, published));
    assertEquals(
        List.of(
            "columns: expected [key, row, Episodes], published [key, row, Episodes, Responders, Rate]"),
        CaseStudyPage.differences(published.selectColumns("key", "row", "Episodes"), published));
  }
}
