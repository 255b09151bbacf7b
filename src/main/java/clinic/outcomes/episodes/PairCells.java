package clinic.outcomes.episodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Dense numbers for the slices and measures that one partition's pairs fall in, and one episode's
 * pairs of one analysis per (measure, slice) ({@link Accumulator}), handed to a {@link PairSink}
 * through cells each resolved once per partition.
 *
 * <p>Why: an episode adds a pair under every (analysis, measure, slice) it falls in, several
 * hundred of them. Looked up by name, each pair built a {@link GroupKey}, hashed it and compared it
 * with the key found, and the measure by its code: in a flight recording at 1M sessions those
 * lookups were over a third of the pairs' samples. Here a slice is numbered once where an episode
 * builds it, an accumulator's entries are numbers in reused arrays, and each (analysis, measure,
 * slice) asks the sink for its cell once ({@link PairSink#cell}); every later pair goes straight to
 * it.
 */
final class PairCells {
  /** A (group_by, group) slice of one row. */
  record Slice(String groupBy, String group) {
    @Override
    public boolean equals(Object o) {
      return this == o
          || o instanceof Slice s
              && Objects.equals(groupBy, s.groupBy)
              && Objects.equals(group, s.group);
    }

    @Override
    public int hashCode() {
      return 31 * Objects.hashCode(groupBy) + Objects.hashCode(group);
    }
  }

  /** Slice numbers fit in the low 24 bits of an accumulator's key, the measure in the high 8. */
  static final int MAX_SLICES = 1 << 24;

  static final int MAX_MEASURES = 1 << 7;

  private final HashMap<Slice, Integer> sliceIds = new HashMap<>();
  private final List<Slice> slices = new ArrayList<>();
  private final List<String> measures = new ArrayList<>();

  /** The number of the slice (groupBy, group), numbering it if new. */
  int slice(String groupBy, String group) {
    return slice(new Slice(groupBy, group));
  }

  /** The numbers of some slices, each numbered if new. */
  int[] slices(List<Slice> slices) {
    int[] ids = new int[slices.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = slice(slices.get(i));
    }
    return ids;
  }

  private int slice(Slice s) {
    Integer id = sliceIds.get(s);
    if (id == null) {
      if (slices.size() == MAX_SLICES) {
        throw new IllegalStateException("more than " + MAX_SLICES + " groups in one partition");
      }
      id = slices.size();
      sliceIds.put(s, id);
      slices.add(s);
    }
    return id;
  }

  Slice sliceOf(int id) {
    return slices.get(id);
  }

  /**
   * The number of a measure's code: the pass hands the same few instances, so mostly by identity.
   */
  int measure(String code) {
    for (int i = 0; i < measures.size(); i++) {
      String m = measures.get(i);
      if (m == code || m.equals(code)) {
        return i;
      }
    }
    if (measures.size() == MAX_MEASURES) {
      throw new IllegalStateException("more than " + MAX_MEASURES + " measures");
    }
    measures.add(code);
    return measures.size() - 1;
  }

  String measureOf(int id) {
    return measures.get(id);
  }

  /**
   * Per (measure, slice): usable count and sums over the rows of one episode, or an open mark, for
   * one analysis. Reused from episode to episode: {@link #emit} hands the entries to the sink and
   * empties it.
   */
  final class Accumulator {
    private final String analysis;

    /** Entry i: its key ({@code measure << 24 | slice}) and {count, earlier, later, open}. */
    private int[] keys = new int[16];

    private long[] values = new long[4 * 16];
    private int size;

    /** Open addressing from a key to its entry + 1 (0 = empty); cleared entry by entry. */
    private int[] index = new int[64];

    /** The sink the cells belong to, and its cell per measure and slice. */
    private PairSink cellsOf;

    private PairSink.Cell[][] cells = new PairSink.Cell[0][];

    Accumulator(String analysis) {
      this.analysis = analysis;
    }

    /** Adds one row (usable or not) to every slice of {@code slices}. */
    void add(String measure, int[] slices, boolean usable, Integer earlier, Integer later) {
      int m = measure(measure) << 24;
      for (int s : slices) {
        int e = entry(m | s); // first: it may grow the arrays
        if (usable) {
          values[4 * e]++;
          values[4 * e + 1] += earlier;
          values[4 * e + 2] += later;
        }
      }
    }

    /** The episode is open: counted in {@code n_open} of each slice. */
    void open(String measure, int[] slices) {
      int m = measure(measure) << 24;
      for (int s : slices) {
        int e = entry(m | s); // first: it may grow the arrays
        values[4 * e + 3] = 1;
      }
    }

    /** Hands every entry to {@code sink} (open ones as open, the rest as pairs) and empties. */
    void emit(PairSink sink) {
      if (cellsOf != sink) {
        cellsOf = sink;
        cells = new PairSink.Cell[0][];
      }
      for (int i = 0; i < size; i++) {
        int key = keys[i];
        PairSink.Cell c = cell(sink, key >>> 24, key & (MAX_SLICES - 1));
        if (values[4 * i + 3] == 1) {
          sink.open(c);
        } else {
          sink.pair(c, (int) values[4 * i], values[4 * i + 1], values[4 * i + 2]);
        }
      }
      clear();
    }

    private PairSink.Cell cell(PairSink sink, int measure, int slice) {
      if (measure >= cells.length) {
        cells = Arrays.copyOf(cells, measure + 1);
      }
      PairSink.Cell[] row = cells[measure];
      if (row == null || slice >= row.length) {
        row =
            row == null
                ? new PairSink.Cell[Math.max(16, slices.size())]
                : Arrays.copyOf(row, Math.max(2 * row.length, slices.size()));
        cells[measure] = row;
      }
      PairSink.Cell c = row[slice];
      if (c == null) {
        Slice s = sliceOf(slice);
        c = sink.cell(analysis, measureOf(measure), s.groupBy(), s.group());
        row[slice] = c;
      }
      return c;
    }

    /** The entry of {@code key}, made (zeros) if new. */
    private int entry(int key) {
      int mask = index.length - 1;
      int h = mix(key) & mask;
      while (index[h] != 0) {
        int e = index[h] - 1;
        if (keys[e] == key) {
          return e;
        }
        h = (h + 1) & mask;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, 2 * size);
        values = Arrays.copyOf(values, 8 * size);
      }
      keys[size] = key;
      Arrays.fill(values, 4 * size, 4 * size + 4, 0L);
      index[h] = ++size;
      if (2 * size > index.length) {
        rehash(2 * index.length);
      }
      return size - 1;
    }

    private void rehash(int length) {
      index = new int[length];
      int mask = length - 1;
      for (int e = 0; e < size; e++) {
        int h = mix(keys[e]) & mask;
        while (index[h] != 0) {
          h = (h + 1) & mask;
        }
        index[h] = e + 1;
      }
    }

    /** Empties the table: slot by slot when it is sparse, else whole. */
    private void clear() {
      if (8 * size < index.length) {
        int mask = index.length - 1;
        for (int e = 0; e < size; e++) {
          int h = mix(keys[e]) & mask;
          while (index[h] != e + 1) { // found even past slots already emptied: every entry goes
            h = (h + 1) & mask;
          }
          index[h] = 0;
        }
      } else {
        Arrays.fill(index, 0);
      }
      size = 0;
    }
  }

  /** Spreads a key's bits (measure high, slice low) over the low bits the table uses. */
  private static int mix(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
