package clinic.outcomes.episodes;

import clinic.outcomes.core.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sufficient statistics of every (analysis, measure, group_by, group) over its pairs, in plain
 * Java: counts, exact integer sums by session count {@code k}, responder counts, and the histogram
 * of the per-pair mean differences. Partial totals of different partitions merge; sums are kept as
 * exact integers (tenths) so that the result does not depend on how the data were partitioned.
 */
public final class PairTotals implements PairSink {
  /** One group's totals. */
  public static final class Group {
    public long n;
    public long nIncomplete;
    public long nOpen;
    public long nSessions;

    /**
     * By session count k: pairs, sum of earlier tenths, sum of later tenths at {@code 3k, 3k + 1,
     * 3k + 2}; a k with no pair has zeros. An array, not a map from k: adding a pair to it was a
     * sixth of {@link #pair}'s time as a {@code TreeMap} in a flight recording at 1M sessions.
     */
    private long[] byK = new long[3 * 16];

    public long mcidCount;
    public long r30n;
    public long r30count;
    public long r50count;

    /** mean difference of a pair (points) -> number of pairs. */
    public final DoubleCounts histogram = new DoubleCounts();

    void merge(Group o) {
      n += o.n;
      nIncomplete += o.nIncomplete;
      nOpen += o.nOpen;
      nSessions += o.nSessions;
      for (int k = 1; 3 * k < o.byK.length; k++) {
        addK(k, o.byK[3 * k], o.byK[3 * k + 1], o.byK[3 * k + 2]);
      }
      mcidCount += o.mcidCount;
      r30n += o.r30n;
      r30count += o.r30count;
      r50count += o.r50count;
      histogram.addAll(o.histogram);
    }

    void addK(int k, long pairs, long earlierSum, long laterSum) {
      if (3 * k + 2 >= byK.length) {
        byK = Arrays.copyOf(byK, Math.max(2 * byK.length, 3 * k + 3));
      }
      byK[3 * k] += pairs;
      byK[3 * k + 1] += earlierSum;
      byK[3 * k + 2] += laterSum;
    }

    /** k -> {pairs, sum of earlier tenths, sum of later tenths}, for each k with a pair. */
    public SortedMap<Integer, long[]> byK() {
      SortedMap<Integer, long[]> m = new TreeMap<>();
      for (int k = 1; 3 * k < byK.length; k++) {
        if (byK[3 * k] != 0) {
          m.put(k, new long[] {byK[3 * k], byK[3 * k + 1], byK[3 * k + 2]});
        }
      }
      return m;
    }

    /** Sum over complete pairs of the mean earlier score (points), added in a fixed order. */
    public double sumEarlier() {
      return sumOver(1);
    }

    /** Sum over complete pairs of the mean later score (points), added in a fixed order. */
    public double sumLater() {
      return sumOver(2);
    }

    /** Sum of sums[k] / (10 k) by k ascending over the k with a pair. */
    private double sumOver(int column) {
      double s = 0;
      for (int k = 1; 3 * k < byK.length; k++) {
        if (byK[3 * k] != 0) {
          s += byK[3 * k + column] / (10.0 * k);
        }
      }
      return s;
    }
  }

  private final HashMap<String, Integer> mcidTenths;
  private final HashMap<GroupKey, Group> groups = new HashMap<>();

  /** Within-episode slope models: (model, measure) -> slope (points per session) -> episodes. */
  private final HashMap<SlopeKey, HashMap<Double, Long>> slopes = new HashMap<>();

  /** Time to MCID: (measure, group_by, group) -> sessions -> {events, censored}. */
  private final HashMap<GroupKey, TreeMap<Integer, long[]>> survival = new HashMap<>();

  /**
   * Harm: (group_by, group) of the primary technique -> {episodes recording adverse_event, with an
   * event}.
   */
  private final HashMap<GroupKey, long[]> harm = new HashMap<>();

  /** Safety counts: key (unit, event, technique, slice) -> {n, k} ({@link SafetyCounts}). */
  private final HashMap<GroupKey, long[]> safety = new HashMap<>();

  /** A within-episode dose-response model of one measure. */
  public record SlopeKey(String model, String measure) {}

  public PairTotals(Map<String, Integer> mcidTenths) {
    this.mcidTenths = new HashMap<>(mcidTenths);
  }

  /**
   * A group, its histogram (so that a pair's loads of the two start at once), its measure (null for
   * an unknown code: an error once a pair is complete) and MCID (tenths; null for none).
   */
  private record GroupCell(
      int number, Group group, DoubleCounts histogram, String code, Measure measure, Integer mcid)
      implements Cell {}

  /** The cells handed out, by number; the pairs given to them wait in {@link #batch}. */
  private final List<GroupCell> cells = new ArrayList<>();

  private final PairBatch batch = new PairBatch();

  @Override
  public Cell cell(String analysis, String measure, String groupBy, String group) {
    GroupCell c = groupCell(cells.size(), analysis, measure, groupBy, group);
    cells.add(c);
    return c;
  }

  /** A cell of a group, made if new; {@code number} -1 for a cell not handed out. */
  private GroupCell groupCell(
      int number, String analysis, String measure, String groupBy, String group) {
    Group g =
        groups.computeIfAbsent(new GroupKey(analysis, measure, groupBy, group), x -> new Group());
    return new GroupCell(
        number, g, g.histogram, measure, Measure.of(measure).orElse(null), mcidTenths.get(measure));
  }

  /** Adds the pairs held back to their groups: before the groups are read or merged. */
  private void drain() {
    batch.drain(
        cells.size(),
        (c, ks, e, l, from, to) -> {
          GroupCell cell = cells.get(c);
          for (int i = from; i < to; i++) {
            add(cell, ks[i], e[i], l[i]);
          }
        });
  }

  /** One pair, added at once (no cell is kept for it). */
  @Override
  public void pair(
      String analysis,
      String measure,
      String groupBy,
      String group,
      int k,
      long earlierSum,
      long laterSum) {
    GroupCell c = groupCell(-1, analysis, measure, groupBy, group);
    check(c, k);
    add(c, k, earlierSum, laterSum);
  }

  @Override
  public void pair(Cell cell, int k, long earlierSum, long laterSum) {
    GroupCell c = (GroupCell) cell;
    int n = c.number();
    if (n < 0 || n >= cells.size() || cells.get(n) != c) {
      throw new IllegalArgumentException("a cell of other totals: " + c.code());
    }
    check(c, k);
    if (batch.add(n, k, earlierSum, laterSum)) {
      drain();
    }
  }

  /**
   * What would make adding a pair fail, found before it is held back (so that a batch always adds
   * up): a negative session count, or a complete pair of an unknown measure.
   */
  private static void check(GroupCell c, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("a pair's session count is negative: " + k);
    }
    if (c.measure() == null && k != 0) {
      throw new IllegalArgumentException("unknown measure " + c.code());
    }
  }

  private static void add(GroupCell c, int k, long earlierSum, long laterSum) {
    Group g = c.group();
    if (k == 0) {
      g.nIncomplete++;
      return;
    }
    Measure m = c.measure();
    g.n++;
    g.nSessions += k;
    g.addK(k, 1, earlierSum, laterSum);
    long imp = m.higherIsBetter() ? laterSum - earlierSum : earlierSum - laterSum;
    Integer mcid = c.mcid();
    if (mcid != null && imp >= (long) k * mcid) {
      g.mcidCount++;
    }
    long dist = Math.abs(earlierSum - (long) k * m.bestTenths());
    if (dist > 0) {
      g.r30n++;
      if (imp * 100 >= dist * 30) {
        g.r30count++;
      }
      if (imp * 100 >= dist * 50) {
        g.r50count++;
      }
    }
    c.histogram().add(imp / (k * 10.0) + 0.0, 1L);
  }

  @Override
  public void open(Cell cell) {
    ((GroupCell) cell).group().nOpen++;
  }

  @Override
  public void open(String analysis, String measure, String groupBy, String group) {
    open(groupCell(-1, analysis, measure, groupBy, group));
  }

  @Override
  public void slope(String model, String measure, double pointsPerSession) {
    slopes
        .computeIfAbsent(new SlopeKey(model, measure), x -> new HashMap<>())
        .merge(pointsPerSession, 1L, Long::sum);
  }

  @Override
  public void timeToMcid(
      String measure, String groupBy, String group, int sessions, boolean event) {
    long[] a =
        survival
            .computeIfAbsent(
                new GroupKey(TIME_TO_MCID, measure, groupBy, group), x -> new TreeMap<>())
            .computeIfAbsent(sessions, x -> new long[2]);
    a[event ? 0 : 1]++;
  }

  @Override
  public void harm(String groupBy, String group, boolean anyEvent) {
    long[] a = harm.computeIfAbsent(new GroupKey(HARM, "any", groupBy, group), x -> new long[2]);
    a[0]++;
    if (anyEvent) {
      a[1]++;
    }
  }

  /** One safety count {n, k} ({@link SafetyCounts}), created at 0 when new; callers add to it. */
  long[] safetyCount(String unit, String slice, String event) {
    return safety.computeIfAbsent(new GroupKey(unit, event, "technique", slice), k -> new long[2]);
  }

  public static final String TIME_TO_MCID = "time_to_mcid";
  public static final String HARM = "harm";

  /** Adds another partition's totals into this one. */
  public PairTotals merge(PairTotals o) {
    drain();
    o.drain();
    o.groups.forEach((k, g) -> groups.computeIfAbsent(k, x -> new Group()).merge(g));
    o.survival.forEach(
        (k, t) -> {
          TreeMap<Integer, long[]> mine = survival.computeIfAbsent(k, x -> new TreeMap<>());
          t.forEach(
              (time, c) -> {
                long[] a = mine.computeIfAbsent(time, x -> new long[2]);
                a[0] += c[0];
                a[1] += c[1];
              });
        });
    addPairs(harm, o.harm);
    addPairs(safety, o.safety);
    o.slopes.forEach(
        (k, h) -> {
          HashMap<Double, Long> mine = slopes.computeIfAbsent(k, x -> new HashMap<>());
          h.forEach((v, c) -> mine.merge(v, c, Long::sum));
        });
    return this;
  }

  /**
   * The totals as additive typed entries (see {@link TotalsEntry}): how they leave a task of the
   * client pass (in its {@link PassPart}) to be added up on the driver ({@link #add}).
   */
  public List<TotalsEntry> getEntries() {
    return TotalsEntries.of(this);
  }

  /** Adds a count and its events ({count, events}) to one key of a map of pairs. */
  static void addPair(Map<GroupKey, long[]> into, GroupKey k, long count, long events) {
    long[] a = into.computeIfAbsent(k, x -> new long[2]);
    a[0] += count;
    a[1] += events;
  }

  private static void addPairs(Map<GroupKey, long[]> into, Map<GroupKey, long[]> from) {
    from.forEach((k, c) -> addPair(into, k, c[0], c[1]));
  }

  /** Adds one entry (of any partition) into these totals. */
  public PairTotals add(TotalsEntry e) {
    TotalsEntries.add(this, e);
    return this;
  }

  /**
   * Time to MCID counts: key (time_to_mcid, measure, group_by, group) -> sessions -> {events,
   * censored}.
   */
  public Map<GroupKey, TreeMap<Integer, long[]>> survival() {
    return survival;
  }

  /** Harm counts: key (harm, any, group_by, group) -> {episodes, episodes with an event}. */
  public Map<GroupKey, long[]> harm() {
    return harm;
  }

  /** Safety counts: key (unit, event, technique, slice) -> {n, k} ({@link SafetyCounts}). */
  public Map<GroupKey, long[]> safety() {
    return safety;
  }

  /** The within-episode slopes' histograms (live view). */
  public Map<SlopeKey, HashMap<Double, Long>> slopes() {
    return slopes;
  }

  /** The groups (live view). */
  public Map<GroupKey, Group> groups() {
    drain();
    return groups;
  }
}
