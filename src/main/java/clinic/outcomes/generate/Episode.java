package clinic.outcomes.generate;

/**
 * One episode of care being generated: filled in by {@link SessionRows}, read by {@link
 * EpisodeScores}.
 */
final class Episode {

  final String clientId;
  final int[] days;
  final String primary;
  final String[] sessionIds;
  final String[] techniques;
  boolean adherent;

  /**
   * @param clientId the client's id
   * @param days the epoch day of each session, ascending
   * @param primary the primary technique (also that of the first and the last session)
   */
  Episode(String clientId, int[] days, String primary) {
    this.clientId = clientId;
    this.days = days;
    this.primary = primary;
    this.sessionIds = new String[days.length];
    this.techniques = new String[days.length];
  }

  /** Number of sessions. */
  int sessions() {
    return days.length;
  }

  /** Epoch day of the first session. */
  int firstDay() {
    return days[0];
  }

  /** Epoch day of the last session. */
  int lastDay() {
    return days[days.length - 1];
  }
}
