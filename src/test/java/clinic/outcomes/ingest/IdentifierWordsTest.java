package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identifier column names in the common European languages of clinic software, from the word list
 * {@code identifier-words.txt}; and no false alarm on the data contract's columns or on ordinary
 * extra columns.
 */
class IdentifierWordsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        // German
        "Geburtsdatum",
        "Vorname",
        "Nachname",
        "Telefon",
        "Telefonnummer",
        "Handynummer",
        "Adresse",
        "Anschrift",
        "Straße",
        "Strasse",
        "Hausnummer",
        "PLZ",
        "Postleitzahl",
        "Wohnort",
        "Ort",
        "Versicherungsnummer",
        "Krankenversicherungsnummer",
        "E-Mail-Adresse",
        "Geb_Datum",
        // French
        "nom",
        "prénom",
        "nom_de_famille",
        "téléphone",
        "portable",
        "adresse",
        "rue",
        "code_postal",
        "ville",
        "date_de_naissance",
        "courriel",
        "numero_securite_sociale",
        "NIR",
        "passeport",
        // Spanish
        "nombre",
        "apellidos",
        "teléfono",
        "móvil",
        "dirección",
        "calle",
        "código_postal",
        "fecha_nacimiento",
        "fecha_de_nacimiento",
        "correo_electrónico",
        "DNI",
        "pasaporte",
        // Italian
        "nome",
        "cognome",
        "telefono",
        "cellulare",
        "indirizzo",
        "città",
        "data_di_nascita",
        "codice_fiscale",
        "passaporto",
        // Dutch
        "naam",
        "voornaam",
        "achternaam",
        "telefoonnummer",
        "mobiel",
        "adres",
        "straat",
        "huisnummer",
        "woonplaats",
        "geboortedatum",
        "BSN",
        "burgerservicenummer",
        "paspoort",
        // Portuguese
        "sobrenome",
        "telefone",
        "telemóvel",
        "celular",
        "endereço",
        "morada",
        "data_de_nascimento",
        "CPF",
        "NIF",
        // Swedish, Danish, Norwegian, Finnish, Polish
        "förnamn",
        "efternamn",
        "telefonnummer",
        "mobilnummer",
        "gatuadress",
        "postnummer",
        "födelsedatum",
        "personnummer",
        "fornavn",
        "efternavn",
        "fødselsdato",
        "CPR-nr",
        "fødselsnummer",
        "etunimi",
        "sukunimi",
        "puhelin",
        "osoite",
        "postinumero",
        "syntymäaika",
        "henkilötunnus",
        "imię",
        "nazwisko",
        "adres_zamieszkania",
        "data_urodzenia",
        "PESEL",
        // the English ones still
        "first_name",
        "email",
        "phone",
        "date_of_birth",
        "zip"
      })
  void identifierColumnsAreRefusedInEveryLanguage(String name) {
    assertNotNull(PrivacyGuard.identifierKind(name), name);
    InputFileException e =
        assertThrows(
            InputFileException.class,
            () ->
                HeaderMapping.resolve(
                    InputTable.CLIENTS, "clients.csv", List.of("client_id", name)));
    assertEquals(3, e.exitCode());
  }

  @Test
  void theKindIsNamed() {
    assertEquals("a birth date", PrivacyGuard.identifierKind("Geburtsdatum"));
    assertEquals("a name", PrivacyGuard.identifierKind("nom"));
    assertEquals("a phone number", PrivacyGuard.identifierKind("teléfono"));
    assertEquals("an address", PrivacyGuard.identifierKind("adresse"));
    assertEquals("a birth date", PrivacyGuard.identifierKind("fecha_nacimiento"));
    assertEquals("a phone number", PrivacyGuard.identifierKind("telefon"));
    assertEquals("a name", PrivacyGuard.identifierKind("naam"));
    assertEquals("a name", PrivacyGuard.identifierKind("cognome"));
    assertEquals("an address", PrivacyGuard.identifierKind("indirizzo"));
    assertEquals("a birth date", PrivacyGuard.identifierKind("geboortedatum"));
  }

  @Test
  void accentsAndSpecialLettersAreFolded() {
    assertEquals("telefono", PrivacyGuard.fold("TELÉFONO"));
    assertEquals("strasse", PrivacyGuard.fold("Straße"));
    assertEquals("fodselsdato", PrivacyGuard.fold("fødselsdato"));
    assertEquals("endereco", PrivacyGuard.fold("endereço"));
    assertEquals("imie", PrivacyGuard.fold("imię"));
  }

  @Test
  void theContractsColumnsAndOrdinaryExtrasPass() {
    for (Column column : Column.values()) {
      assertNull(PrivacyGuard.identifierKind(column.columnName()), column.columnName());
    }
    for (String harmless :
        List.of(
            "session_id",
            "client_id",
            "therapist_id",
            "session_date",
            "technique",
            "duration_min",
            "adverse_event",
            "home_exercise",
            "recorded_on",
            "moment",
            "measure",
            "score",
            "age_band",
            "sex",
            "condition",
            "symptom_weeks",
            "co_treatment",
            "contraindications",
            "medical_clearance",
            "notes",
            "room",
            "headrest",
            "mobility_score",
            "sort_order",
            "economic_status",
            "anomaly",
            "position",
            "referral",
            "sortie",
            "genome",
            "intracellular",
            "Sitzungsdatum",
            "technique_massage",
            "durée",
            "séance",
            "douleur",
            "Behandlung",
            "tratamiento",
            "trattamento",
            "behandeling",
            "visit_via",
            "dose_cap",
            "pain_location",
            "hotel_stay",
            "total",
            "portal",
            "postop",
            "post_op")) {
      assertNull(PrivacyGuard.identifierKind(harmless), harmless);
    }
  }
}
