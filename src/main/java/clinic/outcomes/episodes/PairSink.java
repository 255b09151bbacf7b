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

  /**
   * One (analysis, measure, group_by, group) as this sink adds to it: a caller that adds many pairs
   * under the same key ({@code PairCells}, once per episode) asks for its cell once and hands it to
   * {@link #pair(Cell, int, long, long)} and {@link #open(Cell)}. A cell belongs to the sink that
   * made it.
   */
  interface Cell {}

  /** The cell of a key; by default the key itself, which the two methods below hand back. */
  default Cell cell(String analysis, String measure, String groupBy, String group) {
    return new GroupKey(analysis, measure, groupBy, group);
  }

  /** As {@link #pair(String, String, String, String, int, long, long)} under a cell's key. */
  default void pair(Cell cell, int k, long earlierSum, long laterSum) {
    GroupKey g = (GroupKey) cell;
    pair(g.analysis(), g.measure(), g.groupBy(), g.group(), k, earlierSum, laterSum);
  }

  /** As {@link #open(String, String, String, String)} under a cell's key. */
  default void open(Cell cell) {
    GroupKey g = (GroupKey) cell;
    open(g.analysis(), g.measure(), g.groupBy(), g.group());
  }

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
