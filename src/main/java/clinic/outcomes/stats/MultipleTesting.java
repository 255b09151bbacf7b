package clinic.outcomes.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Multiple-testing adjustments of p-values, as R's {@code p.adjust}. Null entries (undefined
 * p-values) stay null and are not counted in the family size m.
 */
public final class MultipleTesting {

  private MultipleTesting() {}

  /**
   * Benjamini-Hochberg false discovery rate q-values (R {@code p.adjust(p, "BH")}): {@code q_(i) =
   * min_{j >= i} min(1, m / j * p_(j))} over the non-null p sorted ascending.
   *
   * @param p p-values in [0, 1], null for undefined; the array is not modified
   * @return q-values aligned with {@code p}, null where {@code p} is null; monotone in p and capped
   *     at 1; an empty array for an empty input
   * @throws IllegalArgumentException when {@code p} is null or an entry is NaN or outside [0, 1]
   */
  public static Double[] benjaminiHochberg(Double[] p) {
    Integer[] order = sortedIndices(p);
    int m = order.length;
    Double[] out = new Double[p.length];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int idx = order[rank - 1];
      running = Math.min(running, (double) m / rank * p[idx]);
      out[idx] = running;
    }
    return out;
  }

  /**
   * Holm step-down adjusted p-values (R {@code p.adjust(p, "holm")}): {@code a_(i) = max_{j <= i}
   * min(1, (m - j + 1) p_(j))} over the non-null p sorted ascending.
   *
   * @param p p-values in [0, 1], null for undefined; the array is not modified
   * @return adjusted p-values aligned with {@code p}, null where {@code p} is null; capped at 1; an
   *     empty array for an empty input
   * @throws IllegalArgumentException when {@code p} is null or an entry is NaN or outside [0, 1]
   */
  public static Double[] holm(Double[] p) {
    Integer[] order = sortedIndices(p);
    int m = order.length;
    Double[] out = new Double[p.length];
    double running = 0.0;
    for (int rank = 1; rank <= m; rank++) {
      int idx = order[rank - 1];
      running = Math.max(running, Math.min(1.0, (double) (m - rank + 1) * p[idx]));
      out[idx] = running;
    }
    return out;
  }

  /** Indices of the non-null entries sorted by p ascending (stable). */
  private static Integer[] sortedIndices(Double[] p) {
    if (p == null) {
      throw new IllegalArgumentException("p must not be null");
    }
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] != null) {
        if (!(p[i] >= 0 && p[i] <= 1)) {
          throw new IllegalArgumentException("p[" + i + "] is not in [0, 1]: " + p[i]);
        }
        m++;
      }
    }
    Integer[] order = new Integer[m];
    int k = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] != null) {
        order[k++] = i;
      }
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    return order;
  }
}
