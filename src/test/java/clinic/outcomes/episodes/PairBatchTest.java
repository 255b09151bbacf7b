package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  /**
   * Pairs of different values in one cell, over more than a batch: pain before and after (tenths),
   * 7.0 -> 4.0 (3 points better), 5.0 -> 6.0 (1 worse), and 5.0, 5.0 -> 5.0, 5.0 over two sessions.
   */
  @Test
  void differentPairsOfOneCellKeepTheirOwnValues() {
    PairTotals totals = new PairTotals(Map.of());
    PairSink.Cell c = totals.cell("relief", "nrs_pain", "overall", "all");
    int rounds = PairBatch.CAPACITY / 3 + 5;
    for (int i = 0; i < rounds; i++) {
      totals.pair(c, 1, 70, 40);
      totals.pair(c, 1, 50, 60);
      totals.pair(c, 2, 100, 100);
    }
    PairTotals.Group g = totals.groups().get(new GroupKey("relief", "nrs_pain", "overall", "all"));
    assertEquals(3L * rounds, g.n);
    assertEquals(4L * rounds, g.nSessions);
    assertEquals(
        List.of(2L * rounds, 120L * rounds, 100L * rounds), List.of(boxed(g.byK().get(1))));
    assertEquals(
        List.of((long) rounds, 100L * rounds, 100L * rounds), List.of(boxed(g.byK().get(2))));
    assertEquals(
        new TreeMap<>(Map.of(3.0, (long) rounds, -1.0, (long) rounds, 0.0, (long) rounds)),
        g.histogram.toMap());
  }

  /** Totals merged while both still hold pairs back: every pair of both is counted once. */
  @Test
  void mergingAddsThePairsBothStillHold() {
    PairTotals a = new PairTotals(Map.of());
    PairTotals b = new PairTotals(Map.of());
    PairSink.Cell ca = overall(a);
    PairSink.Cell cb = overall(b);
    for (int i = 0; i < 10; i++) {
      a.pair(ca, 1, 60, 30); // 3 points better
    }
    for (int i = 0; i < 4; i++) {
      b.pair(cb, 1, 60, 60); // no change
    }
    b.pair(cb, 0, 0, 0);
    a.merge(b);
    PairTotals.Group g = a.groups().get(new GroupKey("course", "nrs_pain", "overall", "all"));
    assertEquals(14, g.n);
    assertEquals(1, g.nIncomplete);
    assertEquals(new TreeMap<>(Map.of(3.0, 10L, 0.0, 4L)), g.histogram.toMap());
    assertEquals(4, b.groups().get(new GroupKey("course", "nrs_pain", "overall", "all")).n);
  }

  /** A pair that could not be added is refused when given, not when its batch is added up. */
  @Test
  void aBadPairIsRefusedAtOnceAndTheRestStillAddUp() {
    PairTotals totals = new PairTotals(Map.of());
    PairSink.Cell c = overall(totals);
    PairSink.Cell foreign = overall(new PairTotals(Map.of()));
    totals.pair(c, 1, 50, 40);
    assertThrows(IllegalArgumentException.class, () -> totals.pair(c, -1, 50, 40));
    assertThrows(IllegalArgumentException.class, () -> totals.pair(foreign, 1, 50, 40));
    totals.pair(c, 1, 50, 40);
    PairTotals.Group g = totals.groups().get(new GroupKey("course", "nrs_pain", "overall", "all"));
    assertEquals(2, g.n);
    assertEquals(new TreeMap<>(Map.of(1.0, 2L)), g.histogram.toMap());
  }

  /** The cell (course, nrs_pain, overall, all) of {@code t}. */
  private static PairSink.Cell overall(PairTotals t) {
    return t.cell("course", "nrs_pain", "overall", "all");
  }

  private static Long[] boxed(long[] a) {
    Long[] b = new Long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
