package clinic.outcomes.report;

import clinic.outcomes.disclosure.Disclosure;
import clinic.outcomes.disclosure.Protection;
import clinic.outcomes.disclosure.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell suppression for published counts (SPEC "Anonymized case-study report"), decided by the
 * disclosure audit of {@link clinic.outcomes.disclosure}.
 *
 * <p>Counts go in as cells; additive relations between them ({@code total = part + part + ...}) say
 * what a reader could work out from the published figures, across rows, tables and the hierarchy of
 * techniques. The same count shown in two places is registered once under one name ({@link
 * #cell(String, long)}). A count from 1 to {@code minCell - 1} is suppressed (primary); further
 * cells are suppressed (complementary) until a linear program finds every suppressed count able to
 * range from 0 to at least {@code minCell} given everything shown ({@link Protection}). Cells that
 * are never published but follow from others (the non-responders {@code n - responders}) are
 * registered as implicit and protected when small.
 *
 * <p>Pure: no I/O, no Spark; deterministic for the same cells and relations.
 */
public final class Suppression {
  /** How a cell is published. */
  public enum Status {
    /** Shown as is. */
    SHOWN,
    /** A count from 1 to {@code minCell - 1}: shown as {@code <minCell}. */
    PRIMARY,
    /** Withheld so that a primary cell cannot be worked back. */
    COMPLEMENTARY,
    /** Never shown (derived figure such as non-responders). */
    IMPLICIT
  }

  private final int minCell;
  private final Disclosure model = new Disclosure();
  private final List<Boolean> implicit = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> byName = new HashMap<>();
  private final List<int[]> relations = new ArrayList<>();

  /**
   * @param minCell the smallest count that may be shown (counts 1 to minCell - 1 are suppressed)
   */
  public Suppression(int minCell) {
    if (minCell < 1) {
      throw new IllegalArgumentException("min cell size must be at least 1: " + minCell);
    }
    this.minCell = minCell;
  }

  /** True when {@code count} is a small count that must not be shown (1 .. minCell - 1). */
  public static boolean isSmall(long count, int minCell) {
    return Protection.isSmall(count, minCell);
  }

  /** Registers a published count; returns its id. */
  public int cell(long value) {
    return add(null, value, false);
  }

  /**
   * Registers a published count under a name; a count of the same name and value registered before
   * (the same figure shown elsewhere on the page) is the same cell.
   */
  public int cell(String name, long value) {
    Integer id = byName.get(name);
    if (id != null && model.value(id) == value && !implicit.get(id)) {
      return id;
    }
    // a different figure under the same name is a different count: it gets a name of its own
    return add(id == null ? name : name + "~" + model.size(), value, false);
  }

  /** Registers a count that is never published but can be derived from others; returns its id. */
  public int implicitCell(long value) {
    return add(null, value, true);
  }

  private int add(String name, long value, boolean isImplicit) {
    int id = model.count(value);
    implicit.add(isImplicit);
    names.add(name);
    if (name != null) {
      byName.put(name, id);
    }
    return id;
  }

  /** Number of cells registered. */
  public int size() {
    return model.size();
  }

  /** The name a cell was registered under, or null. */
  public String name(int id) {
    return names.get(id);
  }

  /** Declares {@code total = sum of parts}; a reader can use it to work out a missing member. */
  public void relation(int total, int... parts) {
    model.sum(total, parts);
    int[] r = new int[parts.length + 1];
    r[0] = total;
    System.arraycopy(parts, 0, r, 1, parts.length);
    relations.add(r);
  }

  /** Declares {@code total = sum of parts} for a list of parts. */
  public void relation(int total, List<Integer> parts) {
    relation(total, parts.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Declares that {@code numerator / denominator} is published as a rate within {@code [low,
   * high]}.
   */
  public void ratio(int numerator, int denominator, double low, double high) {
    model.ratio(numerator, denominator, low, high);
  }

  /** Declares {@code part <= whole} (a reader knows a subset is no larger than its whole). */
  public void atMost(int part, int whole) {
    model.atMost(part, whole);
  }

  /** The id of the cell registered under {@code name}, or null. */
  public Integer id(String name) {
    return byName.get(name);
  }

  /** The value of cell {@code id}. */
  public long value(int id) {
    return model.value(id);
  }

  /**
   * The sums of named cells that cell {@code id} is declared to equal, each as {@code
   * name+name+...}, separated by {@code ;}; null when none (relations with an unnamed, implicit
   * cell are left out: they are the {@code of} relations).
   */
  public String sums(int id) {
    List<String> out = new ArrayList<>();
    for (int[] r : relations) {
      if (r[0] != id) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (int k = 1; k < r.length; k++) {
        parts.add(names.get(r[k]));
      }
      if (!parts.contains(null)) {
        out.add(String.join("+", parts));
      }
    }
    return out.isEmpty() ? null : String.join(";", out);
  }

  /** How a status is written in {@code case_study_cells}: primary, complementary or null. */
  public static String label(Status s) {
    return s == Status.PRIMARY ? "primary" : s == Status.COMPLEMENTARY ? "complementary" : null;
  }

  /** Decides which cells are shown and audits the result. */
  public Result solve() {
    boolean[] imp = new boolean[implicit.size()];
    for (int i = 0; i < imp.length; i++) {
      imp[i] = implicit.get(i);
    }
    return new Result(Protection.protect(model, imp, minCell));
  }

  /** The decision for every cell, by id, with the audit's range for each. */
  public static final class Result {
    private final Protection.Result result;

    Result(Protection.Result result) {
      this.result = result;
    }

    /** How cell {@code id} is published. */
    public Status status(int id) {
      return Status.valueOf(result.status()[id].name());
    }

    /** True when cell {@code id} is not shown. */
    public boolean hidden(int id) {
      return result.status()[id] != Protection.Status.SHOWN;
    }

    /** The range a reader can tell for cell {@code id} (exact when shown). */
    public Range range(int id) {
      return result.ranges()[id];
    }

    /** True when every suppressed count is protected. */
    public boolean passes() {
      return result.passes();
    }

    /** The cells that fail the audit (empty when it passes). */
    public List<Integer> unprotected() {
      return result.unprotected();
    }

    /** Audit rounds run. */
    public int rounds() {
      return result.rounds();
    }

    /** Number of cells. */
    public int size() {
      return result.status().length;
    }
  }
}
