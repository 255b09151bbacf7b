package clinic.outcomes.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small-cell suppression for published counts (SPEC "Anonymized case-study report").
 *
 * <p>Counts go in as cells; additive relations between them ({@code total = part + part + ...})
 * say what a reader could work out from the published figures. A count from 1 to
 * {@code minCell - 1} is suppressed (primary). Where a suppressed count could still be worked
 * back — a relation in which it is the only unknown, also through chains of relations — the next
 * smallest published cell of that relation is suppressed too (complementary), until no small count
 * can be derived. Cells that are never published but follow from others (the non-responders
 * {@code n - responders}) are registered as implicit: they are protected like published ones.
 * Finally, where the hidden parts of a relation with a known total add up to a small count, one
 * more part is hidden, so that a pair of small cells is not given away by its sum either.
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
  private final List<Long> values = new ArrayList<>();
  private final List<Boolean> implicit = new ArrayList<>();
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
    return count >= 1 && count < minCell;
  }

  /** Registers a published count; returns its id. */
  public int cell(long value) {
    return add(value, false);
  }

  /** Registers a count that is never published but can be derived from others; returns its id. */
  public int implicitCell(long value) {
    return add(value, true);
  }

  private int add(long value, boolean isImplicit) {
    if (value < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + value);
    }
    values.add(value);
    implicit.add(isImplicit);
    return values.size() - 1;
  }

  /** Declares {@code total = sum of parts}; a reader can use it to work out one missing member. */
  public void relation(int total, int... parts) {
    int[] r = new int[parts.length + 1];
    r[0] = total;
    System.arraycopy(parts, 0, r, 1, parts.length);
    for (int id : r) {
      if (id < 0 || id >= values.size()) {
        throw new IllegalArgumentException("unknown cell " + id);
      }
    }
    relations.add(r);
  }

  /** Declares {@code total = sum of parts} for a list of parts. */
  public void relation(int total, List<Integer> parts) {
    relation(total, parts.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Decides which cells are shown. */
  public Result solve() {
    int n = values.size();
    Status[] status = new Status[n];
    for (int i = 0; i < n; i++) {
      status[i] = implicit.get(i) ? Status.IMPLICIT
          : isSmall(values.get(i), minCell) ? Status.PRIMARY : Status.SHOWN;
    }
    // Each round hides at least one more cell, so this ends after at most n rounds.
    for (int round = 0; round <= n; round++) {
      int[] via = new int[n];
      boolean[] known = attack(status, via);
      int hide = blockDerivation(status, known, via);
      if (hide < 0) {
        hide = blockSmallSum(status, known);
      }
      if (hide < 0) {
        return new Result(status);
      }
      status[hide] = Status.COMPLEMENTARY;
    }
    throw new IllegalStateException("suppression did not settle");
  }

  /**
   * What a reader can know: the shown cells, then every cell that is the only unknown of a
   * relation, repeated until nothing more follows. {@code via[i]} is the relation that gave cell i
   * (-1 if shown or unknown).
   */
  private boolean[] attack(Status[] status, int[] via) {
    int n = values.size();
    boolean[] known = new boolean[n];
    Arrays.fill(via, -1);
    for (int i = 0; i < n; i++) {
      known[i] = status[i] == Status.SHOWN;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int r = 0; r < relations.size(); r++) {
        int unknown = -1;
        int count = 0;
        for (int id : relations.get(r)) {
          if (!known[id] && id != unknown) {
            unknown = id;
            count++;
          }
        }
        if (count == 1) {
          known[unknown] = true;
          via[unknown] = r;
          changed = true;
        }
      }
    }
    return known;
  }

  /** A cell to hide so that a derivable small count no longer is; -1 when none is derivable. */
  private int blockDerivation(Status[] status, boolean[] known, int[] via) {
    for (int i = 0; i < values.size(); i++) {
      if (status[i] != Status.SHOWN && known[i] && isSmall(values.get(i), minCell)) {
        return blockChain(i, status, via);
      }
    }
    return -1;
  }

  /** Walks back the derivation of {@code target} to a relation that still has a shown member. */
  private int blockChain(int target, Status[] status, int[] via) {
    int t = target;
    for (int guard = 0; guard <= values.size(); guard++) {
      int[] r = relations.get(via[t]);
      int shown = smallestMember(r, t, status, true);
      if (shown >= 0) {
        return shown;
      }
      int derived = smallestMember(r, t, status, false);
      if (derived < 0 || via[derived] < 0) {
        break;
      }
      t = derived;
    }
    throw new IllegalStateException("cannot protect cell " + target + " (value " + values.get(target) + ")");
  }

  /**
   * The smallest member of relation r other than {@code except} that is shown (or, with
   * {@code shown} false, hidden), preferring non-zero cells; -1 if none.
   */
  private int smallestMember(int[] r, int except, Status[] status, boolean shown) {
    int best = -1;
    for (int id : r) {
      if (id == except || (status[id] == Status.SHOWN) != shown) {
        continue;
      }
      if (best < 0 || rank(id) < rank(best)) {
        best = id;
      }
    }
    return best;
  }

  /** Ordering key: non-zero cells by value first, zero cells last, then by id. */
  private long rank(int id) {
    long v = values.get(id);
    return v == 0 ? Long.MAX_VALUE : v;
  }

  /**
   * Where a relation's total is known and its hidden parts add up to a small count, one more part
   * is hidden (else each of two small cells would be bounded by a small sum). -1 when none.
   */
  private int blockSmallSum(Status[] status, boolean[] known) {
    for (int[] r : relations) {
      if (!known[r[0]]) {
        continue;
      }
      long hiddenSum = 0;
      int hiddenParts = 0;
      for (int k = 1; k < r.length; k++) {
        if (!known[r[k]]) {
          hiddenSum += values.get(r[k]);
          hiddenParts++;
        }
      }
      if (hiddenParts >= 2 && isSmall(hiddenSum, minCell)) {
        int c = -1;
        for (int k = 1; k < r.length; k++) {
          if (status[r[k]] == Status.SHOWN && values.get(r[k]) > 0 && (c < 0 || rank(r[k]) < rank(c))) {
            c = r[k];
          }
        }
        if (c >= 0) {
          return c;
        }
      }
    }
    return -1;
  }

  /** The decision for every cell, by id. */
  public static final class Result {
    private final Status[] status;

    Result(Status[] status) {
      this.status = status.clone();
    }

    /** How cell {@code id} is published. */
    public Status status(int id) {
      return status[id];
    }

    /** True when cell {@code id} is not shown. */
    public boolean hidden(int id) {
      return status[id] != Status.SHOWN;
    }

    /** Number of cells. */
    public int size() {
      return status.length;
    }
  }
}
