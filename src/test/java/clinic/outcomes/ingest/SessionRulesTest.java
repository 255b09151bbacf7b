package clinic.outcomes.ingest;

import static clinic.outcomes.ingest.Fixtures.assertReasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sessions.csv rules on a fixture; every expected reason set is derived by hand from the SPEC's
 * data contract (maximum date 2024-06-30). Physical lines are noted per row.
 */
class SessionRulesTest {
  private static final RowRules RULES = new RowRules(LocalDate.of(2024, 6, 30));
  private static final String FIXTURE =
      String.join(
          "\n",
          "session_id,client_id,therapist_id,session_date,technique,duration_min,"
              + "adverse_event,home_exercise", // 1
          "S1,C1,T1,2024-01-10,Deep Tissue,60,None,YES", // 2
          "", // 3 blank
          "S2,C1,,2024-01-17,trigger-point,,,", // 4
          ",,,,,,,", // 5
          "S 3,C#1,T!x,2023-02-30,9deep,+5,bruised,maybe", // 6
          "S4,C2,T1,1999-12-31,swedish,9,,no", // 7
          "S5,C2,T1,2024-07-01,swedish,241,,no", // 8
          "S6,C2,T1,2024-06-30,swedish,240,,no", // 9
          "S7,C2,T1,2000-01-01,swedish,10,,no", // 10
          "S8,C2,T1,2024-01-10,swedish,60,,no,extra", // 11
          "S9,C2", // 12
          "\"S10\",\"C\"\"3\",T1,2024-01-10,\"deep", // 13 (record continues on 14)
          "tissue\",60,,yes", // 14
          "S11,C3,T1,2024-1-10,swedish, 5.0,,yes", // 15
          "S12,C3,T1,2024-01-10,swe\"dish,60,,yes", // 16
          "S13,C3,T1,2024-01-10,\"swedish\"x,60,,yes", // 17
          "  S14 , C3 ,T1, 2024-01-10 , Myofascial Release ,045, Increased_Pain , No ", // 18
          "S15,C3,T1,20240110,a-very-long-technique-name-that-is-too-long,1e2,,yes", // 19
          "S16,C3,T1,2024-02-29,kneading 2,010,other,yes", // 20
          "S17,C3,T1,2023-02-29,x,,,", // 21
          "S18,C3,T1,2024-03-01,_swedish,-5,,"); // 22, no line terminator

  @TempDir static Path dir;
  private static Map<Long, Checked<?>> results;

  @BeforeAll
  static void checkFixture() {
    results =
        Fixtures.check(Fixtures.write(dir, "sessions.csv", FIXTURE), InputTable.SESSIONS, RULES);
  }

  private static SessionRow row(long line) {
    return (SessionRow) results.get(line).row();
  }

  @Test
  void everyRecordIsCheckedOnItsPhysicalLine() {
    // 21 physical lines after the header: line 3 is blank, line 14 continues line 13.
    assertEquals(
        List.of(
            2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L),
        List.copyOf(results.keySet()));
  }

  @Test
  void validRowsAreTypedAndNormalized() {
    assertReasons(results, 2);
    assertEquals(
        new SessionRow(
            "S1", "C1", "T1", LocalDate.of(2024, 1, 10), "deep_tissue", 60, "none", "yes"),
        row(2));
    assertReasons(results, 4);
    assertEquals(
        new SessionRow(
            "S2", "C1", null, LocalDate.of(2024, 1, 17), "trigger_point", null, null, null),
        row(4));
    assertReasons(results, 18);
    assertEquals(
        new SessionRow(
            "S14",
            "C3",
            "T1",
            LocalDate.of(2024, 1, 10),
            "myofascial_release",
            45,
            "increased_pain",
            "no"),
        row(18));
    assertReasons(results, 20);
    assertEquals("kneading_2", row(20).technique());
    assertEquals(10, row(20).durationMin());
  }

  @Test
  void boundariesAreInclusive() {
    assertReasons(results, 9);
    assertReasons(results, 10);
  }

  @Test
  void requiredEmptyValuesAreMissing() {
    assertReasons(
        results,
        5,
        "missing_client_id",
        "missing_session_date",
        "missing_session_id",
        "missing_technique");
  }

  @Test
  void everyInvalidFormIsReported() {
    assertReasons(
        results,
        6,
        "invalid_adverse_event",
        "invalid_client_id",
        "invalid_duration_min",
        "invalid_home_exercise",
        "invalid_session_date",
        "invalid_session_id",
        "invalid_technique",
        "invalid_therapist_id");
    assertEquals(SessionRow.EMPTY, row(6), "every value is invalid, so every value is null");
    assertReasons(results, 15, "invalid_duration_min", "invalid_session_date");
    assertReasons(results, 19, "invalid_duration_min", "invalid_session_date", "invalid_technique");
    assertReasons(results, 21, "invalid_session_date");
    assertReasons(results, 22, "invalid_duration_min", "invalid_technique");
  }

  @Test
  void rangesOfDatesAndDuration() {
    assertReasons(results, 7, "duration_min_out_of_range", "session_date_out_of_range");
    assertReasons(results, 8, "duration_min_out_of_range", "session_date_out_of_range");
    assertEquals(null, row(8).sessionDate());
  }

  @Test
  void wrongFieldCountOrBrokenQuotingIsMalformedOnly() {
    for (long line : new long[] {11, 12, 16, 17}) {
      assertReasons(results, line, "malformed_row");
      assertEquals(SessionRow.EMPTY, row(line));
    }
    assertEquals("S13,C3,T1,2024-01-10,\"swedish\"x,60,,yes", results.get(17L).raw());
  }

  @Test
  void quotedMultiLineRecordKeepsItsRawTextAndStartLine() {
    assertReasons(results, 13, "invalid_client_id", "invalid_technique");
    assertEquals(
        "\"S10\",\"C\"\"3\",T1,2024-01-10,\"deep\ntissue\",60,,yes", results.get(13L).raw());
    assertEquals("S10", row(13).sessionId());
  }

  @Test
  void rulesNeedTheirOwnTablesHeaderAndAValidMaximumDate() {
    HeaderMapping clients =
        HeaderMapping.resolve(InputTable.CLIENTS, "clients.csv", List.of("client_id"));
    CsvRecord record = new CsvRecord(2, "C1", List.of("C1"));
    assertThrows(IllegalArgumentException.class, () -> RULES.session(record, clients, "x.csv"));
    assertThrows(IllegalArgumentException.class, () -> new RowRules(LocalDate.of(1999, 12, 31)));
  }
}
