package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy guard on id values (SPEC: e-mail addresses; phone numbers = 7+ digits). */
class PrivacyGuardTest {
  private static final RowRules RULES = new RowRules(LocalDate.of(2024, 6, 30));
  private static final String SESSIONS_HEADER =
      "session_id,client_id,therapist_id,session_date,technique\n";

  @TempDir Path dir;

  @Test
  void phoneLikeValues() {
    assertTrue(PrivacyGuard.looksLikePhone("1234567"), "7 digits");
    assertFalse(PrivacyGuard.looksLikePhone("123456"), "6 digits");
    assertTrue(PrivacyGuard.looksLikePhone("+44 (20) 7946-0958"));
    assertTrue(PrivacyGuard.looksLikePhone("0044.20.7946"));
    assertTrue(PrivacyGuard.looksLikePhone("555/123-4567"));
    assertFalse(PrivacyGuard.looksLikePhone("C-1234567"), "a letter makes it an id");
    assertFalse(PrivacyGuard.looksLikePhone("12_34_56_78"), "underscore is not a phone character");
  }

  @Test
  void emailLikeValues() {
    assertTrue(PrivacyGuard.looksLikeEmail("anna@example.com"));
    assertTrue(PrivacyGuard.looksLikeEmail("a@b"));
    assertFalse(PrivacyGuard.looksLikeEmail("@handle"));
    assertFalse(PrivacyGuard.looksLikeEmail("trailing@"));
    assertEquals("an e-mail address", PrivacyGuard.idValueKind("x@y.z"));
    assertEquals("a phone number", PrivacyGuard.idValueKind("07700 900123"));
    assertNull(PrivacyGuard.idValueKind("C000123"));
  }

  private InputFileException refused(String table, String text) {
    Path file = Fixtures.write(dir, table + ".csv", text);
    InputTable inputTable = InputTable.valueOf(table.toUpperCase());
    return assertThrows(InputFileException.class, () -> Fixtures.check(file, inputTable, RULES));
  }

  @Test
  void emailInClientIdStopsTheRunWithoutShowingIt() {
    InputFileException e =
        refused(
            "sessions",
            SESSIONS_HEADER
                + "S1,C1,,2024-01-10,swedish\n\nS2, anna@example.com ,,2024-01-10,swedish\n");
    assertEquals(3, e.exitCode());
    assertEquals(
        "sessions.csv: line 4, column 'client_id' holds a value that looks like an e-mail address"
            + " (not shown: it is personal data); ids must be pseudonyms.",
        e.getMessage());
    assertFalse(e.getMessage().contains("anna"));
  }

  @Test
  void phoneInTherapistIdStopsTheRun() {
    InputFileException e =
        refused("sessions", SESSIONS_HEADER + "S1,C1,+44 (20) 7946-0958,2024-01-10,swedish\n");
    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("line 2, column 'therapist_id'"), e.getMessage());
    assertFalse(e.getMessage().contains("7946"));
  }

  @Test
  void pureDigitIdOfSevenDigitsTripsTheGuardAndSixDoNot() {
    assertEquals(
        3, refused("sessions", SESSIONS_HEADER + "1234567,C1,,2024-01-10,swedish\n").exitCode());
    Path ok = Fixtures.write(dir, "ok.csv", SESSIONS_HEADER + "123456,C1,,2024-01-10,swedish\n");
    Map<Long, Checked<?>> results = Fixtures.check(ok, InputTable.SESSIONS, RULES);
    Fixtures.assertReasons(results, 2);
  }

  @Test
  void scoreAndClientIdsAreGuardedToo() {
    InputFileException score =
        refused(
            "pain_scores",
            "client_id,session_id,recorded_on,moment,measure,score\n"
                + "C1,x@y,2024-01-10,intake,odi,5\n");
    assertEquals("pain_scores.csv", score.file());
    assertTrue(score.getMessage().contains("line 2, column 'session_id'"), score.getMessage());
    InputFileException client = refused("clients", "client_id\n0044.20.7946\n");
    assertEquals(3, client.exitCode());
    assertTrue(client.getMessage().contains("column 'client_id'"));
  }

  @Test
  void malformedRowsAreNotGuardedBecauseTheirFieldsAreMisplaced() {
    Path file = Fixtures.write(dir, "sessions.csv", SESSIONS_HEADER + "S1,2024-01-10,swedish\n");
    Fixtures.assertReasons(Fixtures.check(file, InputTable.SESSIONS, RULES), 2, "malformed_row");
  }
}
