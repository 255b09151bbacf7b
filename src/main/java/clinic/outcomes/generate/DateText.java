package clinic.outcomes.generate;

import java.time.LocalDate;

/** The {@code YYYY-MM-DD} texts of every day of the generation window, made once. */
final class DateText {

  private final int firstDay;
  private final String[] texts;

  DateText(LocalDate start, LocalDate end) {
    this.firstDay = Math.toIntExact(start.toEpochDay());
    int days = Math.toIntExact(end.toEpochDay() - start.toEpochDay()) + 1;
    this.texts = new String[days];
    for (int i = 0; i < days; i++) {
      texts[i] = start.plusDays(i).toString();
    }
  }

  /** The text of {@code epochDay}; throws when the day is outside the window. */
  String text(int epochDay) {
    int index = epochDay - firstDay;
    if (index < 0 || index >= texts.length) {
      throw new IllegalStateException("date outside the window: " + LocalDate.ofEpochDay(epochDay));
    }
    return texts[index];
  }
}
