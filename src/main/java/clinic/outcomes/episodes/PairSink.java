package clinic.outcomes.episodes;

/**
 * Receives one pair per (analysis, measure, group_by, group, episode): {@code k} usable rows
 * (sessions averaged), with the sums of their earlier and later scores in tenths. {@code k = 0}
 * marks an episode with scores of the measure but no usable pair (it counts as incomplete).
 */
public interface PairSink {
  void pair(
      String analysis,
      String measure,
      String groupBy,
      String group,
      int k,
      long earlierSum,
      long laterSum);

  /** An open episode with a score of the measure: counted in {@code n_open}, never dropped. */
  default void open(String analysis, String measure, String groupBy, String group) {}

  /** One episode's within-episode slope (points per session, positive = improving). */
  default void slope(String model, String measure, double pointsPerSession) {}

  /**
   * One episode's time to the MCID (SPEC "Time to MCID"): {@code sessions} received until the
   * carried pain first improved on the baseline by the MCID ({@code event}), or until the last
   * visit with a score (censored).
   */
  default void timeToMcid(
      String measure, String groupBy, String group, int sessions, boolean event) {}

  /**
   * One episode with a session that records adverse_event, by its primary technique (SPEC "Benefit
   * and harm").
   */
  default void harm(String groupBy, String group, boolean anyEvent) {}
}
