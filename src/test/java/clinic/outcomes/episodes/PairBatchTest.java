package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pairs held back and handed on by cell; the totals the same as when added one by one. */
class PairBatchTest {
  private static List<String> drained(PairBatch batch, int cells) {
    List<String> out = new ArrayList<>();
    batch.drain(
        cells,
        (c, ks, e, l, from, to) -> {
          for (int i = from; i < to; i++) {
            out.add(c + ":" + ks[i] + "/" + e[i] + "/" + l[i]);
          }
        });
    return out;
  }

  @Test
  void pairsComeOutByCellAscendingEachCellsInTheOrderTheyCame() {
    PairBatch batch = new PairBatch();
    batch.add(3, 1, 10, 11);
    batch.add(0, 2, 20, 21);
    batch.add(3, 3, 30, 31);
    batch.add(1, 4, 40, 41);
    batch.add(0, 5, 50, 51);
    assertEquals(
        List.of("0:2/20/21", "0:5/50/51", "1:4/40/41", "3:1/10/11", "3:3/30/31"),
        drained(batch, 4));
    assertEquals(List.of(), drained(batch, 4)); // emptied
    batch.add(2, 6, 60, 61);
    assertEquals(List.of("2:6/60/61"), drained(batch, 4));
  }

  @Test
  void addSaysWhenTheBatchIsFull() {
    PairBatch batch = new PairBatch();
    for (int i = 1; i < PairBatch.CAPACITY; i++) {
      assertFalse(batch.add(i % 7, 1, i, i));
    }
    assertTrue(batch.add(0, 1, 0, 0));
    assertEquals(PairBatch.CAPACITY, drained(batch, 7).size());
  }

  /**
   * More pairs than a batch holds, through two cells of one group and a cell of another: counts,
   * sums by session count and histogram worked out by hand. Pain (nrs_pain) is better lower, its
   * best is 0, its MCID here 2 points (20 tenths).
   */
  @Test
  void totalsOverSeveralBatchesAreThePairsTotals() {
    PairTotals totals = new PairTotals(Map.of("nrs_pain", 20));
    PairSink.Cell a1 = totals.cell("course", "nrs_pain", "overall", "all");
    PairSink.Cell a2 = totals.cell("course", "nrs_pain", "overall", "all"); // the same group
    PairSink.Cell b = totals.cell("course", "nrs_pain", "technique", "deep_tissue");
    int n = PairBatch.CAPACITY + 1000;
    for (int i = 0; i < n; i++) {
      // group all: means 6.0 -> 4.0 over 2 sessions (2 points better: an MCID responder, 33 % of
      // the way to 0), and incomplete pairs; group deep_tissue: 5.0 -> 5.0 over 1 session
      totals.pair(i % 2 == 0 ? a1 : a2, 2, 120, 80);
      if (i % 4 == 0) {
        totals.pair(a1, 0, 0, 0);
      }
      totals.pair(b, 1, 50, 50);
    }
    PairTotals.Group all =
        totals.groups().get(new GroupKey("course", "nrs_pain", "overall", "all"));
    assertEquals(n, all.n);
    assertEquals((n + 3) / 4, all.nIncomplete);
    assertEquals(2L * n, all.nSessions);
    assertEquals(n, all.mcidCount);
    assertEquals(n, all.r30n);
    assertEquals(n, all.r30count);
    assertEquals(0, all.r50count);
    assertEquals(List.of((long) n, 120L * n, 80L * n), List.of(boxed(all.byK().get(2))));
    assertEquals(new TreeMap<>(Map.of(2.0, (long) n)), all.histogram.toMap());
    PairTotals.Group dt =
        totals.groups().get(new GroupKey("course", "nrs_pain", "technique", "deep_tissue"));
    assertEquals(n, dt.n);
    assertEquals(0, dt.mcidCount);
    assertEquals(n, dt.r30n);
    assertEquals(0, dt.r30count);
    assertEquals(new TreeMap<>(Map.of(0.0, (long) n)), dt.histogram.toMap());
  }

  private static Long[] boxed(long[] a) {
    Long[] b = new Long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
