package clinic.outcomes.report;

import java.awt.Color;
import java.util.List;

/**
 * One line of a line chart with a shaded interval band: points at x with estimate and interval
 * (points with no estimate are left out).
 *
 * @param name legend name
 * @param color line and band colour
 * @param x x positions
 * @param points one interval per x position
 */
public record Band(String name, Color color, List<Double> x, List<Interval> points) {}
