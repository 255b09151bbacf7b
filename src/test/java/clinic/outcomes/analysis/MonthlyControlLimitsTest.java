package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.episodes.MonthlyCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The p-chart columns of {@code monthly}, hand-derived: centre = pooled rate of the months with
 * data among the 12 before, limits centre ± 3 √(centre (1 − centre) / n), null with fewer than 3
 * such months; a calendar month without data (2025-05) still counts in the window's span.
 */
class MonthlyControlLimitsTest {
  /** A month with one session, no relief or adverse event recorded, and these courses. */
  private static void month(
      Map<String, MonthlyCounts.Month> in, String m, long responders, long courses) {
    MonthlyCounts.Month c = new MonthlyCounts.Month();
    c.sessions = 1;
    c.clients = 1;
    c.respondersMcid = responders;
    c.courses = courses;
    in.put(m, c);
  }

  @Test
  void responderRateLimitsFromTheTrailingMonths() {
    Map<String, MonthlyCounts.Month> in = new TreeMap<>();
    month(in, "2025-01", 5, 10);
    month(in, "2025-02", 6, 10);
    month(in, "2025-03", 4, 10);
    month(in, "2025-04", 10, 10);
    month(in, "2025-06", 5, 20);
    List<Row> out = MonthlyStage.withControlLimits(in);
    // March has only 2 months before it: no limits.
    assertNull(out.get(2).getAs("responder_rate_mcid_center"));
    assertNull(out.get(2).getAs("responder_rate_mcid_flag"));
    // April: centre 15/30 = 0.5; half-width 3 sqrt(0.25/10) = 0.474342; 10/10 = 1.0 > 0.974342.
    Row apr = out.get(3);
    assertEquals(0.5, apr.<Double>getAs("responder_rate_mcid_center"), 1e-15);
    assertEquals(0.5 - 3 * Math.sqrt(0.025), apr.<Double>getAs("responder_rate_mcid_low"), 1e-15);
    assertEquals(0.5 + 3 * Math.sqrt(0.025), apr.<Double>getAs("responder_rate_mcid_high"), 1e-15);
    assertEquals("above", apr.getAs("responder_rate_mcid_flag"));
    // June: January-May pooled (May without data) 25/40 = 0.625; n 20; half-width
    // 3 sqrt(0.625 * 0.375 / 20) = 0.324760; 5/20 = 0.25 < 0.300240: below.
    Row jun = out.get(4);
    assertEquals(0.625, jun.<Double>getAs("responder_rate_mcid_center"), 1e-15);
    assertEquals(
        0.625 - 3 * Math.sqrt(0.625 * 0.375 / 20),
        jun.<Double>getAs("responder_rate_mcid_low"),
        1e-15);
    assertEquals("below", jun.getAs("responder_rate_mcid_flag"));
    assertEquals(0.25, jun.<Double>getAs("responder_rate_mcid"), 1e-15);
    assertEquals(20L, jun.<Long>getAs("responder_rate_mcid_n"));
    // No session recorded adverse events: the rate is null, never 0/0.
    assertNull(jun.getAs("adverse_event_rate"));
  }
}
