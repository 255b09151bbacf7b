package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header resolution: case and order, required and duplicate columns, privacy guard on names. */
class HeaderMappingTest {
  private static final List<String> SESSIONS_REQUIRED =
      List.of("session_id", "client_id", "session_date", "technique");

  private static List<String> sessionsWith(String extra) {
    List<String> header = new ArrayList<>(SESSIONS_REQUIRED);
    header.add(extra);
    return header;
  }

  @Test
  void namesAreTrimmedCaseInsensitiveAndInAnyOrder() {
    HeaderMapping m =
        HeaderMapping.resolve(
            InputTable.SESSIONS,
            "sessions.csv",
            List.of(
                " Technique", "SESSION_ID ", "Notes", "Client_Id", "session_date", "score", ""));
    assertEquals(1, m.index("session_id"));
    assertEquals(1, m.index(" Session_ID "));
    assertEquals(3, m.index(Column.CLIENT_ID));
    assertEquals(0, m.index(Column.TECHNIQUE));
    assertEquals(4, m.index(Column.SESSION_DATE));
    assertEquals(-1, m.index("therapist_id"), "optional and absent");
    assertEquals(-1, m.index(Column.SCORE), "a pain_scores column is unknown in sessions.csv");
    assertEquals(-1, m.index("no_such_column"));
    assertEquals(List.of("Notes", "score", ""), m.unknownColumns());
    assertEquals(7, m.fieldCount());
    assertEquals(InputTable.SESSIONS, m.table());
  }

  @Test
  void missingRequiredColumnStopsTheRunNamingIt() {
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () ->
                HeaderMapping.resolve(
                    InputTable.SESSIONS,
                    "sessions.csv",
                    List.of("session_id", "client_id", "technique", "duration_min")));
    assertEquals(2, e.exitCode());
    assertEquals(
        "sessions.csv: the required column 'session_date' is missing from the header.",
        e.getMessage());
  }

  @Test
  void allMissingRequiredColumnsAreNamed() {
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () -> HeaderMapping.resolve(InputTable.PAIN_SCORES, "pain_scores.csv", List.of("x")));
    assertEquals(
        "pain_scores.csv: the required columns 'client_id', 'session_id', 'recorded_on',"
            + " 'moment', 'measure', 'score' are missing from the header.",
        e.getMessage());
  }

  @Test
  void duplicateColumnStopsTheRun() {
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () -> HeaderMapping.resolve(InputTable.SESSIONS, "s.csv", sessionsWith("Client_ID")));
    assertEquals(2, e.exitCode());
    assertEquals(
        "s.csv: column 'Client_ID' appears twice in the header (columns 2 and 5).", e.getMessage());
    assertThrows(
        InputFileException.class,
        () ->
            HeaderMapping.resolve(
                InputTable.CLIENTS, "c.csv", List.of("client_id", "note", " NOTE")));
  }

  @Test
  void optionalColumnsMayBeAbsent() {
    HeaderMapping m =
        HeaderMapping.resolve(InputTable.CLIENTS, "clients.csv", List.of("client_id"));
    for (String column : InputTable.CLIENTS.columns()) {
      assertEquals(column.equals("client_id") ? 0 : -1, m.index(column), column);
    }
    assertTrue(m.unknownColumns().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "first_name",
        "Name",
        "e-mail",
        "Phone Number",
        "date_of_birth",
        "dob",
        "postcode",
        "zip",
        "nhs_number",
        "MRN",
        "address_line1",
        "Email",
        "FirstName",
        "lastName",
        "ZIPCode",
        "post_code",
        "Surname",
        "mobile",
        "Mobile Phone",
        "street",
        "passport_no",
        "SSN",
        "telephone",
        "DateOfBirth",
        "birthdate",
        "ClientEmail",
        "patientname",
        "E-Mail Address",
        "home_address",
        "zip-code",
        "nhsNumber",
        "social_security_no",
        "fax",
        "city"
      })
  void identifierColumnNamesTripThePrivacyGuard(String name) {
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () -> HeaderMapping.resolve(InputTable.SESSIONS, "sessions.csv", sessionsWith(name)));
    assertEquals(3, e.exitCode());
    assertTrue(
        e.getMessage().startsWith("sessions.csv: column '" + name + "' looks like "),
        e.getMessage());
  }

  @Test
  void privacyGuardComesBeforeMissingColumns() {
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () -> HeaderMapping.resolve(InputTable.CLIENTS, "clients.csv", List.of("Name")));
    assertEquals(3, e.exitCode());
    assertEquals(
        "clients.csv: column 'Name' looks like a name, a direct identifier; the input must be"
            + " anonymized, so remove that column.",
        e.getMessage());
  }

  @Test
  void contractColumnsNeverTripThePrivacyGuard() {
    for (Column column : Column.values()) {
      assertNull(PrivacyGuard.identifierKind(column.columnName()), column.columnName());
      assertNull(PrivacyGuard.identifierKind(column.columnName().toUpperCase()), column.name());
    }
    for (String harmless :
        List.of(
            "notes",
            "visit_type",
            "mobility_score",
            "clinic_site",
            "room",
            "age_band",
            "SessionDate",
            "TherapistId",
            "pain_location",
            "hotel_stay")) {
      assertNull(PrivacyGuard.identifierKind(harmless), harmless);
    }
  }

  @Test
  void unknownColumnsAreListedNotRefused() {
    HeaderMapping m =
        HeaderMapping.resolve(InputTable.SESSIONS, "sessions.csv", sessionsWith("room"));
    assertEquals(List.of("room"), m.unknownColumns());
    assertFalse(m.index("room") >= 0);
  }
}
