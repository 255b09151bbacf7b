package clinic.outcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact tenths parsing (SPEC: "7.50" is 7.5; 65.6 - 55.6 is 10; no binary floating point). */
class ScoreValueTest {
  private static ScoreValue parse(String value) {
    ScoreValue score = ScoreValue.parse(value);
    assertTrue(score != null, value + " is plain decimal notation");
    return score;
  }

  @Test
  void valuesInTenths() {
    assertEquals(new ScoreValue(75, false, false), parse("7.50"));
    assertEquals(new ScoreValue(656, false, false), parse("65.6"));
    assertEquals(new ScoreValue(100, false, false), parse("10"));
    assertEquals(new ScoreValue(75, false, false), parse("007.5"));
    assertEquals(new ScoreValue(0, false, false), parse("-0.0"), "minus zero is zero");
    assertEquals(-15, parse("-1.5").signedTenths());
    assertEquals(100, parse("65.6").signedTenths() - parse("55.6").signedTenths());
  }

  @Test
  void leadingZerosAreNoDigitsOfTheValue() {
    // before: only the first 15 digits were read, leading zeros included, so this was 0.0
    assertEquals(new ScoreValue(70, false, false), parse("0000000000000007"));
    assertEquals(new ScoreValue(75, false, false), parse("00000000000000000000007.5"));
    assertEquals(new ScoreValue(0, false, false), parse("0000000000000000000"));
    assertEquals(
        ScoreValue.HUGE_TENTHS,
        parse("0001234567890123456").magnitudeTenths(),
        "16 significant digits");
    assertFalse(parse("1234567890123456789012345.5").withinZeroTo(100));
    assertEquals(
        9_999_999_999_999_999L,
        parse("999999999999999.9").magnitudeTenths(),
        "15 digits are exact");
  }

  @Test
  void aSignIsAllowedAsInTheSpecsNumberForm() {
    assertEquals(new ScoreValue(50, false, false), parse("+5"));
    assertEquals(new ScoreValue(75, false, false), parse("+7.50"));
    assertTrue(parse("+5").withinZeroTo(10));
    assertEquals(new ScoreValue(0, false, false), parse("+0.0"));
    assertTrue(parse("-5").negative());
  }

  @Test
  void digitsBeyondTenthsAreDetectedByValue() {
    assertTrue(parse("0.05").finerThanTenths());
    assertTrue(parse("7.55").finerThanTenths());
    assertFalse(parse("7.500000").finerThanTenths());
    assertTrue(parse("-0.01").negative(), "-0.01 is below zero");
  }

  @Test
  void rangeIsExact() {
    assertTrue(parse("10.0").withinZeroTo(10));
    assertTrue(parse("10.00").withinZeroTo(10));
    assertFalse(parse("10.1").withinZeroTo(10));
    assertFalse(parse("10.01").withinZeroTo(10), "10.01 > 10 although its tenths are 100");
    assertTrue(parse("0").withinZeroTo(10));
    assertFalse(parse("-0.1").withinZeroTo(10));
    assertFalse(parse("123456789012345678901234567890").withinZeroTo(100));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "NaN",
        "1e1",
        "+-5",
        "-+5",
        "+",
        "++5",
        "+.5",
        "5.",
        ".5",
        "-",
        "-.5",
        "1,5",
        " 5",
        "5 ",
        "0x10",
        "Infinity",
        "1.2.3",
        "٥"
      })
  void notPlainDecimals(String value) {
    assertNull(ScoreValue.parse(value), value);
  }
}
