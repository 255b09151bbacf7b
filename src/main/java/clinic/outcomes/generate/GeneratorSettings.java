package clinic.outcomes.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param clients number of clients, at least 0 (at least 1 with {@code badRows})
 * @param seed master seed; the same (clients, seed, start, end, badRows) give identical files
 * @param start first date any row may carry
 * @param end last date any row may carry, not before {@code start} (at least 59 days after it with
 *     {@code badRows}); with a window of 632 days or more no episode is ever shortened or dropped
 *     to fit, so {@link TrueEffects}'s marginal values hold exactly
 * @param badRows whether to append the documented bad (and odd but good) rows to the files
 */
public record GeneratorSettings(
    int clients, long seed, LocalDate start, LocalDate end, boolean badRows) {

  /** Default first date. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);

  /** Default last date. */
  public static final LocalDate DEFAULT_END = LocalDate.of(2025, 12, 31);

  /** Smallest window, in days between start and end, that {@code badRows} needs. */
  public static final int BAD_ROWS_MIN_WINDOW_DAYS = 59;

  /** Validates the settings. */
  public GeneratorSettings {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (clients < 0) {
      throw new IllegalArgumentException("clients must be at least 0: " + clients);
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    if (badRows && clients < 1) {
      throw new IllegalArgumentException("badRows needs at least 1 client");
    }
    if (badRows && ChronoUnit.DAYS.between(start, end) < BAD_ROWS_MIN_WINDOW_DAYS) {
      throw new IllegalArgumentException(
          "badRows needs end at least " + BAD_ROWS_MIN_WINDOW_DAYS + " days after start");
    }
  }

  /** Settings with the default window 2024-01-01..2025-12-31 and no bad rows. */
  public GeneratorSettings(int clients, long seed) {
    this(clients, seed, DEFAULT_START, DEFAULT_END, false);
  }

  /** A copy with {@code badRows} set. */
  public GeneratorSettings withBadRows(boolean value) {
    return new GeneratorSettings(clients, seed, start, end, value);
  }
}
