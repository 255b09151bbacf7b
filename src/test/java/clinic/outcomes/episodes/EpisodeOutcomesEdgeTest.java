package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory.Followup;
import clinic.outcomes.episodes.ClientHistory.Outcome;
import clinic.outcomes.episodes.ClientHistory.Score;
import clinic.outcomes.episodes.ClientHistory.Visit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The day edges of SPEC "Outcomes" (Revision 2), each on one client with two sessions, S1 on
 * 2025-03-03 (pain before 7.0, after 5.0) and S2 on 2025-03-10 (pain before 6.0, after 3.0), and
 * one extra score placed a given number of days from a session. Expected values follow from the
 * SPEC's day ranges alone: discharge final 1-30 days after the last session, immediate final 0-30,
 * baseline intake 0-30 days before session 1, pre-treatment intake 1-30, the 3-month follow-up
 * 60-120 days after the last session (90 +- 30).
 */
class EpisodeOutcomesEdgeTest {
  static final LocalDate S1 = LocalDate.parse("2025-03-03");
  static final LocalDate S2 = LocalDate.parse("2025-03-10");

  record Run(List<Outcome> outcomes, Map<String, long[]> pairs, List<String> open) {
    Outcome of(String measure) {
      return outcomes.stream().filter(o -> o.measure().equals(measure)).findFirst().orElse(null);
    }
  }

  static Run run(LocalDate asOf, boolean afterS2, Score... extra) {
    Settings settings = Settings.defaults().withAsOf(asOf);
    List<Visit> visits =
        List.of(
            new Visit("S1", "T1", S1, "deep_tissue", 60, "none", null),
            new Visit("S2", "T1", S2, "deep_tissue", 60, "none", null));
    List<Score> scores =
        new ArrayList<>(
            List.of(
                new Score("S1", S1, "before", "nrs_pain", 70),
                new Score("S1", S1, "after", "nrs_pain", 50),
                new Score("S2", S2, "before", "nrs_pain", 60)));
    if (afterS2) {
      scores.add(new Score("S2", S2, "after", "nrs_pain", 30));
    }
    scores.addAll(List.of(extra));
    Map<String, long[]> pairs = new HashMap<>();
    List<String> open = new ArrayList<>();
    PairSink sink =
        new PairSink() {
          @Override
          public void pair(String a, String m, String gb, String g, int k, long e, long l) {
            if ("overall".equals(gb)) {
              pairs.put(a + "|" + m, new long[] {k, e, l});
            }
          }

          @Override
          public void open(String a, String m, String gb, String g) {
            if ("overall".equals(gb)) {
              open.add(a + "|" + m);
            }
          }
        };
    ClientHistory.Result r = new ClientHistory(settings).derive("C", visits, scores, null, sink);
    return new Run(r.outcomes(), pairs, open);
  }

  static final LocalDate LATE = LocalDate.parse("2026-06-30");

  @ParameterizedTest(name = "discharge {0} days after the last session: final {1} from {2}")
  @CsvSource({
    "0, 60, last_before, 45", // same day: not the course final, but the immediate final without an
    // after score
    "1, 45, discharge, 45",
    "30, 45, discharge, 45",
    "31, 60, last_before," // beyond 30 days: neither
  })
  void dischargeDayEdges(int days, int fin, String source, Integer immediateWithoutAfter) {
    Score discharge = new Score(null, S2.plusDays(days), "discharge", "nrs_pain", 45);
    Outcome o = run(LATE, true, discharge).of("nrs_pain");
    assertEquals(fin, o.finalTenths());
    assertEquals(source, o.finalSource());
    assertEquals(30, o.finalImmediateTenths()); // the after score of S2 comes first
    Outcome noAfter = run(LATE, false, discharge).of("nrs_pain");
    assertEquals(immediateWithoutAfter, noAfter.finalImmediateTenths());
  }

  @ParameterizedTest(name = "intake {0} days before session 1")
  @CsvSource({"0, true, false", "1, true, true", "30, true, true", "31, false, false"})
  void intakeDayEdges(int days, boolean baseline, boolean preTreatment) {
    Run r =
        run(
            LATE,
            true,
            new Score(null, S1.minusDays(days), "intake", "odi", 400),
            new Score(null, S1.minusDays(days), "intake", "nrs_pain", 80));
    Outcome odi = r.of("odi"); // no ODI at S1: the intake is the baseline when in range
    if (baseline) {
      assertEquals(400, odi.baselineTenths());
      assertEquals("intake", odi.baselineSource());
    } else {
      assertNull(odi); // an intake 31 days out gives the episode no ODI row at all
    }
    Outcome pain = r.of("nrs_pain");
    assertEquals(70, pain.baselineTenths()); // S1's before score wins over any intake
    assertEquals(preTreatment ? 80 : null, pain.preIntakeTenths());
    long[] pre = r.pairs().get("pre_treatment|nrs_pain");
    if (preTreatment) {
      assertArrayEquals(new long[] {1, 80, 70}, pre);
    } else {
      assertNull(pre);
    }
  }

  @ParameterizedTest(name = "follow-up {0} days after the last session")
  @CsvSource({"59, false", "60, true", "120, true", "121, false"})
  void followupWindowEdges(int days, boolean inWindow) {
    Run r = run(LATE, true, new Score(null, S2.plusDays(days), "followup", "nrs_pain", 40));
    Followup f3 = r.of("nrs_pain").followups().get(0);
    assertEquals("3m", f3.horizon());
    assertTrue(f3.eligible());
    assertEquals(inWindow ? 40 : null, f3.tenths());
    assertEquals(inWindow ? 1 : 0, r.pairs().get("followup_3m|nrs_pain")[0]);
    // Baseline carried forward: 7.0 -> 4.0 when answered, else 7.0 -> 7.0.
    assertEquals(inWindow ? 40 : 70, r.pairs().get("followup_3m_bocf|nrs_pain")[2]);
  }

  @Test
  void twoFollowupsEquallyFarFromTheHorizonTakeTheEarlier() {
    Run r =
        run(
            LATE,
            true,
            new Score(null, S2.plusDays(95), "followup", "nrs_pain", 20),
            new Score(null, S2.plusDays(85), "followup", "nrs_pain", 40));
    assertEquals(40, r.of("nrs_pain").followups().get(0).tenths());
    assertEquals(S2.plusDays(85), r.of("nrs_pain").followups().get(0).date());
  }

  @Test
  void aWindowNotYetEndedIsNotAMissingAnswer() {
    // As of 119 days after S2 the episode is closed (gap > 90) but the 3-month window runs to day
    // 120: not eligible, so neither a completer nor a failure, even with a score already in.
    Score at90 = new Score(null, S2.plusDays(90), "followup", "nrs_pain", 40);
    Run early = run(S2.plusDays(119), true, at90);
    assertFalse(early.of("nrs_pain").followups().get(0).eligible());
    assertNull(early.pairs().get("followup_3m|nrs_pain"));
    assertNull(early.pairs().get("followup_3m_bocf|nrs_pain"));
    Run ended = run(S2.plusDays(120), true, at90);
    assertTrue(ended.of("nrs_pain").followups().get(0).eligible());
    assertEquals(1, ended.pairs().get("followup_3m|nrs_pain")[0]);
  }

  @Test
  void anOpenEpisodeIsCountedOpenNotDropped() {
    Run r = run(S2.plusDays(10), true); // 10 days after the last session, no discharge: open
    Outcome o = r.of("nrs_pain");
    assertFalse(o.closed());
    assertEquals(60, o.finalTenths()); // the interim final is shown ...
    assertFalse(o.complete()); // ... but it is no course pair
    assertTrue(r.open().contains("course|nrs_pain"));
    assertTrue(r.open().contains("course_immediate|nrs_pain"));
    assertNull(r.pairs().get("course|nrs_pain"));
  }

  @Test
  void withinEpisodeSlopesAreSignedSoThatImprovingIsPositive() {
    // Six sessions a week apart, pain before 8, 7, 6, 6, 5, 4 (tenths 80..40): least squares on
    // x = 1..6 gives slope = (n Sxy - Sx Sy) / (n Sxx - Sx^2) = (6*1130 - 21*360) / (6*91 - 441)
    // = -780 / 105 = -7.428571 tenths per session, i.e. +0.7428571 points of improvement. The late
    // slope over sessions 3..6 (x 3..6, y 60, 60, 50, 40): (4*910 - 18*210) / (4*86 - 324)
    // = -140 / 20 = -7 tenths, +0.7 points.
    Settings settings = Settings.defaults().withAsOf(LATE);
    int[] before = {80, 70, 60, 60, 50, 40};
    List<Visit> visits = new ArrayList<>();
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      LocalDate d = S1.plusDays(7L * i);
      visits.add(new Visit("S" + (i + 1), "T1", d, "swedish", 60, "none", null));
      scores.add(new Score("S" + (i + 1), d, "before", "nrs_pain", before[i]));
    }
    Map<String, Double> slopes = new HashMap<>();
    new ClientHistory(settings)
        .derive(
            "C",
            visits,
            scores,
            null,
            new PairSink() {
              @Override
              public void pair(String a, String m, String gb, String g, int k, long e, long l) {}

              @Override
              public void slope(String model, String measure, double value) {
                slopes.put(model + "|" + measure, value);
              }
            });
    assertEquals(780.0 / 105.0 / 10.0, slopes.get("within_episode|nrs_pain"), 1e-15);
    assertEquals(0.7, slopes.get("within_episode_late|nrs_pain"), 1e-15);
  }

  /** Sessions a week apart from S1, with these before scores (tenths) and adverse events. */
  static List<String> registryEvents(int[] before, String[] events) {
    Settings settings = Settings.defaults().withAsOf(LATE);
    List<Visit> visits = new ArrayList<>();
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      LocalDate d = S1.plusDays(7L * i);
      visits.add(new Visit("S" + (i + 1), "T1", d, "deep_tissue", 60, events[i], null));
      if (before[i] >= 0) {
        scores.add(new Score("S" + (i + 1), d, "before", "nrs_pain", before[i]));
      }
    }
    List<String> out = new ArrayList<>();
    new ClientHistory(settings)
        .derive(
            "C",
            visits,
            scores,
            null,
            new PairSink() {
              @Override
              public void pair(String a, String m, String gb, String g, int k, long e, long l) {}

              @Override
              public void timeToMcid(
                  String measure, String groupBy, String group, int sessions, boolean event) {
                out.add(
                    "ttm "
                        + measure
                        + " "
                        + groupBy
                        + "="
                        + group
                        + " "
                        + sessions
                        + (event ? " event" : " censored"));
              }

              @Override
              public void harm(String groupBy, String group, boolean anyEvent) {
                out.add("harm " + groupBy + "=" + group + " " + anyEvent);
              }
            });
    return out;
  }

  @Test
  void timeToMcidIsTheSessionsReceivedBeforeTheFirstVisitAtTheMcid() {
    // Baseline 8.0; before visit 2: 7.0 (1 point), visit 3: 6.0 (2 points = the MCID): the event
    // comes after 2 sessions received (k - 1 = 2), counted in each of the episode's three slices.
    List<String> e =
        registryEvents(new int[] {80, 70, 60, 50}, new String[] {"none", "none", "none", "none"});
    assertEquals(
        List.of(
            "ttm nrs_pain overall=all 2 event",
            "ttm nrs_pain technique=deep_tissue 2 event",
            "ttm nrs_pain technique_group=specialized 2 event"),
        e.subList(0, 3));
  }

  @Test
  void aClientWhoStopsBeforeTheMcidIsCensoredAtTheLastScoredVisit() {
    // Baseline 8.0, then 7.5, (no score), 7.0 at visit 4, then visit 5 without a score: never 2
    // points better; censored at the last visit with a before score, k = 4, after 3 sessions.
    List<String> e =
        registryEvents(new int[] {80, 75, -1, 70, -1}, new String[] {null, null, null, null, null});
    assertTrue(e.contains("ttm nrs_pain overall=all 3 censored"), e.toString());
    assertFalse(
        e.stream().anyMatch(x -> x.startsWith("harm")),
        "no session records adverse_event: no harm row");
  }

  @Test
  void harmCountsAnEpisodeOnceWhenAnySessionHadAnEvent() {
    List<String> e =
        registryEvents(new int[] {80, 75, 70}, new String[] {"none", "bruising", "soreness"});
    assertEquals(
        List.of(
            "harm overall=all true",
            "harm technique=deep_tissue true",
            "harm technique_group=specialized true"),
        e.stream().filter(x -> x.startsWith("harm")).toList());
    List<String> none = registryEvents(new int[] {80, 75, 70}, new String[] {"none", null, "none"});
    assertTrue(none.contains("harm overall=all false"), none.toString());
  }
}
