package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.episodes.MonthlyCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@link MonthlyStage#run} on hand-counted months, and the distinct clients of all months from the
 * same counts: C1 is seen in January and April, C2 in January, C3 in February, so 3 clients in all
 * (not 2 + 1 + 1 = 4, the sum of the months'). March has no activity, so no row.
 *
 * <p>January: sessions 6→4 (none), 5→5 (soreness), 4→3 (not recorded): relief (2 + 0 + 1) / 3 = 1
 * point, adverse events 1 of 2 recorded; E1 and E2 start, E2 ends incomplete. February: 7→5, E3
 * starts and closes with a complete course improvement of 2.0 points, not a responder. April: 3→2
 * (bruising), E1 closes with 3.0 points, a responder.
 */
class MonthlyStageTest {

  /**
   * The hand-counted records through {@link MonthlyCounts}, client by client, split between {@code
   * parts} partial counts (as the client pass's tasks split clients) and merged.
   */
  private static MonthlyStage.Result run(int parts) {
    List<MonthlyCounts> counts = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      counts.add(new MonthlyCounts());
    }
    // C1: two January sessions and one in April; its episode E1 (Jan 6 to April, closed) has a
    // complete nrs_pain course of 3.0 points (a responder) and an odi one (not a pain figure)
    MonthlyCounts c1 = counts.get(0);
    c1.session("2025-01", 60, 40, "none");
    c1.session("2025-01", 40, 30, null);
    c1.session("2025-04", 30, 20, "bruising");
    c1.client(List.of("2025-01", "2025-01", "2025-04"));
    c1.episode(LocalDate.of(2025, 1, 6), true, "2025-04");
    c1.course("2025-04", 30, true);
    // C2: one January session; E2 starts Jan 20, still open, so no complete course
    MonthlyCounts c2 = counts.get(1 % parts);
    c2.session("2025-01", 50, 50, "soreness");
    c2.client(List.of("2025-01"));
    c2.episode(LocalDate.of(2025, 1, 20), false, "2025-01");
    // C3: one February session; E3 starts and closes in February, 2.0 points, not a responder
    MonthlyCounts c3 = counts.get(2 % parts);
    c3.session("2025-02", 70, 50, "none");
    c3.client(List.of("2025-02"));
    c3.episode(LocalDate.of(2025, 2, 3), true, "2025-02");
    c3.course("2025-02", 20, false);
    MonthlyCounts all = new MonthlyCounts();
    counts.forEach(all::merge);
    return MonthlyStage.run(all);
  }

  @Test
  void theHandCountedMonthsAndTheClientsOfAllMonths() {
    MonthlyStage.Result r = run(2);
    assertEquals(3, r.clients());
    List<String> months = new ArrayList<>();
    for (Row m : r.rows()) {
      months.add(
          m.getAs("month")
              + " "
              + m.getAs("sessions")
              + " "
              + m.getAs("clients")
              + " "
              + m.getAs("new_episodes")
              + " "
              + m.getAs("closed_episodes"));
    }
    assertEquals(List.of("2025-01 3 2 2 0", "2025-02 1 1 1 1", "2025-04 1 1 0 1"), months);
    Row jan = r.rows().get(0);
    assertEquals(1.0, jan.<Double>getAs("mean_session_relief"), 1e-12);
    assertNull(jan.getAs("mean_course_improvement"));
    assertNull(jan.getAs("responder_rate_mcid"));
    assertEquals(0L, jan.<Long>getAs("responder_rate_mcid_n"));
    assertEquals(0.5, jan.<Double>getAs("adverse_event_rate"), 1e-12);
    assertEquals(2L, jan.<Long>getAs("adverse_event_rate_n"));
    Row feb = r.rows().get(1);
    assertEquals(2.0, feb.<Double>getAs("mean_session_relief"), 1e-12);
    assertEquals(2.0, feb.<Double>getAs("mean_course_improvement"), 1e-12);
    assertEquals(0.0, feb.<Double>getAs("responder_rate_mcid"));
    assertEquals(0.0, feb.<Double>getAs("adverse_event_rate"));
    Row apr = r.rows().get(2);
    assertEquals(3.0, apr.<Double>getAs("mean_course_improvement"), 1e-12);
    assertEquals(1.0, apr.<Double>getAs("responder_rate_mcid"));
    assertEquals(1.0, apr.<Double>getAs("adverse_event_rate"));
  }

  @Test
  void theSameWhateverTheSplitOfClients() {
    MonthlyStage.Result one = run(1);
    MonthlyStage.Result three = run(3);
    assertEquals(one.rows(), three.rows());
    assertEquals(one.clients(), three.clients());
  }
}
