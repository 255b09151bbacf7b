package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code monthly} table.
 *
 * @param month YYYY-MM
 * @param sessions sessions
 * @param clients clients seen
 * @param newEpisodes episodes starting
 * @param closedEpisodes episodes closed
 * @param relief mean nrs session relief
 * @param courseImprovement mean nrs course improvement of episodes ending in the month
 * @param responderRate MCID responder rate of those episodes
 * @param adverseEventRate adverse events per recorded session
 * @param responderControl the responder rate's denominator and p-chart limits, null when unknown
 * @param adverseControl the adverse-event rate's denominator and p-chart limits, null when unknown
 */
public record MonthRow(
    String month,
    Long sessions,
    Long clients,
    Long newEpisodes,
    Long closedEpisodes,
    Double relief,
    Double courseImprovement,
    Double responderRate,
    Double adverseEventRate,
    Control responderControl,
    Control adverseControl) {

  /**
   * A rate's p-chart (SPEC {@code monthly}): its denominator, the centre and limits from the
   * trailing twelve months, and the flag ({@code above}, {@code below} or null).
   */
  public record Control(Long n, Double center, Double low, Double high, String flag) {}

  /** A row without control limits (e.g. a quarter). */
  public MonthRow(
      String month,
      Long sessions,
      Long clients,
      Long newEpisodes,
      Long closedEpisodes,
      Double relief,
      Double courseImprovement,
      Double responderRate,
      Double adverseEventRate) {
    this(
        month,
        sessions,
        clients,
        newEpisodes,
        closedEpisodes,
        relief,
        courseImprovement,
        responderRate,
        adverseEventRate,
        null,
        null);
  }

  static MonthRow of(Row r) {
    return new MonthRow(
        Cols.str(r, "month"),
        Cols.lng(r, "sessions"),
        Cols.lng(r, "clients"),
        Cols.lng(r, "new_episodes"),
        Cols.lng(r, "closed_episodes"),
        Cols.dbl(r, "mean_session_relief"),
        Cols.dbl(r, "mean_course_improvement"),
        Cols.dbl(r, "responder_rate_mcid"),
        Cols.dbl(r, "adverse_event_rate"),
        control(r, "responder_rate_mcid"),
        control(r, "adverse_event_rate"));
  }

  private static Control control(Row r, String rate) {
    return new Control(
        Cols.lng(r, rate + "_n"),
        Cols.dbl(r, rate + "_center"),
        Cols.dbl(r, rate + "_low"),
        Cols.dbl(r, rate + "_high"),
        Cols.str(r, rate + "_flag"));
  }
}
