package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published case study of whole pipeline runs, attacked by {@link PageAttacker} from the page's
 * text and {@code publish/case_study_cells.csv} alone: on the sample data and on generated data of
 * 45 (the privacy test's tiny dataset), 200 and 2,000 clients, no withheld count can be pinned
 * inside 1..10, and every count shown as "<11" can range from 0 to at least 11. One pipeline run
 * per dataset, shared with the other report tests through {@link ReportFixture} (the sample and
 * tiny runs are the privacy test's).
 */
class CaseStudyAttackTest {
  private static final int MIN = 11;

  @Test
  void sampleData() throws IOException {
    check(ReportFixture.sample(), true);
  }

  @Test
  void fortyFiveClients() throws IOException {
    check(ReportFixture.tiny(), true);
  }

  @Test
  void twoHundredClients() throws IOException {
    check(ReportFixture.generated(200), true);
  }

  @Test
  void twoThousandClients() throws IOException {
    check(ReportFixture.generated(2000), false);
  }

  private static void check(ReportFixture.Run run, boolean expectSuppression) throws IOException {
    assertEquals(
        List.of(), PageAttacker.attack(run.caseStudy(), run.cells(), MIN), run.run().toString());
    List<Map<String, String>> cells = PageAttacker.Csv.read(run.cells());
    CaseStudyDisclosureTest.statisticsOfSuppressedGroupsAreWithheld(cells);
    long primary =
        cells.stream()
            .filter(c -> !c.get("cell").isEmpty() && c.get("suppressed").equals("primary"))
            .count();
    if (expectSuppression) {
      assertTrue(primary > 0, "expected small counts on " + run.run());
    }
    assertTrue(
        Files.exists(run.run().resolve("case_study_cells/_SUCCESS")),
        "case_study_cells among the tables");
    try (Stream<Path> s = Files.list(run.run().resolve("publish"))) {
      assertEquals(
          List.of("case-study.html", "case_study_cells.csv", "charts"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "publish/ holds the page, its cells and charts");
    }
    try (Stream<Path> s = Files.list(run.run().resolve("publish/charts"))) {
      assertTrue(
          s.allMatch(p -> p.getFileName().toString().startsWith("case_study_")),
          "only the case study's charts");
    }
  }
}
