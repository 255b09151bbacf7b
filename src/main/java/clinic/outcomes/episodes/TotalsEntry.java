package clinic.outcomes.episodes;

import java.io.Serializable;

/**
 * One additive part of the {@link PairTotals} of a partition, as a typed value carried back from a
 * task of the client pass ({@link PassPart}): every field is a count or an exact sum, so entries of
 * the same key add up to the same totals in any order and under any partitioning. {@link
 * #getPart()} says which part of the totals it carries; the fields it does not use stay null or 0.
 *
 * <ul>
 *   <li>{@code group}: (analysis, measure, groupBy, group) with {@code n}, {@code incomplete}
 *       (n_incomplete), {@code open} (n_open), {@code sessions} (n_sessions), {@code mcidCount},
 *       {@code r30n}, {@code r30count}, {@code r50count}
 *   <li>{@code sums}: the group's pairs of {@code at} = k sessions averaged: {@code count} pairs,
 *       {@code earlierSum} and {@code laterSum} in tenths
 *   <li>{@code difference}: the group's pairs whose mean difference is {@code value} points: {@code
 *       count}
 *   <li>{@code slope}: (analysis = model, measure), episodes whose slope is {@code value} points
 *       per session: {@code count}
 *   <li>{@code survival}: (time_to_mcid, measure, groupBy, group), episodes ending at {@code at}
 *       sessions: {@code events}, {@code censored}
 *   <li>{@code safety}: (unit, event, technique, slice): {@code count} n, {@code events} k (see
 *       {@link SafetyCounts})
 *   <li>{@code harm}: (harm, any, groupBy, group): {@code count} episodes, {@code events} with an
 *       adverse event
 * </ul>
 */
public final class TotalsEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String GROUP = "group";
  public static final String SUMS = "sums";
  public static final String DIFFERENCE = "difference";
  public static final String SLOPE = "slope";
  public static final String SURVIVAL = "survival";
  public static final String HARM = "harm";
  public static final String SAFETY = "safety";

  private String part;
  private String analysis;
  private String measure;
  private String groupBy;
  private String group;
  private Integer at;
  private Double value;
  private long n;
  private long incomplete;
  private long open;
  private long sessions;
  private long mcidCount;
  private long r30n;
  private long r30count;
  private long r50count;
  private long count;
  private long earlierSum;
  private long laterSum;
  private long events;
  private long censored;

  /** An empty entry (for the bean encoder). */
  public TotalsEntry() {}

  TotalsEntry(String part, GroupKey key) {
    this.part = part;
    this.analysis = key.analysis();
    this.measure = key.measure();
    this.groupBy = key.groupBy();
    this.group = key.group();
  }

  /** The key (analysis, measure, groupBy, group); groupBy and group are null for a slope. */
  public GroupKey key() {
    return new GroupKey(analysis, measure, groupBy, group);
  }

  public String getPart() {
    return part;
  }

  public void setPart(String part) {
    this.part = part;
  }

  public String getAnalysis() {
    return analysis;
  }

  public void setAnalysis(String analysis) {
    this.analysis = analysis;
  }

  public String getMeasure() {
    return measure;
  }

  public void setMeasure(String measure) {
    this.measure = measure;
  }

  public String getGroupBy() {
    return groupBy;
  }

  public void setGroupBy(String groupBy) {
    this.groupBy = groupBy;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  /** Sessions averaged (sums) or sessions until the event or censoring (survival). */
  public Integer getAt() {
    return at;
  }

  public void setAt(Integer at) {
    this.at = at;
  }

  /** A pair's mean difference (difference) or an episode's slope (slope), in points. */
  public Double getValue() {
    return value;
  }

  public void setValue(Double value) {
    this.value = value;
  }

  public long getN() {
    return n;
  }

  public void setN(long n) {
    this.n = n;
  }

  public long getIncomplete() {
    return incomplete;
  }

  public void setIncomplete(long incomplete) {
    this.incomplete = incomplete;
  }

  public long getOpen() {
    return open;
  }

  public void setOpen(long open) {
    this.open = open;
  }

  public long getSessions() {
    return sessions;
  }

  public void setSessions(long sessions) {
    this.sessions = sessions;
  }

  public long getMcidCount() {
    return mcidCount;
  }

  public void setMcidCount(long mcidCount) {
    this.mcidCount = mcidCount;
  }

  public long getR30n() {
    return r30n;
  }

  public void setR30n(long r30n) {
    this.r30n = r30n;
  }

  public long getR30count() {
    return r30count;
  }

  public void setR30count(long r30count) {
    this.r30count = r30count;
  }

  public long getR50count() {
    return r50count;
  }

  public void setR50count(long r50count) {
    this.r50count = r50count;
  }

  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  public long getEarlierSum() {
    return earlierSum;
  }

  public void setEarlierSum(long earlierSum) {
    this.earlierSum = earlierSum;
  }

  public long getLaterSum() {
    return laterSum;
  }

  public void setLaterSum(long laterSum) {
    this.laterSum = laterSum;
  }

  public long getEvents() {
    return events;
  }

  public void setEvents(long events) {
    this.events = events;
  }

  public long getCensored() {
    return censored;
  }

  public void setCensored(long censored) {
    this.censored = censored;
  }
}
