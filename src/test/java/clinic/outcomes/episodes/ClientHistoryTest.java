package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.episodes.ClientHistory.Client;
import clinic.outcomes.episodes.ClientHistory.Episode;
import clinic.outcomes.episodes.ClientHistory.NumberedVisit;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import clinic.outcomes.pipeline.Settings;
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
 * discharge ODI 30 on 2025-02-10 (17 days after S4)
 * follow-up pain 4.0 on 2025-02-15 (22 days after S4), 2.0 on 2025-03-01 (later: not the earliest)
 * </pre>
 */
class ClientHistoryTest {
  static ClientHistory.Result result;
  static final Map<String, long[]> pairs = new HashMap<>();

  @BeforeAll
  static void derive() {
    Settings settings = Settings.defaults().withAsOf(LocalDate.parse("2025-12-31"));
    List<Visit> visits = List.of(
        visit("S5", "T1", "2025-05-01", "trigger_point", null),
        visit("S4", "T1", "2025-01-24", "swedish", "yes"),
        visit("S3", "T2", "2025-01-24", "swedish", null),
        visit("S2", "T2", "2025-01-17", "deep_tissue", "no"),
        visit("S1", "T1", "2025-01-10", "deep_tissue", "yes"));
    List<Score> scores = List.of(
        score("S1", "2025-01-10", "before", "nrs_pain", 70), score("S1", "2025-01-10", "after", "nrs_pain", 50),
        score("S2", "2025-01-17", "before", "nrs_pain", 60), score("S2", "2025-01-17", "after", "nrs_pain", 45),
        score("S3", "2025-01-24", "before", "nrs_pain", 55),
        score("S4", "2025-01-24", "before", "nrs_pain", 50), score("S4", "2025-01-24", "after", "nrs_pain", 30),
        score("S5", "2025-05-01", "before", "nrs_pain", 65),
        score(null, "2024-12-20", "intake", "odi", 400), score(null, "2024-12-01", "intake", "odi", 420),
        score(null, "2025-02-10", "discharge", "odi", 300),
        score(null, "2025-02-15", "followup", "nrs_pain", 40), score(null, "2025-03-01", "followup", "nrs_pain", 20));
    Client client = new Client("sciatica", 20, "50-59", "f");
    result = new ClientHistory(settings).derive("C1", visits, scores, client,
        (a, m, gb, g, k, e, l) -> pairs.merge(a + "|" + m + "|" + gb + "|" + g, new long[] {k, e, l, 1},
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
    assertEquals(List.of("S1", "S2", "S3", "S4", "S5"), v.stream().map(x -> x.visit().sessionId()).toList());
    assertEquals(List.of(1, 2, 3, 4, 1), v.stream().map(NumberedVisit::sessionNumber).toList());
    assertEquals(List.of("C1-E1", "C1-E1", "C1-E1", "C1-E1", "C1-E2"), v.stream().map(NumberedVisit::episodeId).toList());
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
    assertEquals("adherent", e1.adherence());                 // 2 yes of 3 recorded
    assertEquals(LocalDate.parse("2025-05-01"), e1.nextStartDate());
    assertEquals("discharge", e1.closedBy());                 // 2025-02-10, before episode 2
    assertEquals("2025-01", e1.month());
    assertEquals("severe", e1.baselineBand());                // pain baseline 7.0 > 6
    assertEquals("chronic", e1.chronicity());                 // 20 weeks
    Episode e2 = result.episodes().get(1);
    assertEquals("trigger_point", e2.primaryTechnique());
    assertEquals("1", e2.sessionBucket());
    assertEquals("unknown", e2.adherence());
    assertNull(e2.nextStartDate());
    assertEquals("gap", e2.closedBy());                       // 244 days before the as-of date
  }

  @Test
  void outcomesUseSessionScoresThenIntakeAndDischarge() {
    Map<String, Outcome> o = new HashMap<>();
    result.outcomes().forEach(x -> o.put(x.episodeId() + "/" + x.measure(), x));
    assertEquals(3, o.size());
    Outcome pain = o.get("C1-E1/nrs_pain");
    assertEquals(70, pain.baselineTenths());
    assertEquals(30, pain.finalTenths());                      // after S4, the last session
    assertEquals(40, pain.improvementTenths());
    assertEquals(40.0 / 70.0, pain.percent());
    assertTrue(pain.responderMcid());
    assertTrue(pain.responder30());
    assertTrue(pain.responder50());                            // 4.0 of 7.0 = 57 %
    assertEquals(40, pain.followupTenths());                   // the earliest follow-up
    assertEquals(30, pain.followupImprovementTenths());
    Outcome odi = o.get("C1-E1/odi");
    assertEquals("intake", odi.baselineSource());
    assertEquals(400, odi.baselineTenths());
    assertEquals("discharge", odi.finalSource());
    assertEquals(300, odi.finalTenths());
    assertEquals(0.25, odi.percent());
    assertTrue(odi.responderMcid());                           // exactly 10 points
    assertFalse(odi.responder30());
    Outcome open = o.get("C1-E2/nrs_pain");
    assertFalse(open.complete());
    assertNull(open.improvementTenths());
    assertNull(open.responderMcid());
  }

  @Test
  void pairsOfEveryAnalysis() {
    // session relief: S1, S2, S4 usable (S3 has no after score); S5 alone is incomplete.
    assertArrayEquals(new long[] {3, 180, 125, 2}, pairs.get("session_relief|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {2, 130, 95, 1}, pairs.get("session_relief|nrs_pain|technique|deep_tissue"));
    assertArrayEquals(new long[] {1, 50, 30, 1}, pairs.get("session_relief|nrs_pain|technique|swedish"));
    assertArrayEquals(new long[] {2, 130, 95, 2}, pairs.get("session_relief|nrs_pain|technique_group|specialized"));
    assertArrayEquals(new long[] {1, 70, 30, 2}, pairs.get("course|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {1, 400, 300, 1}, pairs.get("course|odi|overall|all"));
    assertArrayEquals(new long[] {1, 70, 30, 1}, pairs.get("course|nrs_pain|session_bucket|4-6"));
    // follow-up: episode 1 has one; episode 2 (closed by gap) has none; worst case counts it unchanged.
    assertArrayEquals(new long[] {1, 70, 40, 2}, pairs.get("followup|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {2, 135, 105, 2}, pairs.get("followup_worst_case|nrs_pain|overall|all"));
    assertArrayEquals(new long[] {0, 0, 0, 1}, pairs.get("followup|odi|overall|all"));
    assertArrayEquals(new long[] {1, 400, 400, 1}, pairs.get("followup_worst_case|odi|overall|all"));
    // trajectory: before scores of sessions 2-4 against the baseline 7.0; no cohort (4 < 6 sessions).
    assertArrayEquals(new long[] {1, 70, 55, 1}, pairs.get("trajectory|nrs_pain|session_number_group|3"));
    assertArrayEquals(new long[] {1, 70, 50, 1}, pairs.get("trajectory|nrs_pain|technique×session_number|deep_tissue|4"));
    assertNull(pairs.get("trajectory_cohort|nrs_pain|session_number_group|2"));
    assertNull(pairs.get("trajectory|nrs_pain|session_number_group|1"));
  }
}
