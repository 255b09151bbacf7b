package clinic.outcomes.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Primary and complementary suppression driven by the {@link Audit}. Every count from 1 to {@code
 * minCell - 1} is withheld (primary). Then, while the audit finds a count that must be protected
 * whose range does not reach from 0 to {@code minCell}, the smallest non-zero shown count that
 * shares a relation with it is withheld as well (complementary; ties go to the count registered
 * first), and the page is audited again. Where no shown count shares a relation with it, the search
 * widens through the withheld counts it is linked to. Last, each complementary count is shown
 * again, largest first, where the audit still passes without it.
 *
 * <p>The counts that must be protected are the primary ones and the derived counts that are never
 * shown (such as non-responders, {@code n - responders}) when they are small. Complementary counts
 * are never small (they are shown counts of 0 or at least {@code minCell} that were withheld), so a
 * reader cannot pin them inside 1 .. minCell - 1 either; the audit reports their range too.
 */
public final class Protection {
  /** How a count is published. */
  public enum Status {
    /** Shown as it is. */
    SHOWN,
    /** A count from 1 to {@code minCell - 1}, withheld. */
    PRIMARY,
    /** Withheld so that a primary count cannot be worked back. */
    COMPLEMENTARY,
    /** Never shown: a figure a reader could derive, such as non-responders. */
    IMPLICIT
  }

  /**
   * The decision and the audit of the final page.
   *
   * @param status how each count is published, by id
   * @param ranges each count's range as the reader sees it (exact for shown counts)
   * @param unprotected counts that must be protected but are not (empty when the page passes)
   * @param rounds audits run while choosing complementary counts (one more count each after the
   *     first)
   */
  public record Result(Status[] status, Range[] ranges, List<Integer> unprotected, int rounds) {
    /** True when every count that must be protected is. */
    public boolean passes() {
      return unprotected.isEmpty();
    }
  }

  private Protection() {}

  /** True when {@code count} is a small count that must not be shown (1 .. minCell - 1). */
  public static boolean isSmall(long count, int minCell) {
    return count >= 1 && count < minCell;
  }

  /**
   * Decides which counts are withheld.
   *
   * @param d the page's counts and relations
   * @param implicit counts that are never shown, by id (null: none)
   * @param minCell the smallest count that may be shown
   */
  public static Result protect(Disclosure d, boolean[] implicit, int minCell) {
    if (minCell < 1) {
      throw new IllegalArgumentException("min cell size must be at least 1: " + minCell);
    }
    int n = d.size();
    Status[] status = new Status[n];
    for (int i = 0; i < n; i++) {
      status[i] =
          implicit != null && implicit[i]
              ? Status.IMPLICIT
              : isSmall(d.value(i), minCell) ? Status.PRIMARY : Status.SHOWN;
    }
    // while deciding, only the counts that must be protected are solved for; all of them at the end
    boolean[] wanted = new boolean[n];
    for (int i = 0; i < n; i++) {
      wanted[i] = mustProtect(d, status, i, minCell);
    }
    Range[] ranges = Audit.ranges(d, hidden(status), wanted);
    int rounds = 1;
    while (true) {
      List<Integer> failing = failing(d, status, ranges, minCell);
      if (failing.isEmpty()) {
        break;
      }
      int more =
          failing.stream()
              .mapToInt(f -> partner(d, status, f))
              .filter(c -> c >= 0)
              .findFirst()
              .orElse(-1);
      boolean inconsistent = failing.stream().anyMatch(f -> !ranges[f].consistent());
      if (more < 0 || inconsistent) {
        return new Result(status, ranges, failing, rounds);
      }
      status[more] = Status.COMPLEMENTARY;
      merge(ranges, Audit.rangesNear(d, hidden(status), more, wanted));
      rounds++;
    }
    withdraw(d, status, ranges, wanted, minCell);
    Range[] last = Audit.ranges(d, hidden(status));
    return new Result(status, last, failing(d, status, last, minCell), rounds);
  }

  /**
   * Shows again every complementary count the page turns out not to need, largest first (ties: the
   * one registered last first): the counts chosen early may be made redundant by later ones.
   */
  private static void withdraw(
      Disclosure d, Status[] status, Range[] ranges, boolean[] wanted, int minCell) {
    List<Integer> comp = new ArrayList<>();
    for (int i = 0; i < status.length; i++) {
      if (status[i] == Status.COMPLEMENTARY) {
        comp.add(i);
      }
    }
    comp.sort(
        (a, b) ->
            d.value(a) != d.value(b)
                ? Long.compare(d.value(b), d.value(a))
                : Integer.compare(b, a));
    for (int c : comp) {
      status[c] = Status.SHOWN;
      Range[] near = Audit.rangesNear(d, hidden(status), c, wanted);
      Range[] trial = ranges.clone();
      trial[c] = Range.exact(d.value(c));
      merge(trial, near);
      if (failing(d, status, trial, minCell).isEmpty()) {
        System.arraycopy(trial, 0, ranges, 0, ranges.length);
      } else {
        status[c] = Status.COMPLEMENTARY;
      }
    }
  }

  private static void merge(Range[] into, Range[] from) {
    for (int i = 0; i < into.length; i++) {
      if (from[i] != null) {
        into[i] = from[i];
      }
    }
  }

  /** Audits a decision as it stands: the counts that must be protected and are not. */
  public static List<Integer> failing(Disclosure d, Status[] status, Range[] ranges, int minCell) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      if (mustProtect(d, status, i, minCell) && !ranges[i].protects(minCell)) {
        out.add(i);
      }
    }
    return out;
  }

  /** True when count {@code i} must reach from 0 to minCell: primary, or derived and small. */
  public static boolean mustProtect(Disclosure d, Status[] status, int i, int minCell) {
    return status[i] == Status.PRIMARY
        || status[i] == Status.IMPLICIT && isSmall(d.value(i), minCell);
  }

  static boolean[] hidden(Status[] status) {
    boolean[] h = new boolean[status.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = status[i] != Status.SHOWN;
    }
    return h;
  }

  /**
   * The smallest non-zero shown count in a relation with {@code target}; failing that, in a
   * relation with a withheld count linked to it, widening step by step. -1 when none is left.
   */
  static int partner(Disclosure d, Status[] status, int target) {
    BitSet reached = new BitSet();
    reached.set(target);
    while (true) {
      int best = -1;
      BitSet next = (BitSet) reached.clone();
      for (Disclosure.Constraint c : d.constraints()) {
        boolean touches = false;
        for (int id : c.cells()) {
          touches |= reached.get(id);
        }
        if (!touches) {
          continue;
        }
        for (int id : c.cells()) {
          if (status[id] == Status.SHOWN) {
            boolean smaller =
                best < 0
                    || d.value(id) < d.value(best)
                    || d.value(id) == d.value(best) && id < best;
            if (d.value(id) > 0 && smaller) {
              best = id;
            }
          } else {
            next.set(id);
          }
        }
      }
      if (best >= 0 || next.equals(reached)) {
        return best;
      }
      reached = next;
    }
  }
}
