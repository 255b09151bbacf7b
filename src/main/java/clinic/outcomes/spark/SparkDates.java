package clinic.outcomes.spark;

import java.time.LocalDate;

/**
 * A value of a {@code date} column as a row holds it: a {@link LocalDate} in the job's own rows and
 * in every session {@link Sparks} builds (Spark's Java 8 date API), or a {@link java.sql.Date} in a
 * row from a Spark session without that setting. The one conversion the table writers and the
 * pass's packer share.
 */
public final class SparkDates {
  private SparkDates() {}

  /**
   * The date {@code v} holds.
   *
   * @throws IllegalArgumentException when {@code v} is not a date, naming its class
   */
  public static LocalDate localDate(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    throw new IllegalArgumentException(
        "not a date: " + (v == null ? "null" : v.getClass().getName()));
  }

  /** The days of {@code v} since 1970-01-01, as Parquet's and Spark's {@code date} store it. */
  public static long epochDay(Object v) {
    return v instanceof LocalDate d ? d.toEpochDay() : localDate(v).toEpochDay();
  }
}
