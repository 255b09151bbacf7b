package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference: R 4.2.2 {@code prop.test(x, n, correct = FALSE)$conf.int} (the Wilson score interval),
 * {@code options(digits = 17)}.
 */
class WilsonTest {

  private static void check(long x, long n, double conf, double lo, double hi) {
    Wilson.Interval i = Wilson.interval(x, n, conf);
    Tolerance.estimate(lo, i.low(), "low " + x + "/" + n);
    Tolerance.estimate(hi, i.high(), "high " + x + "/" + n);
  }

  @Test
  void matchesR() {
    // R: prop.test(0, 10, correct=FALSE)$conf.int -> 0 0.27753279986288915
    check(0, 10, 0.95, 0, 0.27753279986288915);
    assertEquals(0.0, Wilson.interval(0, 10, 0.95).low());
    // R: prop.test(10, 10, correct=FALSE)$conf.int -> 0.72246720013711085 1
    check(10, 10, 0.95, 0.72246720013711085, 1);
    assertEquals(1.0, Wilson.interval(10, 10, 0.95).high());
    // R: prop.test(3, 10, correct=FALSE)$conf.int -> 0.10779126740630104 0.60322185253885452
    check(3, 10, 0.95, 0.10779126740630104, 0.60322185253885452);
    // R: prop.test(1, 1, correct=FALSE)$conf.int -> 0.2065493143772375 1
    check(1, 1, 0.95, 0.2065493143772375, 1);
    // R: prop.test(57, 123, correct=FALSE)$conf.int -> 0.37773514491043192 0.55131013662702977
    check(57, 123, 0.95, 0.37773514491043192, 0.55131013662702977);
    // R: prop.test(1, 2, correct=FALSE)$conf.int -> 0.094531205734230739 0.905468794265769206
    check(1, 2, 0.95, 0.094531205734230739, 0.905468794265769206);
    // R: prop.test(57, 123, correct=FALSE, conf.level=0.99)$conf.int
    //    -> 0.35245826049526141 0.57811598890843574
    check(57, 123, 0.99, 0.35245826049526141, 0.57811598890843574);
  }

  @Test
  void rareEventsRelativeAccuracy() {
    // R: prop.test(5, 123456, correct=FALSE)$conf.int
    //    -> 1.7299410057991612e-05 9.4813635424177253e-05 (checked relative, not absolute)
    Wilson.Interval i = Wilson.interval(5, 123456, 0.95);
    assertEquals(1.7299410057991612e-05, i.low(), 1e-9 * 1.7299410057991612e-05);
    assertEquals(9.4813635424177253e-05, i.high(), 1e-9 * 9.4813635424177253e-05);
  }

  @Test
  void edgeCases() {
    assertNull(Wilson.interval(0, 0, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(3, 2, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(-1, 2, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(1, 2, 0));
  }
}
