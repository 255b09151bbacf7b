package clinic.outcomes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * {@link SparkDates}. The day numbers are Python's: {@code (datetime.date(2025, 1, 6) -
 * datetime.date(1970, 1, 1)).days} is 20094, and the day before the epoch is -1.
 */
class SparkDatesTest {
  @Test
  void aLocalDateAndASqlDateOfTheSameDayAgree() {
    LocalDate day = LocalDate.of(2025, 1, 6);
    assertEquals(day, SparkDates.localDate(day));
    assertEquals(day, SparkDates.localDate(java.sql.Date.valueOf("2025-01-06")));
    assertEquals(20094, SparkDates.epochDay(day));
    assertEquals(20094, SparkDates.epochDay(java.sql.Date.valueOf("2025-01-06")));
    assertEquals(-1, SparkDates.epochDay(java.sql.Date.valueOf("1969-12-31")));
    assertEquals(0, SparkDates.epochDay(LocalDate.of(1970, 1, 1)));
  }

  @Test
  void anythingElseIsRefusedByItsClass() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SparkDates.epochDay("2025-01-06"));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SparkDates.localDate(null));
  }
}
