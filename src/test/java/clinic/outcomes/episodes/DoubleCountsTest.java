package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DoubleCountsTest {

  @Test
  void countsEqualValuesTogetherAndPrintsInAscendingOrder() {
    DoubleCounts c = new DoubleCounts();
    c.add(2.5, 1);
    c.add(-1.0, 2);
    c.add(2.5, 3);
    assertEquals(2, c.size());
    assertEquals("{-1.0=2, 2.5=4}", c.toString());
  }

  @Test
  void keepsZeroAndNegativeZeroApartAsDoubleEqualsDoes() {
    // Double.valueOf(0.0).equals(-0.0) is false; the pass adds "+ 0.0" to turn -0.0 into 0.0
    DoubleCounts c = new DoubleCounts();
    c.add(0.0, 1);
    c.add(-0.0, 1);
    assertEquals(2, c.size());
  }

  /**
   * The values the pass counts: a whole number of tenths over a session count, the pattern that
   * collides in a HashMap of Doubles. Thousands of them, added in two halves merged, give exactly
   * the counts a HashMap gives one by one.
   */
  @Test
  void agreesWithAHashMapOverManyPassLikeValuesAndMerges() {
    Random r = new Random(7);
    Map<Double, Long> expected = new HashMap<>();
    DoubleCounts a = new DoubleCounts();
    DoubleCounts b = new DoubleCounts();
    for (int i = 0; i < 200_000; i++) {
      int k = 1 + r.nextInt(20);
      long imp = r.nextInt(201 * k) - 100L * k;
      double v = imp / (k * 10.0) + 0.0;
      expected.merge(v, 1L, Long::sum);
      (i % 2 == 0 ? a : b).add(v, 1);
    }
    a.addAll(b);
    assertEquals(new TreeMap<>(expected), a.toMap());
    assertEquals(expected.size(), a.size());
    long[] total = {0};
    a.forEach((v, n) -> total[0] += n);
    assertEquals(200_000L, total[0]);
  }

  /** A count of 0 marks an empty slot, so a histogram takes only positive counts. */
  @Test
  void refusesACountThatIsNotPositive() {
    DoubleCounts c = new DoubleCounts();
    assertThrows(IllegalArgumentException.class, () -> c.add(1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> c.add(1.5, -2));
    assertEquals(0, c.size());
    assertEquals("{}", c.toString());
  }

  /** Growing rehashes every value with its count: 10,000 distinct values, each counted i times. */
  @Test
  void keepsEveryCountThroughGrowth() {
    DoubleCounts c = new DoubleCounts();
    for (int i = 1; i <= 10_000; i++) {
      c.add(i / 7.0, i);
    }
    assertEquals(10_000, c.size());
    long[] seen = {0, 0};
    c.forEach(
        (v, n) -> {
          assertEquals(Math.round(v * 7.0), n);
          seen[0]++;
          seen[1] += n;
        });
    assertEquals(10_000L, seen[0]);
    assertEquals(10_000L * 10_001 / 2, seen[1]);
  }
}
