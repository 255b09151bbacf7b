package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The stage's outputs on the sample run: chart files, the review month, pooled quarters. */
class ReportStageTest {
  private static final List<String> CHARTS =
      List.of(
          "trajectory",
          "course_by_technique",
          "responder_rates",
          "dose_response",
          "monthly_trend",
          "claims_forest",
          "adverse_events");
  private static final List<String> CASE_STUDY_CHARTS =
      List.of(
          "case_study_trajectory",
          "case_study_course_by_technique",
          "case_study_responder_rates",
          "case_study_quarterly_trend",
          "case_study_claims_forest",
          "case_study_adverse_events");

  @Test
  void everyChartIsWrittenAsPngAndWellFormedSvg() throws Exception {
    Path run = ReportFixture.sample().run();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (String name : concat(CHARTS, CASE_STUDY_CHARTS)) {
      Path charts =
          name.startsWith("case_study_") ? run.resolve("publish/charts") : run.resolve("charts");
      BufferedImage png = ImageIO.read(charts.resolve(name + ".png").toFile());
      assertTrue(png.getWidth() > 500 && png.getHeight() > 150, name + ".png");
      Document svg = f.newDocumentBuilder().parse(charts.resolve(name + ".svg").toFile());
      assertEquals("svg", svg.getDocumentElement().getNodeName(), name + ".svg");
      assertTrue(svg.getElementsByTagName("path").getLength() > 10, name + ".svg draws nothing");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void theReviewMonthDefaultsToTheLatestAndMustHaveData() {
    ReportData d = ReportData.load(SharedSpark.get(), ReportFixture.sample().run());
    assertEquals(YearMonth.parse("2025-12"), ReportStage.reviewMonth(d, null));
    assertEquals(
        YearMonth.parse("2025-06"), ReportStage.reviewMonth(d, YearMonth.parse("2025-06")));
    SettingsException e =
        assertThrows(
            SettingsException.class, () -> ReportStage.reviewMonth(d, YearMonth.parse("2031-01")));
    assertTrue(e.getMessage().contains("2024-01 to 2025-12"), e.getMessage());
  }

  @Test
  void aGivenMonthIsReviewedAgainstItsTrailingTwelveMonths(@TempDir Path tmp) throws IOException {
    ReportData d = ReportData.load(SharedSpark.get(), ReportFixture.sample().run());
    String html =
        new MonthlyReview(
                d,
                Settings.defaults(),
                YearMonth.parse("2025-06"),
                ReportFixture.sample().accounting())
            .render(tmp);
    assertTrue(html.contains("Monthly outcomes review: June 2025"));
    assertTrue(html.contains("2025-06 against the 12 months before it (2024-06 to 2025-05)"));
    assertTrue(html.contains("sessions.csv"), "accounting table");
    assertTrue(Files.exists(tmp.resolve("monthly_trend.png")));
  }

  @Test
  void poolingEveryMonthGivesTheOverallCourseFigures() {
    ReportData d = ReportData.load(SharedSpark.get(), ReportFixture.sample().run());
    Quarters.Quarter all = Quarters.pool("all", 0, d.stats("course", "nrs_pain", "month"));
    StatRow overall = d.stat("course", "nrs_pain", "overall", "all").orElseThrow();
    assertEquals(overall.n(), all.episodes());
    assertEquals(overall.mcid().count(), all.responders());
    assertEquals(overall.change().estimate(), all.change().estimate(), 1e-9);
    assertEquals(overall.change().low(), all.change().low(), 1e-9);
    assertEquals(overall.change().high(), all.change().high(), 1e-9);
    assertEquals(overall.mcid().rate().low(), all.rate().low(), 1e-9);
    assertEquals(overall.mcid().rate().high(), all.rate().high(), 1e-9);
  }

  @Test
  void quartersAddUpToTheMonths() {
    ReportData d = ReportData.load(SharedSpark.get(), ReportFixture.sample().run());
    List<Quarters.Quarter> q = Quarters.of(d);
    assertEquals(8, q.size());
    assertEquals("2024 Q1", q.get(0).label());
    assertEquals(d.sessions(), q.stream().mapToLong(Quarters.Quarter::sessions).sum());
  }
}
