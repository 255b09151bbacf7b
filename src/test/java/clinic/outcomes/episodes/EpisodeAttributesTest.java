package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The group names the pass builds once and shares (SPEC "Statistics": month, session number). */
class EpisodeAttributesTest {

  @Test
  void aMonthIsItsYearAndTwoDigitMonthInsideAndOutsideTheSharedRange() {
    assertEquals("2025-04", EpisodeAttributes.month(LocalDate.of(2025, 4, 30)));
    assertEquals("2025-11", EpisodeAttributes.month(LocalDate.of(2025, 11, 1)));
    // the shared names cover 1900-01 to 2299-12; either side is built as text, the same way
    assertEquals("1899-12", EpisodeAttributes.month(LocalDate.of(1899, 12, 31)));
    assertEquals("1900-01", EpisodeAttributes.month(LocalDate.of(1900, 1, 1)));
    assertEquals("2299-12", EpisodeAttributes.month(LocalDate.of(2299, 12, 31)));
    assertEquals("2300-01", EpisodeAttributes.month(LocalDate.of(2300, 1, 1)));
  }

  @Test
  void daysOfOneMonthShareOneName() {
    assertSame(
        EpisodeAttributes.month(LocalDate.of(2025, 2, 1)),
        EpisodeAttributes.month(LocalDate.of(2025, 2, 28)));
  }

  @Test
  void sessionNumberGroupsAreOneToNineThenTenPlus() {
    for (int k = 1; k <= 9; k++) {
      assertEquals(Integer.toString(k), EpisodeAttributes.sessionNumberGroup(k));
    }
    assertEquals("10+", EpisodeAttributes.sessionNumberGroup(10));
    assertEquals("10+", EpisodeAttributes.sessionNumberGroup(37));
    assertSame(EpisodeAttributes.sessionNumberGroup(3), EpisodeAttributes.sessionNumberGroup(3));
  }
}
