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
  private static final long serialVersionUID = 2L;

  /**
   * Slot i holds a value's bits at {@code 2i} and its count at {@code 2i + 1}, side by side, so
   * that a probe reads one cache line: with the bits, the counts and a used flag in three arrays,
   * adding a pair was 8 % of the client pass's samples at 1M sessions. A count of 0 marks an empty
   * slot (a count added is never 0; see {@link #add}).
   */
  private long[] slots = new long[2 * 16];

  private int size;

  /** A value and its count. */
  @FunctionalInterface
  public interface ValueCount {
    void accept(double value, long count);
  }

  /**
   * Adds {@code count} to the count of {@code value}.
   *
   * @throws IllegalArgumentException when {@code count} is not positive: a histogram holds only
   *     values seen at least once
   */
  public void add(double value, long count) {
    if (count <= 0) {
      throw new IllegalArgumentException("a count must be positive: " + count);
    }
    addBits(Double.doubleToLongBits(value), count);
  }

  private void addBits(long bits, long count) {
    long[] t = slots;
    int mask = (t.length >> 1) - 1;
    int i = (int) mix(bits) & mask;
    while (t[2 * i + 1] != 0) {
      if (t[2 * i] == bits) {
        t[2 * i + 1] += count;
        return;
      }
      i = (i + 1) & mask;
    }
    t[2 * i] = bits;
    t[2 * i + 1] = count;
    if (++size * 4 > t.length) { // more than half the slots used
      grow();
    }
  }

  /** Adds every count of {@code other}. */
  public void addAll(DoubleCounts other) {
    long[] t = other.slots;
    for (int i = 1; i < t.length; i += 2) {
      if (t[i] != 0) {
        addBits(t[i - 1], t[i]);
      }
    }
  }

  /** Each value with its count, in no particular order. */
  public void forEach(ValueCount action) {
    long[] t = slots;
    for (int i = 1; i < t.length; i += 2) {
      if (t[i] != 0) {
        action.accept(Double.longBitsToDouble(t[i - 1]), t[i]);
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
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (int i = 1; i < old.length; i += 2) {
      if (old[i] != 0) {
        addBits(old[i - 1], old[i]);
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
