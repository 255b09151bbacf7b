package clinic.outcomes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link EpisodeSlopes} against scipy 1.17.1: {@code scipy.stats.linregress(x, y).slope} for each
 * episode and {@code scipy.stats.ttest_1samp(slopes, 0)} (its {@code confidence_interval(0.95)} and
 * {@code pvalue}) for the summary, printed with {@code repr}.
 */
class EpisodeSlopesTest {

  /** Six episodes: session numbers (with gaps where a score is missing) and pain scores. */
  static final double[][] X = {
    {1, 2, 3, 4, 5, 6},
    {1, 2, 4, 5, 6},
    {1, 3, 6},
    {2, 3, 4, 5, 6},
    {1, 2, 3, 4, 5, 6},
    {1, 2, 3, 5}
  };

  static final double[][] Y = {
    {7, 6, 6, 4, 4, 3},
    {8, 8, 7, 5, 5},
    {6, 5, 2},
    {5, 5, 5, 4, 5},
    {6, 6, 7, 6, 5, 4},
    {9, 7, 7, 6}
  };

  @Test
  void slopesMatchLinregress() {
    // scipy: [linregress(x, y).slope for x, y in episodes] ->
    //   -0.7999999999999999, -0.6860465116279071, -0.8157894736842105, -0.1,
    //   -0.39999999999999997, -0.6571428571428571
    double[] expected = {
      -0.7999999999999999,
      -0.6860465116279071,
      -0.8157894736842105,
      -0.1,
      -0.39999999999999997,
      -0.6571428571428571
    };
    for (int i = 0; i < X.length; i++) {
      Tolerance.estimate(expected[i], EpisodeSlopes.slope(X[i], Y[i]), "episode " + i);
    }
  }

  @Test
  void summaryMatchesTtest1samp() {
    // NRS pain is lower-is-better: the slopes are negated so that positive means improving.
    double[] slopes = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      slopes[i] = -EpisodeSlopes.slope(X[i], Y[i]);
    }
    EpisodeSlopes.Summary s = EpisodeSlopes.summarize(Histogram.of(slopes), 0.95);
    assertEquals(6, s.n());
    // numpy: slopes.mean() -> 0.5764964737424958; slopes.std(ddof=1) -> 0.2770992279886272
    Tolerance.estimate(0.5764964737424958, s.slope(), "mean slope");
    Tolerance.estimate(0.2770992279886272, s.sd(), "sd");
    // scipy: r = ttest_1samp(slopes, 0); r.confidence_interval(0.95) ->
    //   (0.2856986681035676, 0.867294279381424); r.pvalue -> 0.0037826313378432753
    Tolerance.estimate(0.2856986681035676, s.ciLow(), "ciLow");
    Tolerance.estimate(0.867294279381424, s.ciHigh(), "ciHigh");
    Tolerance.p(0.0037826313378432753, s.p(), "p");
  }

  @Test
  void undefinedCases() {
    // Fewer than 3 points: left out (null), even though 2 points define a line.
    assertNull(EpisodeSlopes.slope(new double[] {1, 2}, new double[] {5, 4}));
    assertNull(EpisodeSlopes.slope(new double[0], new double[0]));
    // All x equal: no slope.
    assertNull(EpisodeSlopes.slope(new double[] {3, 3, 3}, new double[] {5, 4, 2}));
    // Flat scores: slope 0, defined.
    assertEquals(0.0, EpisodeSlopes.slope(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
    // Summary: n = 0 all null; n = 1 mean only; equal slopes: SD 0, CI and p null.
    EpisodeSlopes.Summary none = EpisodeSlopes.summarize(Histogram.empty(), 0.95);
    assertEquals(new EpisodeSlopes.Summary(0, null, null, null, null, null), none);
    EpisodeSlopes.Summary one = EpisodeSlopes.summarize(Histogram.of(0.5), 0.95);
    assertEquals(new EpisodeSlopes.Summary(1, 0.5, null, null, null, null), one);
    EpisodeSlopes.Summary same = EpisodeSlopes.summarize(Histogram.of(0.5, 0.5, 0.5), 0.95);
    assertEquals(new EpisodeSlopes.Summary(3, 0.5, 0.0, null, null, null), same);
    assertThrows(
        IllegalArgumentException.class,
        () -> EpisodeSlopes.slope(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> EpisodeSlopes.slope(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3}));
  }

  @Test
  void exactLineAndLargeOffset() {
    // y = 1000 - 0.25 x exactly: slope -0.25 (centred sums keep the offset harmless)
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = new double[6];
    for (int i = 0; i < 6; i++) {
      y[i] = 1000 - 0.25 * x[i];
    }
    Tolerance.estimate(-0.25, EpisodeSlopes.slope(x, y), "exact line");
  }
}
