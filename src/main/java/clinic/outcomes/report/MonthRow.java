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
 */
public record MonthRow(String month, Long sessions, Long clients, Long newEpisodes, Long closedEpisodes,
    Double relief, Double courseImprovement, Double responderRate, Double adverseEventRate) {
  static MonthRow of(Row r) {
    return new MonthRow(Cols.str(r, "month"), Cols.lng(r, "sessions"), Cols.lng(r, "clients"),
        Cols.lng(r, "new_episodes"), Cols.lng(r, "closed_episodes"), Cols.dbl(r, "mean_session_relief"),
        Cols.dbl(r, "mean_course_improvement"), Cols.dbl(r, "responder_rate_mcid"),
        Cols.dbl(r, "adverse_event_rate"));
  }
}
