package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monthly review's answer block, from hand-made stats and comparisons rows. */
class HeadlineTest {
  private static StatRow course(String technique, long n, double est, double lo, double hi) {
    return new StatRow(
        "course",
        "nrs_pain",
        "technique",
        technique,
        n,
        0L,
        n < 20,
        new Interval(est, lo, hi),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static ComparisonRow vsSwedish(String technique, double d, double lo, double hi) {
    return new ComparisonRow(
        "nrs_pain",
        "technique",
        technique,
        "swedish",
        50L,
        60L,
        new Interval(d, lo, hi),
        null,
        null,
        Interval.NONE,
        Interval.NONE);
  }

  private static ReportData data() {
    List<StatRow> stats =
        List.of(
            course("swedish", 60, 0.8, 0.5, 1.1),
            course("deep_tissue", 50, 1.9, 1.5, 2.3),
            course("trigger_point", 12, 1.7, 0.9, 2.5),
            course("unknown", 3, 3.0, 1.0, 5.0));
    List<ComparisonRow> comparisons =
        List.of(
            vsSwedish("deep_tissue", 1.1, 0.6, 1.6), vsSwedish("trigger_point", 0.9, -0.1, 1.9));
    return new ReportData(
        stats,
        comparisons,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        false,
        Map.of(),
        0,
        0,
        0,
        List.of(),
        Registry.EMPTY);
  }

  @Test
  void ranksTheTechniquesByImprovementWithTheirDifferenceFromTheReference() {
    Headline h = new Headline(data(), "swedish");
    assertEquals(
        List.of("deep_tissue", "trigger_point", "swedish"),
        h.ranked().stream().map(StatRow::group).toList());
    String html = h.html().html();
    String body = html.substring(html.indexOf("<tbody>"));
    assertTrue(
        body.indexOf(">deep tissue<") < body.indexOf(">trigger point (small n)<")
            && body.indexOf(">trigger point (small n)<") < body.indexOf(">swedish<"),
        html);
    assertTrue(html.contains("1.90 (1.50 to 2.30)") && html.contains("1.10 (0.60 to 1.60)"), html);
    assertTrue(html.contains("trigger point (small n)"), html);
    assertTrue(html.contains(">reference<"), html);
    assertTrue(html.contains("href=\"#techniques\""), html);
    assertEquals(
        "Deep tissue improved pain the most: by 1.90 points on average (95% CI 1.50 to 2.30), clearly more "
            + "than no change. Against swedish it gained 1.10 points (95% CI 0.60 to 1.60), a difference larger than "
            + "chance would explain. Its interval overlaps that of trigger point, so the order of the top two may be "
            + "chance. The clients were not randomized to techniques: these are differences between the clinic's own "
            + "courses, not proof that a technique causes them.",
        h.sentence(h.ranked()));
  }

  @Test
  void theCaseStudyVersionShowsNoCountAndNoSmallNMark() {
    String html = new Headline(data(), "swedish", true).html().html();
    String body = html.substring(html.indexOf("<tbody>"));
    assertTrue(!body.contains(">50<") && !body.contains(">12<") && !body.contains(">60<"), html);
    assertTrue(!html.contains("small n") && !html.contains("Episodes"), html);
    assertTrue(html.contains("href=\"#results\""), html);
  }
}
