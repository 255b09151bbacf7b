package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-value parsers. Expected values derived by hand from the SPEC's data contract. */
class ValuesTest {
  @Test
  void trimRemovesUnicodeSpacesAndByteOrderMarks() {
    assertEquals("x", Values.trim(" \t\u00A0x\u2007\u202F\r"));
    assertEquals("x", Values.trim("\uFEFFx"));
    assertEquals("a b", Values.trim(" a b "));
    assertEquals("", Values.trim("   "));
    String same = "abc";
    assertTrue(same == Values.trim(same), "no copy when nothing to trim");
  }

  @Test
  void datesAreStrictAndReal() {
    assertEquals(LocalDate.of(2024, 2, 29), Values.date("2024-02-29"));
    assertEquals(LocalDate.of(2000, 1, 1), Values.date("2000-01-01"));
    assertEquals(LocalDate.of(1999, 12, 31), Values.date("1999-12-31"), "range is checked later");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29",
        "2023-02-30",
        "2024-04-31",
        "2024-13-01",
        "2024-00-10",
        "2024-01-00",
        "2024-1-10",
        "24-01-10",
        "2024/01/10",
        "2024-01-10T00:00",
        "20240110",
        "2024-01-1O",
        ""
      })
  void notDates(String value) {
    assertNull(Values.date(value), value);
  }

  @Test
  void integersArePlainDigits() {
    assertEquals(5, Values.plainInteger("5"));
    assertEquals(7, Values.plainInteger("007"));
    assertEquals(Long.MAX_VALUE, Values.plainInteger("99999999999999999999"));
    assertEquals(
        45,
        Values.plainInteger("0000000000000000000045"),
        "leading zeros are no digits of the value");
    assertEquals(Long.MAX_VALUE, Values.plainInteger("0001234567890123456789"));
    for (String bad : new String[] {"+5", "5.0", "1e2", " 1e2", "-5", "", "5 0", "٥"}) {
      assertEquals(Values.NOT_AN_INTEGER, Values.plainInteger(bad), bad);
    }
  }

  @Test
  void techniqueIsNormalizedThenMatched() {
    assertEquals("deep_tissue", Values.technique("Deep Tissue"));
    assertEquals("trigger_point", Values.technique("trigger-point"));
    assertEquals("swedish", Values.technique("SWEDISH"));
    assertEquals("hot_stone2", Values.technique("Hot-Stone2"));
    assertEquals("a", Values.technique("a"));
    assertEquals("a".repeat(40), Values.technique("a".repeat(40)));
    assertNull(Values.technique("a".repeat(41)));
    for (String bad : new String[] {"9deep", "_x", "déep", "deep.tissue", "deep\ntissue", ""}) {
      assertNull(Values.technique(bad), bad);
    }
  }

  @Test
  void idsAreOneToSixtyFourSafeCharacters() {
    assertTrue(Values.isId("a.b-c_D9"));
    assertTrue(Values.isId("x".repeat(64)));
    assertFalse(Values.isId("x".repeat(65)));
    assertFalse(Values.isId(""));
    assertFalse(Values.isId("a b"));
    assertFalse(Values.isId("C#1"));
    assertFalse(Values.isId("é"));
  }

  @Test
  void enumerationsIgnoreAsciiCaseAndReturnTheLowerCaseValue() {
    assertEquals("increased_pain", Values.oneOf("Increased_PAIN", Vocabulary.ADVERSE_EVENTS));
    assertEquals("90+", Values.oneOf("90+", Vocabulary.AGE_BANDS));
    assertNull(Values.oneOf("increased pain", Vocabulary.ADVERSE_EVENTS));
    assertNull(Values.oneOf("\u212Aeep", new String[] {"keep"}), "Kelvin sign is not K");
  }

  @Test
  void subsetsAreSortedDeduplicatedAndStrict() {
    assertEquals("chiro|physio", Values.subsetOf("physio|chiro|physio", Vocabulary.CO_TREATMENTS));
    assertEquals(
        "medication|physio", Values.subsetOf("PHYSIO | Medication", Vocabulary.CO_TREATMENTS));
    assertEquals("none", Values.subsetOf("none", Vocabulary.CO_TREATMENTS));
    assertNull(Values.subsetOf("none|physio", Vocabulary.CO_TREATMENTS), "none with another");
    assertNull(Values.subsetOf("physio|", Vocabulary.CO_TREATMENTS), "empty item");
    assertNull(Values.subsetOf("yoga", Vocabulary.CO_TREATMENTS));
    assertNull(Values.subsetOf("physio,chiro", Vocabulary.CO_TREATMENTS));
  }
}
