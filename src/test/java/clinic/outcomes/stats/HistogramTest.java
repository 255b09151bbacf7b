package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void normalizesSortsAndMergesIncludingNegativeZero() {
    Histogram h = new Histogram(new double[] {3, -0.0, 1, 3, 0.0}, new long[] {2, 1, 5, 4, 3});
    assertArrayEquals(new double[] {0, 1, 3}, h.values());
    assertArrayEquals(new long[] {4, 5, 6}, h.counts());
    assertEquals(15, h.n());
    assertEquals(
        Histogram.of(1, 3, 0, 3), new Histogram(new double[] {0, 3, 1}, new long[] {1, 2, 1}));
  }

  @Test
  void rejectsMalformedInput() {
    assertThrows(
        IllegalArgumentException.class, () -> new Histogram(new double[] {1, 2}, new long[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> new Histogram(new double[] {1}, new long[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Histogram(new double[] {Double.NaN}, new long[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Histogram(new double[] {1, 2}, new long[] {Long.MAX_VALUE, 1}));
  }

  @Test
  void emptyAndSingleObservation() {
    assertNull(Histogram.empty().mean());
    assertNull(Histogram.empty().median());
    assertNull(Histogram.empty().variance());
    assertEquals(0, Histogram.of().n());
    assertEquals(2.5, Histogram.of(2.5).mean());
    assertNull(Histogram.of(2.5).variance());
  }

  @Test
  void medianOddAndEven() {
    // R: median(c(1, 2, 2, 7)) -> 2 ; median(c(1, 3)) -> 2 ; median(c(5, 1, 9)) -> 5
    assertEquals(2.0, Histogram.of(1, 2, 2, 7).median());
    assertEquals(2.0, Histogram.of(1, 3).median());
    assertEquals(5.0, Histogram.of(5, 1, 9).median());
    // Two middle values in different distinct values: c(0, 0, 4, 4) -> 2
    assertEquals(2.0, new Histogram(new double[] {0, 4}, new long[] {2, 2}).median());
  }

  @Test
  void twoPassVarianceSurvivesLargeOffset() {
    // R 4.2.2: var(c(1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3)) -> 0.0099999928474474586
    // (the doubles nearest 1e9 + 0.1 etc. are not exact tenths; the sum-of-squares formula
    // would be off by hundreds here)
    Histogram h = Histogram.of(1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3);
    Tolerance.estimate(0.0099999928474474586, h.variance(), "variance");
    // R 4.2.2: mean(c(1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3)) -> 1000000000.2
    Tolerance.estimate(1000000000.2, h.mean(), "mean");
  }

  @Test
  void zeroVarianceIsExactlyZero() {
    assertEquals(0.0, new Histogram(new double[] {0.7}, new long[] {1000}).variance());
  }
}
