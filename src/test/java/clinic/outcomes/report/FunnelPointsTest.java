package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The funnel chart's control limits: every whole n for a clinic, bounded for a chain. */
class FunnelPointsTest {
  @Test
  void aClinicsFunnelKeepsEveryWholeEpisodeCount() {
    // maxN 50: the limits run to 50 * 1.1 + 1 = 56, drawn at n = 1, 2, ..., 56 as before.
    long[] p = RegistrySection.funnelPoints(50 * 1.1 + 1);
    assertEquals(56, p.length);
    assertEquals(1, p[0]);
    assertEquals(56, p[55]);
    assertArrayEquals(new long[] {1, 2, 3}, RegistrySection.funnelPoints(3.5));
  }

  @Test
  void aChainsFunnelIsBoundedAndStillSpansOneToTheLargestCount() {
    // A therapist with 180,000 episodes (10M sessions): 198,001 whole n, drawn at <= 400 points.
    long[] p = RegistrySection.funnelPoints(180_000 * 1.1 + 1);
    assertTrue(p.length <= RegistrySection.FUNNEL_POINTS, "points: " + p.length);
    assertTrue(p.length > 300, "points: " + p.length);
    assertEquals(1, p[0]);
    assertEquals(198_001, p[p.length - 1]);
    for (int i = 1; i < p.length; i++) {
      assertTrue(p[i] > p[i - 1], "increasing at " + i);
    }
  }
}
