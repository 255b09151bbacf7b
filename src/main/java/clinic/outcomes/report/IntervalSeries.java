package clinic.outcomes.report;

import java.awt.Color;
import java.util.List;

/**
 * One series of a dot-and-whisker chart: an interval per category (same order as the chart's
 * categories; {@link Interval#NONE} leaves a gap).
 *
 * @param name legend name
 * @param color series colour
 * @param points one interval per category
 */
public record IntervalSeries(String name, Color color, List<Interval> points) {}
