package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.Fixtures.assertReasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pain_scores.csv rules on a fixture with CRLF line ends, shuffled and mixed-case header names and
 * an unknown column; expected reasons derived by hand from the SPEC (maximum date 2024-06-30,
 * ranges nrs_pain 0-10, odi 0-100, rmdq 0-24, slr_deg 0-90, at most one decimal by value).
 */
class ScoreRulesTest {
  private static final RowRules RULES = new RowRules(LocalDate.of(2024, 6, 30));
  private static final String FIXTURE =
      String.join(
          "\r\n",
          "Measure, SCORE ,moment,recorded_on,client_id,session_id,note", // 1
          "nrs_pain,7.50,before,2024-01-10,C1,S1,ok", // 2
          "ODI,65.6,After,2024-01-10,C1,S1,", // 3
          "nrs_pain,0.05,intake,2024-01-02,C1,,", // 4
          "nrs_pain,10.0,discharge,2024-02-01,C1,,", // 5
          "nrs_pain,10.1,followup,2024-03-01,C1,,", // 6
          "nrs_pain,,before,2024-01-10,C1,,", // 7
          "nrs_pain,NaN,after,2024-01-10,C1,S1,", // 8
          "nrs_pain,1e1,after,2024-01-10,C1,S1,", // 9
          "pain,99,after,2024-01-10,C1,S1,", // 10
          "rmdq,24.05,after,2024-01-10,C1,S1,", // 11
          "slr_deg,-1,after,2024-01-10,C1,S1,", // 12
          "slr_deg,90,later,2024-01-10,C1,,", // 13
          ",5,,,,,", // 14
          "odi,100.00,intake,2024-01-01,C1,S#1,", // 15
          "odi,5.,intake,2024-01-01,C1,,", // 16
          "odi,.5,intake,2024-01-01,C1,,", // 17
          "rmdq,-0.0,intake,2024-07-01,C1,,", // 18
          "odi,7.55,intake,1999-01-01,C1,,", // 19
          "slr_deg,45.5,intake,2024-01-01,C1,S2,", // 20: session_id optional but kept
          "nrs_pain,\"3.0\",after,2024-01-10,C1,S1,\"a, b\"", // 21
          "");

  @TempDir static Path dir;
  private static Map<Long, Checked<?>> results;

  @BeforeAll
  static void checkFixture() {
    Path file = Fixtures.write(dir, "pain_scores.csv", FIXTURE);
    results = Fixtures.check(file, InputTable.PAIN_SCORES, RULES);
  }

  private static ScoreRow row(long line) {
    return (ScoreRow) results.get(line).row();
  }

  @Test
  void scoresAreExactTenths() {
    assertReasons(results, 2);
    assertEquals(
        new ScoreRow("C1", "S1", LocalDate.of(2024, 1, 10), "before", "nrs_pain", 75), row(2));
    assertReasons(results, 3);
    assertEquals(new ScoreRow("C1", "S1", LocalDate.of(2024, 1, 10), "after", "odi", 656), row(3));
    assertReasons(results, 5);
    assertEquals(100, row(5).scoreTenths());
    assertReasons(results, 20);
    assertEquals(455, row(20).scoreTenths());
    assertEquals("S2", row(20).sessionId());
    assertReasons(results, 21);
    assertEquals(30, row(21).scoreTenths());
  }

  @Test
  void precisionAndRange() {
    assertReasons(results, 4, "score_precision");
    assertNull(row(4).scoreTenths());
    assertReasons(results, 6, "score_out_of_range");
    assertReasons(results, 11, "score_out_of_range", "score_precision");
    assertReasons(results, 12, "score_out_of_range");
  }

  @Test
  void notNumbers() {
    assertReasons(results, 8, "invalid_score");
    assertReasons(results, 9, "invalid_score");
    assertReasons(results, 16, "invalid_score");
    assertReasons(results, 17, "invalid_score");
  }

  @Test
  void sessionIdIsRequiredForBeforeAndAfterOnly() {
    assertReasons(results, 7, "missing_score", "missing_session_id");
    assertReasons(results, 13, "invalid_moment");
    assertReasons(results, 15, "invalid_session_id");
  }

  @Test
  void rangeNeedsAValidMeasure() {
    assertReasons(results, 10, "invalid_measure");
    assertReasons(
        results,
        14,
        "missing_client_id",
        "missing_measure",
        "missing_moment",
        "missing_recorded_on");
    assertNull(row(14).scoreTenths(), "no measure, no score");
  }

  @Test
  void recordedOnRange() {
    assertReasons(results, 18, "recorded_on_out_of_range");
    assertReasons(results, 19, "recorded_on_out_of_range", "score_precision");
  }
}
