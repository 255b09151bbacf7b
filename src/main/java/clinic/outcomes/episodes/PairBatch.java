package clinic.outcomes.episodes;

/**
 * Pairs held back, then handed on grouped by their cell: {@link PairTotals} adds a pair to its
 * group's counters and histogram, and the pass adds each episode's pairs to a dozen cells of
 * thousands, so added one by one nearly every pair went to counters and a histogram no longer in
 * the processor's cache. Grouped by cell, each cell's counters and histogram are fetched once per
 * batch. The totals are sums and counts, so the order they are added in does not change them.
 */
final class PairBatch {
  /**
   * Pairs per batch: 65,536, so that each of a partition's few thousand cells has many pairs in a
   * batch. In flight recordings at 1M sessions the pass's adding of pairs fell from 284 samples to
   * 189 with this size, to 180 with 262,144, which raised a 100k run's peak memory from 627 MiB to
   * 753-793 (the serial collector moving its larger arrays), and to 241 with 65,536 read through an
   * index rather than sorted.
   */
  static final int CAPACITY = 1 << 16;

  /** What a batch hands the pairs of one cell to, cell by cell in ascending order. */
  @FunctionalInterface
  interface Sink {
    /**
     * The pairs {@code from} (inclusive) to {@code to} (exclusive) of the arrays, all of {@code
     * cell}.
     */
    void pairs(int cell, int[] ks, long[] earlierSums, long[] laterSums, int from, int to);
  }

  // Made at the first pair (44 bytes a pair, 2.75 MiB in all): totals that only merge others', as
  // the driver's do, never hold one.
  private int[] cells;
  private int[] ks;
  private long[] earlier;
  private long[] later;
  private int size;

  /** The same pairs grouped by cell (a counting sort's output): read in order, not at random. */
  private int[] sortedKs;

  private long[] sortedEarlier;
  private long[] sortedLater;

  /** Holds one pair back; true when the batch is full and must be {@linkplain #drain drained}. */
  boolean add(int cell, int k, long earlierSum, long laterSum) {
    if (cells == null) {
      cells = new int[CAPACITY];
      ks = new int[CAPACITY];
      earlier = new long[CAPACITY];
      later = new long[CAPACITY];
      sortedKs = new int[CAPACITY];
      sortedEarlier = new long[CAPACITY];
      sortedLater = new long[CAPACITY];
    }
    cells[size] = cell;
    ks[size] = k;
    earlier[size] = earlierSum;
    later[size] = laterSum;
    return ++size == CAPACITY;
  }

  /**
   * Hands every pair held to {@code sink}, those of one cell together and cells in ascending order,
   * each cell's in the order they came, and empties the batch.
   *
   * @param cellCount one more than the largest cell number held
   */
  void drain(int cellCount, Sink sink) {
    if (size == 0) {
      return;
    }
    int[] start = new int[cellCount + 1];
    for (int i = 0; i < size; i++) {
      start[cells[i] + 1]++;
    }
    for (int c = 0; c < cellCount; c++) {
      start[c + 1] += start[c];
    }
    int[] next = start.clone();
    for (int i = 0; i < size; i++) {
      int at = next[cells[i]]++;
      sortedKs[at] = ks[i];
      sortedEarlier[at] = earlier[i];
      sortedLater[at] = later[i];
    }
    for (int c = 0; c < cellCount; c++) {
      if (start[c] < start[c + 1]) {
        sink.pairs(c, sortedKs, sortedEarlier, sortedLater, start[c], start[c + 1]);
      }
    }
    size = 0;
  }
}
