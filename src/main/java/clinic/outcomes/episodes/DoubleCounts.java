package clinic.outcomes.episodes;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * Counts by exact double value (equal when their bits are equal, as {@link Double#equals}): the
 * histogram of per-pair mean differences that the client pass adds to once per pair.
 *
 * <p>Why not a {@code HashMap<Double, Long>}: the differences are small multiples of a tenth
 * divided by a session count, whose bit patterns differ mostly in their high bits, and {@link
 * Double#hashCode} folds them into few buckets. At a million sessions that map's collisions took a
 * quarter of the client pass's CPU (a flight recording: {@code Double.equals} and {@code
 * HashMap$TreeNode.getTreeNode} under {@code PairTotals.pair}). This table mixes all 64 bits
 * (MurmurHash3's finalizer) and probes linearly; it holds no boxed values.
 */
public final class DoubleCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] keys = new long[16];
  private long[] counts = new long[16];
  private boolean[] used = new boolean[16];
  private int size;

  /** A value and its count. */
  @FunctionalInterface
  public interface ValueCount {
    void accept(double value, long count);
  }

  /** Adds {@code count} to the count of {@code value}. */
  public void add(double value, long count) {
    addBits(Double.doubleToLongBits(value), count);
  }

  private void addBits(long bits, long count) {
    int mask = keys.length - 1;
    int i = (int) mix(bits) & mask;
    while (used[i]) {
      if (keys[i] == bits) {
        counts[i] += count;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = bits;
    counts[i] = count;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** Adds every count of {@code other}. */
  public void addAll(DoubleCounts other) {
    other.forEach(this::add);
  }

  /** Each value with its count, in no particular order. */
  public void forEach(ValueCount action) {
    for (int i = 0; i < keys.length; i++) {
      if (used[i]) {
        action.accept(Double.longBitsToDouble(keys[i]), counts[i]);
      }
    }
  }

  /** The number of distinct values. */
  public int size() {
    return size;
  }

  /** The counts by value, in ascending order of value. */
  public TreeMap<Double, Long> toMap() {
    TreeMap<Double, Long> m = new TreeMap<>();
    forEach(m::put);
    return m;
  }

  /** As {@link #toMap()} prints: {@code {1.0=2, 2.5=1}}. */
  @Override
  public String toString() {
    return toMap().toString();
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        addBits(oldKeys[i], oldCounts[i]);
      }
    }
  }

  /** MurmurHash3's 64-bit finalizer: every input bit reaches every output bit. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93e53ca2d2bL;
    h ^= h >>> 33;
    return h;
  }
}
