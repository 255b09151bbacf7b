package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
