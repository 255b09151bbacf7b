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
    for (char c : "+()-./ ".toCharArray()) {
      assertTrue(PrivacyGuard.looksLikePhone("123" + c + "4567"), "separator '" + c + "'");
    }
    for (char c : "_,:;#*xX\t\u00a0".toCharArray()) {
      assertFalse(PrivacyGuard.looksLikePhone("123" + c + "4567"), "not a separator: " + (int) c);
    }
  }

  /**
   * The class comment's definition (only digits and {@code + ( ) - . /} or spaces, at least 7
   * digits), written out here, against the guard on 20,000 random values of those characters,
   * letters and other punctuation, 0 to 20 long: the guard's shortcuts (no scan of a value too
   * short for 7 digits, a switch instead of a search of the separators) must not change a verdict.
   */
  @Test
  void phoneVerdictsMatchTheDefinition() {
    java.util.Random random = new java.util.Random(20261202L);
    String alphabet = "0123456789+()-./ _a@:,\t";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(21);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = b.toString();
      int digits = 0;
      boolean onlyPhoneCharacters = true;
      for (char c : value.toCharArray()) {
        if (Character.isDigit(c)) {
          digits++;
        } else if ("+()-./ ".indexOf(c) < 0) {
          onlyPhoneCharacters = false;
        }
      }
      assertEquals(
          onlyPhoneCharacters && digits >= 7,
          PrivacyGuard.looksLikePhone(value),
          "'" + value + "'");
    }
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
  void malformedRowsWithoutIdentifiersAreRejectedNotRefused() {
    Path file =
        Fixtures.write(
            dir,
            "sessions.csv",
            SESSIONS_HEADER
                + "S1,2024-01-10,swedish\nS2,C1,,10/01/2024,swedish,60,extra\nS3,C1,x\"y,2024-01-10,swedish\n");
    Map<Long, Checked<?>> results = Fixtures.check(file, InputTable.SESSIONS, RULES);
    Fixtures.assertReasons(results, 2, "malformed_row");
    Fixtures.assertReasons(results, 3, "malformed_row");
    Fixtures.assertReasons(results, 4, "malformed_row");
  }

  @Test
  void identifierInAMalformedRowStopsTheRunBeforeItReachesRejects() {
    // before: the raw line, e-mail address included, was copied into rejects and rejects.csv
    InputFileException email =
        refused(
            "sessions",
            SESSIONS_HEADER + "S1,C1,,2024-01-10,swedish\nS2,anna@example.com,2024-01-10\n");
    assertEquals(3, email.exitCode());
    assertEquals(
        "sessions.csv: line 3 is malformed, and a value in it looks like an e-mail address (not shown: it"
            + " is personal data); a malformed line is copied whole to rejects, so the run stops: the input"
            + " must be anonymized.",
        email.getMessage());
    assertFalse(email.getMessage().contains("anna"));
    InputFileException phone =
        refused("sessions", SESSIONS_HEADER + "S1,C1,+44 20 7946 0958,2024-01-10,swedish,extra\n");
    assertTrue(
        phone
            .getMessage()
            .startsWith("sessions.csv: line 2 is malformed, and a value in it looks like a phone"),
        phone.getMessage());
    InputFileException broken = refused("clients", "client_id,sex\nC1,\"female\" 07700 900123\n");
    assertTrue(broken.getMessage().contains("line 2 is malformed"), broken.getMessage());
    InputFileException scores =
        refused(
            "pain_scores",
            "client_id,session_id,recorded_on,moment,measure,score\n0044.20.7946,2024-01-10\n");
    assertEquals(3, scores.exitCode());
  }

  @Test
  void otherFieldsAreGuardedToo() {
    InputFileException email =
        refused(
            "sessions",
            SESSIONS_HEADER.strip() + ",note\nS1,C1,,2024-01-10,swedish,call anna@example.com\n");
    assertEquals(
        "sessions.csv: line 2, column 'note' holds a value that looks like an e-mail address (not shown: it"
            + " is personal data); the input must be anonymized.",
        email.getMessage());
    InputFileException phone =
        refused("sessions", SESSIONS_HEADER + "S1,C1,,2024-01-10,(020) 7946 0958\n");
    assertTrue(
        phone
            .getMessage()
            .contains("line 2, column 'technique' holds a value that looks like a phone number"),
        phone.getMessage());
  }

  /**
   * The date shapes of {@code looksLikeDate}'s rule (three digit groups, one separator; year first
   * as 4, 1-2, 1-2 digits or year last as 1-2, 1-2, 2 or 4), each of 7 or more digits so that a
   * value that is not a date is taken for a phone number.
   */
  @Test
  void onlyDateShapesAreSparedThePhoneRule() {
    assertEquals("a phone number", PrivacyGuard.otherValueKind("2025-1-6000"), "4, 1, 4 digits");
    assertEquals("a phone number", PrivacyGuard.otherValueKind("2025-01-065"), "4, 2, 3 digits");
    assertNull(PrivacyGuard.otherValueKind("2025/01/06"));
    assertNull(PrivacyGuard.otherValueKind("2025-1-06"), "4, 1, 2 digits: a date");
    assertNull(PrivacyGuard.otherValueKind("6.11.2025"));
    assertEquals("a phone number", PrivacyGuard.otherValueKind("06.01-2025"), "two separators");
    assertEquals("a phone number", PrivacyGuard.otherValueKind("123-45-6789"), "3, 2, 4 digits");
    assertEquals("a phone number", PrivacyGuard.otherValueKind("1-2-3-4567"), "four groups");
    assertEquals("a phone number", PrivacyGuard.otherValueKind("-2025-01-06"), "empty first group");
    assertEquals("a phone number", PrivacyGuard.otherValueKind("2025--01-06"), "empty second");
    assertEquals(
        "a phone number", PrivacyGuard.otherValueKind("2025-01-06-"), "trailing separator");
  }

  @Test
  void numbersAndDatesInOtherFieldsAreNoPhoneNumbers() {
    assertNull(PrivacyGuard.otherValueKind("0000000000000007"));
    assertNull(PrivacyGuard.otherValueKind("-1234567.5"));
    assertNull(PrivacyGuard.otherValueKind("2024-01-10"));
    assertNull(PrivacyGuard.otherValueKind("10.01.2024"));
    assertNull(PrivacyGuard.otherValueKind("1/10/24"));
    assertEquals("a phone number", PrivacyGuard.otherValueKind("555-123-4567"));
    assertEquals("a phone number", PrivacyGuard.otherValueKind("+44 20 7946 0958"));
    assertEquals(
        "a phone number",
        PrivacyGuard.misplacedValueKind("07700900123"),
        "in a malformed row, as an id");
    assertNull(PrivacyGuard.misplacedValueKind("2024-01-10"));
    Path file =
        Fixtures.write(
            dir,
            "pain_scores.csv",
            "client_id,session_id,recorded_on,moment,measure,score\nC1,,2024-01-10,intake,nrs_pain,0000000000000007\n");
    Map<Long, Checked<?>> results = Fixtures.check(file, InputTable.PAIN_SCORES, RULES);
    Fixtures.assertReasons(results, 2);
  }
}
