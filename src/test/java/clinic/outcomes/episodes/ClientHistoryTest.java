package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One client's history, with every expected value worked out by hand from the SPEC rules (gap 90
 * days, cohort 6 sessions, MCID 2 points on pain and 10 on ODI, as of 2025-12-31).
 *
 * <pre>
 * S1 2025-01-10 deep_tissue   T1 home yes   before 7.0 after 5.0
 * S2 2025-01-17 deep_tissue   T2 home no    before 6.0 after 4.5
 * S3 2025-01-24 swedish       T2 home -     before 5.5
 * S4 2025-01-24 swedish       T1 home yes   before 5.0 after 3.0   (same day as S3: ordered by id)
 * S5 2025-05-01 trigger_point T1 home -     before 6.5             (97 days after S4: episode 2)
 * intake ODI 40 on 2024-12-20 (21 days before S1), 42 on 2024-12-01 (40 days: outside)
 * intake pain 7.5 on 2025-01-09 (1 day before S1: pre-treatment), 8.0 on 2025-01-10 (same day:
 *   a baseline candidate, not pre-treatment; the before score of S1 is the baseline anyway)
 * discharge ODI 30 on 2025-02-10 (17 days after S4)
 * follow-up pain 4.0 on 2025-04-20 (86 days after S4) and 2.0 on 2025-04-28 (94 days): both 4 days
 *   from the 3-month horizon (90 +- 30 days), so the earlier is taken
 * </pre>
 *
 * Follow-up eligibility as of 2025-12-31: episode 1's 3-month window (2025-03-25..2025-05-24) has
 * ended and episode 2 starts after its first day, so it is eligible; its 6-month window begins
 * after episode 2 started, so it is not. Episode 2 (closed by the gap) is eligible at 3 and 6
 * months (its windows end 2025-08-29 and 2025-11-27) but not at 12 (2026-05-31 is after as-of).
 */
class ClientHistoryTest {
  static ClientHistory.Result result;
  static final Map<String, long[]> pairs = new HashMap<>();

  @BeforeAll
  static void derive() {
    Settings settings = Settings.defaults().withAsOf(LocalDate.parse("2025-12-31"));
    List<Visit> visits =
        List.of(
            visit("S5", "T1", "2025-05-01", "trigger_point", null),
            visit("S4", "T1", "2025-01-24", "swedish", "yes"),
            visit("S3", "T2", "2025-01-24", "swedish", null),
            visit("S2", "T2", "2025-01-17", "deep_tissue", "no"),
            visit("S1", "T1", "2025-01-10", "deep_tissue", "yes"));
    List<Score> scores =
        List.of(
            score("S1", "2025-01-10", "before", "nrs_pain", 70),
            score("S1", "2025-01-10", "after", "nrs_pain", 50),
            score("S2", "2025-01-17", "before", "nrs_pain", 60),
            score("S2", "2025-01-17", "after", "nrs_pain", 45),
            score("S3", "2025-01-24", "before", "nrs_pain", 55),
            score("S4", "2025-01-24", "before", "nrs_pain", 50),
            score("S4", "2025-01-24", "after", "nrs_pain", 30),
            score("S5", "2025-05-01", "before", "nrs_pain", 65),
            score(null, "2024-12-20", "intake", "odi", 400),
            score(null, "2024-12-01", "intake", "odi", 420),
            score(null, "2025-02-10", "discharge", "odi", 300),
            score(null, "2025-01-09", "intake", "nrs_pain", 75),
            score(null, "2025-01-10", "intake", "nrs_pain", 80),
            score(null, "2025-04-28", "followup", "nrs_pain", 20),
            score(null, "2025-04-20", "followup", "nrs_pain", 40));
    Client client = new Client("sciatica", 20, "50-59", "f");
    result =
        new ClientHistory(settings)
            .derive(
                "C1",
                visits,
                scores,
                client,
                (a, m, gb, g, k, e, l) ->
                    pairs.merge(
                        a + "|" + m + "|" + gb + "|" + g,
                        new long[] {k, e, l, 1},
                        (x, y) -> new long[] {x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3]}));
  }

  static Visit visit(String id, String therapist, String date, String technique, String home) {
    return new Visit(id, therapist, LocalDate.parse(date), technique, 60, "none", home);
  }

  static Score score(String session, String date, String moment, String measure, int tenths) {
    return new Score(session, LocalDate.parse(date), moment, measure, tenths);
  }

  @Test
  void sessionsAreNumberedByDateThenIdAndSplitAtTheGap() {
    List<NumberedVisit> v = result.visits();
    assertEquals(
        List.of("S1", "S2", "S3", "S4", "S5"), v.stream().map(x -> x.visit().sessionId()).toList());
    assertEquals(List.of(1, 2, 3, 4, 1), v.stream().map(NumberedVisit::sessionNumber).toList());
    assertEquals(
        List.of("C1-E1", "C1-E1", "C1-E1", "C1-E1", "C1-E2"),
        v.stream().map(NumberedVisit::episodeId).toList());
    assertEquals(55, v.get(2).nrsBeforeTenths());
    assertNull(v.get(2).nrsAfterTenths());
    assertEquals("2025-05", v.get(4).month());
  }

  @Test
  void episodesCarryPrimaryTiesAdherenceAndClosure() {
    Episode e1 = result.episodes().get(0);
    // deep_tissue 2, swedish 2: the tie goes to the first session's; T1 2, T2 2: T1 (S1).
    assertEquals("deep_tissue", e1.primaryTechnique());
    assertEquals("T1", e1.primaryTherapist());
    assertEquals(4, e1.nSessions());
    assertEquals("4-6", e1.sessionBucket());
    assertEquals("adherent", e1.adherence()); // 2 yes of 3 recorded
    assertEquals(LocalDate.parse("2025-05-01"), e1.nextStartDate());
    assertEquals("discharge", e1.closedBy()); // 2025-02-10, before episode 2
    assertEquals("2025-01", e1.month());
    assertEquals("severe", e1.baselineBand()); // pain baseline 7.0 > 6
    assertEquals("chronic", e1.chronicity()); // 20 weeks
    Episode e2 = result.episodes().get(1);
    assertEquals("trigger_point", e2.primaryTechnique());
    assertEquals("1", e2.sessionBucket());
    assertEquals("unknown", e2.adherence());
    assertNull(e2.nextStartDate());
    assertEquals("gap", e2.closedBy()); // 244 days before the as-of date
  }

  @Test
  void outcomesUseSessionScoresThenIntakeAndDischarge() {
    Map<String, Outcome> o = new HashMap<>();
    result.outcomes().forEach(x -> o.put(x.episodeId() + "/" + x.measure(), x));
    assertEquals(3, o.size());
    Outcome pain = o.get("C1-E1/nrs_pain");
    assertEquals(70, pain.baselineTenths());
    // No discharge pain score: the course final is the before score of S4 (relief carried into
    // the last visit), never S4's after score.
    assertEquals(50, pain.finalTenths());
    assertEquals("last_before", pain.finalSource());
    assertEquals(20, pain.improvementTenths());
    assertEquals(20.0 / 70.0, pain.percent());
    assertTrue(pain.responderMcid()); // exactly the 2-point MCID
    assertFalse(pain.responder30()); // 2.0 of 7.0 = 29 %
    assertEquals(30, pain.finalImmediateTenths()); // after S4: the first release's final
    assertEquals(40, pain.improvementImmediateTenths());
    assertEquals(75, pain.preIntakeTenths());
    assertEquals(5, pain.preTreatmentChangeTenths()); // 7.5 at intake, 7.0 at S1
    assertEquals(40, pain.followups().get(0).tenths()); // 3m: 86 and 94 days tie, earlier wins
    assertEquals(30, pain.followups().get(0).improvementTenths());
    assertTrue(pain.followups().get(0).eligible());
    assertFalse(pain.followups().get(1).eligible()); // 6m: episode 2 began before the window
    Outcome odi = o.get("C1-E1/odi");
    assertEquals("intake", odi.baselineSource());
    assertEquals(400, odi.baselineTenths());
    assertEquals("discharge", odi.finalSource());
    assertEquals(300, odi.finalTenths());
    assertEquals(300, odi.finalImmediateTenths()); // no after score: discharge 0-30 days
    assertEquals(0.25, odi.percent());
    assertTrue(odi.responderMcid()); // exactly 10 points
    assertFalse(odi.responder30());
    assertEquals(400, odi.preIntakeTenths()); // 21 days before S1 ...
    assertNull(odi.preTreatmentChangeTenths()); // ... but S1 has no ODI score
    Outcome single = o.get("C1-E2/nrs_pain");
    assertTrue(single.closed());
    assertFalse(single.complete()); // one session: no last-before final
    assertNull(single.improvementTenths());
    assertNull(single.responderMcid());
  }

  @Test
  void pairsOfEveryAnalysis() {
    // session relief: S1, S2, S4 usable (S3 has no after score); S5 alone is incomplete.
    assertArrayEquals(
        new long[] {3, 180, 125, 2}, pairs.get("session_relief|nrs_pain|overall|all"));
    assertArrayEquals(
        new long[] {2, 130, 95, 1}, pairs.get("session_relief|nrs_pain|technique|deep_tissue"));
    assertArrayEquals(
        new long[] {1, 50, 30, 1}, pairs.get("session_relief|nrs_pain|technique|swedish"));
    assertArrayEquals(
        new long[] {2, 130, 95, 2},
        pairs.get("session_relief|nrs_pain|technique_group|specialized"));
    // course: episode 1 (7.0 -> 5.0 carried into S4); episode 2 (one session) incomplete.
    assertArrayEquals(new long[] {1, 70, 50, 2}, pairs.get("course|nrs_pain|overall|all"));
    assertArrayEquals(
        new long[] {1, 70, 30, 2}, pairs.get("course_immediate|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {1, 400, 300, 1}, pairs.get("course|odi|overall|all"));
    assertArrayEquals(new long[] {1, 70, 50, 1}, pairs.get("course|nrs_pain|session_bucket|4-6"));
    // pre-treatment: intake 7.5 the day before S1 against S1's before score 7.0.
    assertArrayEquals(
        new long[] {1, 75, 70, 1}, pairs.get("pre_treatment|nrs_pain|technique|deep_tissue"));
    assertNull(pairs.get("pre_treatment|nrs_pain|session_bucket|4-6"));
    // follow-up at 3 months: episode 1 answered (4.0), episode 2 eligible without a score.
    assertArrayEquals(new long[] {1, 70, 40, 2}, pairs.get("followup_3m|nrs_pain|overall|all"));
    assertArrayEquals(
        new long[] {2, 135, 105, 2}, pairs.get("followup_3m_bocf|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {0, 0, 0, 1}, pairs.get("followup_6m|nrs_pain|overall|all"));
    assertArrayEquals(
        new long[] {1, 65, 65, 1}, pairs.get("followup_6m_bocf|nrs_pain|overall|all"));
    assertNull(pairs.get("followup_12m|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {0, 0, 0, 1}, pairs.get("followup_3m|odi|overall|all"));
    assertArrayEquals(new long[] {1, 400, 400, 1}, pairs.get("followup_3m_bocf|odi|overall|all"));
    // trajectory: before scores of sessions 2-4 against the baseline 7.0; no cohort (4 < 6
    // sessions).
    assertArrayEquals(
        new long[] {1, 70, 55, 1}, pairs.get("trajectory|nrs_pain|session_number_group|3"));
    assertArrayEquals(
        new long[] {1, 70, 50, 1},
        pairs.get("trajectory|nrs_pain|technique×session_number|deep_tissue|4"));
    assertNull(pairs.get("trajectory_cohort|nrs_pain|session_number_group|2"));
    assertNull(pairs.get("trajectory|nrs_pain|session_number_group|1"));
  }
}
