package clinic.outcomes.episodes;

import clinic.outcomes.core.Measure;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The complete course pairs as the regressions need them, added up by the client pass (groups,
 * never rows): each pair falls in the cell of its measure and its episode's attributes (primary
 * technique, adherence, whether the client has a {@code clients.csv} row, the case-mix covariates),
 * which counts its pairs and adds up their baseline and improvement in whole tenths, their squares
 * and products, exactly, in any order and under any partitioning. Every model's X'X sufficient
 * statistics follow from the cells ({@code analysis.ComparisonModels}), as every predictor but the
 * baseline is an indicator of these attributes. The dose-response's joint counts of (sessions,
 * improvement) per measure come with them, and, for the therapist model ({@code nrs_pain} pairs
 * with a client row), each primary therapist's marginal sums ({@link Therapist}): the cells
 * themselves do not split by therapist, so their number does not grow with the staff.
 *
 * <p>These totals replace a staging table of every outcome with its episode's attributes, which the
 * statistics read twice.
 */
public final class CourseCells implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The measure of the therapist model, whose pairs with a client row add to their therapist's. */
  static final String THERAPIST_MEASURE = Measure.NRS_PAIN.code();

  /** A cell: a measure and an episode's attributes; null where the episode has none. */
  public record Cell(
      String measure,
      String technique,
      String adherence,
      boolean hasClient,
      String ageBand,
      String sex,
      String condition,
      String chronicity)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Written out: a record's generated methods go through method handles (see GroupKey). */
    @Override
    public int hashCode() {
      int h = Objects.hashCode(measure);
      h = 31 * h + Objects.hashCode(technique);
      h = 31 * h + Objects.hashCode(adherence);
      h = 31 * h + Boolean.hashCode(hasClient);
      h = 31 * h + Objects.hashCode(ageBand);
      h = 31 * h + Objects.hashCode(sex);
      h = 31 * h + Objects.hashCode(condition);
      return 31 * h + Objects.hashCode(chronicity);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cell c
          && hasClient == c.hasClient
          && Objects.equals(measure, c.measure)
          && Objects.equals(technique, c.technique)
          && Objects.equals(adherence, c.adherence)
          && Objects.equals(ageBand, c.ageBand)
          && Objects.equals(sex, c.sex)
          && Objects.equals(condition, c.condition)
          && Objects.equals(chronicity, c.chronicity);
    }
  }

  /**
   * A cell's totals, in whole tenths: pairs, sums of baseline b and improvement y, of b², b·y, y².
   */
  public record Sums(long n, long b, long y, long bb, long by, long yy) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The order the analyses add the cells in: by every attribute, a missing one first. */
  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

  public static final Comparator<Cell> ORDER =
      Comparator.comparing(Cell::measure, TEXT)
          .thenComparing(Cell::technique, TEXT)
          .thenComparing(Cell::adherence, TEXT)
          .thenComparing(Cell::hasClient)
          .thenComparing(Cell::ageBand, TEXT)
          .thenComparing(Cell::sex, TEXT)
          .thenComparing(Cell::condition, TEXT)
          .thenComparing(Cell::chronicity, TEXT);

  /** Per cell: {n, b, y, bb, by, yy}. */
  private final HashMap<Cell, long[]> cells = new HashMap<>();

  /**
   * Per measure: pairs by (sessions, improvement in tenths) packed by {@link #pack}, the packed key
   * held as a double (a whole number below 2^53, exact), so that the counts need no boxing.
   */
  private final HashMap<String, DoubleCounts> dose = new HashMap<>();

  /** Per primary therapist (null when none): the therapist model's pairs' marginal sums. */
  private final HashMap<String, Therapist> therapists = new HashMap<>();

  /**
   * One therapist's pairs in the therapist model: their count, sums of improvement and baseline in
   * whole tenths, and the pairs per attribute value ({@code technique=deep_tissue}, {@code
   * age_band=40-49}, {@code sex=null} and so on): each predictor's sum over the therapist's pairs.
   */
  public static final class Therapist implements Serializable {
    private static final long serialVersionUID = 1L;
    private long n;
    private long y;
    private long b;

    /** Per attribute of {@link #ATTRIBUTES}: its values (null when missing) -> pairs. */
    private final List<HashMap<String, long[]>> counts = new ArrayList<>();

    /** The attributes counted, in the order {@link #add} hands them over. */
    static final List<String> ATTRIBUTES =
        List.of("technique", "age_band", "sex", "condition", "chronicity");

    Therapist() {
      for (int i = 0; i < ATTRIBUTES.size(); i++) {
        counts.add(new HashMap<>());
      }
    }

    private void add(int attribute, String value) {
      counts.get(attribute).computeIfAbsent(value, v -> new long[1])[0]++;
    }

    public long n() {
      return n;
    }

    /** The sum of improvement, in tenths. */
    public long y() {
      return y;
    }

    /** The sum of baseline, in tenths. */
    public long b() {
      return b;
    }

    /**
     * The pairs whose attribute has this value, {@code name=value} as the models name their
     * indicators: {@code name=null} counts the missing values (and a value written "null").
     */
    public long count(String attributeValue) {
      int eq = attributeValue.indexOf('=');
      int attribute = ATTRIBUTES.indexOf(attributeValue.substring(0, Math.max(0, eq)));
      if (attribute < 0) {
        throw new IllegalArgumentException("not an attribute's value: " + attributeValue);
      }
      String value = attributeValue.substring(eq + 1);
      HashMap<String, long[]> c = counts.get(attribute);
      long n = c.getOrDefault(value, new long[1])[0];
      return value.equals("null") ? n + c.getOrDefault(null, new long[1])[0] : n;
    }

    private void merge(Therapist o) {
      n += o.n;
      y += o.y;
      b += o.b;
      for (int i = 0; i < counts.size(); i++) {
        HashMap<String, long[]> mine = counts.get(i);
        o.counts.get(i).forEach((v, c) -> mine.computeIfAbsent(v, x -> new long[1])[0] += c[0]);
      }
    }
  }

  /**
   * Adds one complete course pair.
   *
   * @param measure the measure's code
   * @param baselineTenths the pair's baseline, in tenths
   * @param improvementTenths its improvement, in tenths
   * @param sessions the episode's sessions
   */
  public CourseCells add(
      String measure,
      String technique,
      String therapist,
      String adherence,
      boolean hasClient,
      String ageBand,
      String sex,
      String condition,
      String chronicity,
      int baselineTenths,
      int improvementTenths,
      int sessions) {
    Cell cell =
        new Cell(measure, technique, adherence, hasClient, ageBand, sex, condition, chronicity);
    long[] s = cells.computeIfAbsent(cell, c -> new long[6]);
    long b = baselineTenths;
    long y = improvementTenths;
    s[0]++;
    s[1] += b;
    s[2] += y;
    s[3] += b * b;
    s[4] += b * y;
    s[5] += y * y;
    if (sessions < 0 || sessions >= 1 << 21) {
      throw new IllegalArgumentException("sessions out of range: " + sessions);
    }
    dose.computeIfAbsent(measure, m -> new DoubleCounts())
        .add((double) pack(sessions, improvementTenths), 1);
    if (hasClient && THERAPIST_MEASURE.equals(measure)) {
      Therapist t = therapists.computeIfAbsent(therapist, x -> new Therapist());
      t.n++;
      t.y += y;
      t.b += b;
      t.add(0, technique);
      t.add(1, ageBand);
      t.add(2, sex);
      t.add(3, condition);
      t.add(4, chronicity);
    }
    return this;
  }

  /** Adds another task's cells to these. */
  public CourseCells merge(CourseCells other) {
    other.cells.forEach(
        (c, s) -> {
          long[] mine = cells.computeIfAbsent(c, x -> new long[6]);
          for (int i = 0; i < mine.length; i++) {
            mine[i] += s[i];
          }
        });
    other.dose.forEach(
        (m, counts) -> dose.computeIfAbsent(m, x -> new DoubleCounts()).addAll(counts));
    other.therapists.forEach(
        (t, s) -> therapists.computeIfAbsent(t, x -> new Therapist()).merge(s));
    return this;
  }

  /** Every cell with its totals, in {@link #ORDER}. */
  public List<Map.Entry<Cell, Sums>> cells() {
    List<Map.Entry<Cell, Sums>> out = new ArrayList<>(cells.size());
    cells.forEach((c, s) -> out.add(Map.entry(c, new Sums(s[0], s[1], s[2], s[3], s[4], s[5]))));
    out.sort(Map.Entry.comparingByKey(ORDER));
    return out;
  }

  /**
   * The therapist model's pairs per primary therapist ({@code nrs_pain} with a client row; a null
   * key for pairs without one), by therapist.
   */
  public Map<String, Therapist> therapists() {
    Map<String, Therapist> out = new TreeMap<>(TEXT);
    out.putAll(therapists);
    return out;
  }

  /**
   * The dose-response's joint counts of one measure: {sessions, improvement (points), n}, in the
   * order of their keys ({@link #pack}); null when the measure has no complete pair.
   */
  public List<double[]> joint(String measure) {
    DoubleCounts counts = dose.get(measure);
    if (counts == null) {
      return null;
    }
    List<double[]> out = new ArrayList<>(counts.size());
    counts
        .toMap()
        .forEach(
            (key, n) -> {
              long k = key.longValue();
              out.add(new double[] {sessions(k), improvementTenths(k) / 10.0, n});
            });
    return out;
  }

  /** Two ints in one long key (the joint counts are listed in the order of these keys). */
  static long pack(int sessions, int improvementTenths) {
    return ((long) sessions << 32) | (improvementTenths & 0xFFFFFFFFL);
  }

  static int sessions(long key) {
    return (int) (key >> 32);
  }

  static int improvementTenths(long key) {
    return (int) key;
  }
}
