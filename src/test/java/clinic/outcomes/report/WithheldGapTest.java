package clinic.outcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A figure the case study withholds is drawn as a marked gap with its legend entry, not left blank.
 */
class WithheldGapTest {
  @Test
  void aWithheldPointIsAMarkedGapAndAMissingOneStaysBlank() {
    IntervalSeries s =
        new IntervalSeries(
            "mean",
            Color.BLACK,
            List.of(new Interval(1.2, 0.9, 1.5), Interval.WITHHELD, Interval.NONE));
    XYChart c = Charts.intervals(400, 200, "t", "points", List.of("a", "b", "c"), List.of(s), null);
    XYSeries gaps = c.getSeriesMap().get(Charts.WITHHELD_LABEL);
    assertTrue(gaps != null, c.getSeriesMap().keySet().toString());
    double[] x = gaps.getXData();
    assertEquals(1, x.length); // only "b": "c" has no figure at all, so nothing is marked
    assertEquals(2.0, x[0], 1e-12); // the second category
    assertTrue(gaps.isShowInLegend());
  }

  @Test
  void withoutWithheldFiguresNoGapSeries() {
    IntervalSeries s =
        new IntervalSeries(
            "mean", Color.BLACK, List.of(new Interval(1.2, 0.9, 1.5), Interval.NONE));
    XYChart c = Charts.intervals(400, 200, "t", "points", List.of("a", "b"), List.of(s), null);
    assertFalse(c.getSeriesMap().containsKey(Charts.WITHHELD_LABEL));
    assertFalse(Interval.NONE.withheld());
  }
}
