package clinic.outcomes.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart panels of the reports, built from plain data ({@link Interval}, {@link IntervalSeries},
 * {@link Band}) so that the same code draws the full figures of the monthly review and the
 * suppressed figures of the case study. {@link ChartRenderer} turns panels into PNG and SVG.
 */
public final class Charts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xE3E3E3);

  private Charts() {}

  /** An empty panel with the house style. */
  static XYChart panel(int width, int height, String title, String xTitle, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle == null ? "" : xTitle)
            .yAxisTitle(yTitle == null ? "" : yTitle)
            .build();
    var s = c.getStyler();
    s.setChartTitleFont(TITLE);
    s.setAxisTitleFont(TEXT);
    s.setAxisTickLabelsFont(TEXT);
    s.setLegendFont(TEXT);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x999999));
    s.setPlotGridLinesColor(GRID);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setMarkerSize(9);
    s.setChartTitleBoxVisible(false);
    s.setAntiAlias(true);
    s.setXAxisTitleVisible(xTitle != null);
    s.setYAxisTitleVisible(yTitle != null);
    s.setAnnotationLineColor(new Color(0x444444));
    s.setAnnotationLineStroke(
        new BasicStroke(
            1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    return c;
  }

  /**
   * Dot-and-whisker chart: categories along x, one marker and vertical interval per series and
   * category (series side by side). {@code reference}, if not null, draws a dashed horizontal line.
   */
  public static XYChart intervals(
      int width,
      int height,
      String title,
      String yTitle,
      List<String> categories,
      List<IntervalSeries> series,
      Double reference) {
    XYChart c = panel(width, height, title, null, yTitle);
    int k = categories.size();
    c.getStyler().setXAxisMin(0.4);
    c.getStyler().setXAxisMax(k + 0.6);
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    c.getStyler().setxAxisTickLabelsFormattingFunction(categoryLabels(categories));
    c.getStyler().setLegendVisible(series.size() > 1);
    c.getStyler().setYAxisDecimalPattern("#,##0.##");
    double step = series.size() > 1 ? Math.min(0.6 / (series.size() - 1), 0.22) : 0;
    boolean anything = false;
    List<Double> withheld = new ArrayList<>();
    for (int j = 0; j < series.size(); j++) {
      IntervalSeries s = series.get(j);
      double dx = (j - (series.size() - 1) / 2.0) * step;
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < k && i < s.points().size(); i++) {
        Interval p = s.points().get(i);
        if (p.withheld()) {
          withheld.add(i + 1 + dx);
        }
        if (!p.present()) {
          continue;
        }
        double x = i + 1 + dx;
        xs.add(x);
        ys.add(p.estimate());
        if (p.hasRange()) {
          whisker(c, s.name() + "#" + i, x, p.low(), p.high(), s.color());
        }
      }
      if (!xs.isEmpty()) {
        anything = true;
        XYSeries dots = c.addSeries(s.name(), xs, ys);
        dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(s.color());
      }
    }
    if (!withheld.isEmpty()) {
      // A withheld figure is a marked gap on the axis, with its own legend entry, not a blank.
      XYSeries gaps =
          c.addSeries(WITHHELD_LABEL, withheld, withheld.stream().map(x -> 0.0).toList());
      gaps.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      gaps.setMarker(SeriesMarkers.CROSS);
      gaps.setMarkerColor(new Color(0x777777));
      c.getStyler().setLegendVisible(true);
      anything = true;
    }
    if (!anything) {
      empty(c);
    }
    if (reference != null) {
      c.addAnnotation(new AnnotationLine(reference, false, false));
    }
    return c;
  }

  /** The legend entry of withheld figures on the case study's charts. */
  static final String WITHHELD_LABEL = "withheld (a count under the publishing limit)";

  /** Line chart with shaded interval bands; {@code xLabels} formats the x ticks. */
  public static XYChart bands(
      int width,
      int height,
      String title,
      String xTitle,
      String yTitle,
      List<Band> bands,
      Function<Double, String> xLabels) {
    XYChart c = panel(width, height, title, xTitle, yTitle);
    c.getStyler().setxAxisTickLabelsFormattingFunction(xLabels);
    boolean anything = false;
    for (Band b : bands) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> polyX = new ArrayList<>();
      List<Double> lows = new ArrayList<>();
      List<Double> highs = new ArrayList<>();
      for (int i = 0; i < b.x().size(); i++) {
        Interval p = b.points().get(i);
        if (!p.present()) {
          continue;
        }
        xs.add(b.x().get(i));
        ys.add(p.estimate());
        if (p.hasRange()) {
          polyX.add(b.x().get(i));
          lows.add(p.low());
          highs.add(p.high());
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      anything = true;
      if (polyX.size() > 1) {
        List<Double> px = new ArrayList<>(polyX);
        List<Double> py = new ArrayList<>(highs);
        for (int i = polyX.size() - 1; i >= 0; i--) {
          px.add(polyX.get(i));
          py.add(lows.get(i));
        }
        XYSeries band = c.addSeries(b.name() + " 95% CI", px, py);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(translucent(b.color(), 50));
        band.setLineColor(translucent(b.color(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries line = c.addSeries(b.name(), xs, ys);
      line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      line.setLineColor(b.color());
      line.setMarkerColor(b.color());
      line.setMarker(SeriesMarkers.CIRCLE);
      line.setLineWidth(2f);
    }
    if (!anything) {
      empty(c);
    }
    return c;
  }

  /** Simple lines over month indexes 0..n-1 (null values are skipped); marks {@code highlight}. */
  public static XYChart trend(
      int width,
      int height,
      String title,
      String yTitle,
      List<String> months,
      List<String> names,
      List<Color> colors,
      List<List<Double>> values,
      Integer highlight) {
    XYChart c = panel(width, height, title, null, yTitle);
    c.getStyler().setxAxisTickLabelsFormattingFunction(categoryLabels0(months));
    c.getStyler().setXAxisMin(-0.5);
    c.getStyler().setXAxisMax(months.size() - 0.5);
    c.getStyler().setLegendVisible(names.size() > 1);
    c.getStyler().setYAxisDecimalPattern("#,##0.##");
    boolean anything = false;
    for (int j = 0; j < names.size(); j++) {
      List<List<double[]>> runs = new ArrayList<>();
      List<double[]> run = null;
      for (int i = 0; i < months.size(); i++) {
        Double v = values.get(j).get(i);
        if (v == null || !Double.isFinite(v)) {
          run = null;
          continue;
        }
        if (run == null) {
          run = new ArrayList<>();
          runs.add(run);
        }
        run.add(new double[] {i, v});
      }
      // A gap (a missing or withheld figure) breaks the line instead of bridging it.
      for (int r = 0; r < runs.size(); r++) {
        anything = true;
        List<double[]> points = runs.get(r);
        XYSeries s =
            c.addSeries(
                r == 0 ? names.get(j) : names.get(j) + "#" + r,
                points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setLineColor(colors.get(j));
        s.setMarkerColor(colors.get(j));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setShowInLegend(r == 0);
      }
    }
    if (!anything) {
      empty(c);
    }
    if (highlight != null) {
      c.addAnnotation(new AnnotationLine(highlight, true, false));
    }
    return c;
  }

  /**
   * One row of a forest plot: the interval and estimate on a line, a dashed vertical line at the
   * threshold. Each row has its own scale, because claims are in different units.
   */
  public static XYChart forestRow(
      int width,
      int height,
      String title,
      Interval value,
      double threshold,
      Color color,
      String unit) {
    XYChart c = panel(width, height, title, unit, null);
    var s = c.getStyler();
    s.setLegendVisible(false);
    s.setYAxisTicksVisible(false);
    s.setYAxisMin(-1.0);
    s.setYAxisMax(1.0);
    s.setPlotGridHorizontalLinesVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    s.setChartPadding(4);
    double lo = threshold;
    double hi = threshold;
    if (value.present()) {
      lo = Math.min(lo, value.estimate());
      hi = Math.max(hi, value.estimate());
    }
    if (value.hasRange()) {
      lo = Math.min(lo, value.low());
      hi = Math.max(hi, value.high());
      whisker(c, "interval", value.low(), 0, value.high(), 0, color, 4f);
    }
    double pad = hi > lo ? (hi - lo) * 0.15 : threshold != 0 ? Math.abs(threshold) * 0.5 : 0.5;
    s.setXAxisMin(lo - pad);
    s.setXAxisMax(hi + pad);
    if (value.present()) {
      XYSeries dot = c.addSeries("estimate", new double[] {value.estimate()}, new double[] {0});
      dot.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      dot.setMarker(SeriesMarkers.DIAMOND);
      dot.setMarkerColor(color.darker());
    } else {
      XYSeries none = c.addSeries("none", new double[] {threshold}, new double[] {0});
      none.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      none.setMarker(SeriesMarkers.NONE);
    }
    c.addAnnotation(new AnnotationLine(threshold, true, false));
    return c;
  }

  private static void whisker(
      XYChart c, String name, double x, double low, double high, Color color) {
    whisker(c, name, x, low, x, high, color, 2.5f);
  }

  private static void whisker(
      XYChart c,
      String name,
      double x0,
      double y0,
      double x1,
      double y1,
      Color color,
      float width) {
    XYSeries w = c.addSeries(name, new double[] {x0, x1}, new double[] {y0, y1});
    w.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    w.setMarker(SeriesMarkers.NONE);
    w.setLineColor(color);
    w.setLineStyle(new BasicStroke(width));
    w.setShowInLegend(false);
  }

  /** A panel with no data: an invisible point so that XChart can draw its axes. */
  private static void empty(XYChart c) {
    XYSeries none = c.addSeries("(no figures to show)", new double[] {0}, new double[] {0});
    none.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    none.setMarker(SeriesMarkers.NONE);
    c.getStyler().setLegendVisible(true);
  }

  private static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Tick labels for categories at x = 1..k; other ticks are blank. */
  static Function<Double, String> categoryLabels(List<String> categories) {
    return x -> {
      long i = Math.round(x);
      return Math.abs(x - i) < 1e-6 && i >= 1 && i <= categories.size()
          ? categories.get((int) i - 1)
          : blank(x);
    };
  }

  /**
   * An invisible tick label, different for every tick: XChart drops all labels of an axis when two
   * ticks get the same label.
   */
  static String blank(double x) {
    return "\u200b".repeat((int) Math.floorMod(Math.round(x * 4), 4096L) + 1);
  }

  /** Tick labels for categories at x = 0..k-1; other ticks are blank. */
  static Function<Double, String> categoryLabels0(List<String> categories) {
    return x -> {
      long i = Math.round(x);
      return Math.abs(x - i) < 1e-6 && i >= 0 && i < categories.size()
          ? categories.get((int) i)
          : blank(x);
    };
  }
}
