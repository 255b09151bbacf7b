package clinic.outcomes.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * The trend chart of a report: sessions, relief, responder and adverse-event rates per month (the
 * monthly review) or per quarter (the case study), each panel only with the series that have a
 * value.
 */
final class TrendChart {
  private TrendChart() {}

  /**
   * Monthly (or quarterly) trend of sessions, relief and responder rate; marks {@code highlight}.
   */
  static ChartImage draw(
      List<MonthRow> months, Path dir, String prefix, String unit, Integer highlight) {
    List<String> labels = months.stream().map(MonthRow::month).toList();
    List<XYChart> panels = new ArrayList<>();
    addTrend(
        panels,
        "Sessions per " + unit,
        "Count",
        labels,
        highlight,
        List.of("sessions", "clients"),
        List.of(new Color(0x0072B2), new Color(0x999999)),
        List.of(
            values(months, r -> toDouble(r.sessions())),
            values(months, r -> toDouble(r.clients()))));
    addTrend(
        panels,
        "Pain relief (NRS points)",
        "NRS points",
        labels,
        highlight,
        List.of("mean relief within a session", "mean course improvement"),
        List.of(new Color(0xE69F00), new Color(0x009E73)),
        List.of(values(months, MonthRow::relief), values(months, MonthRow::courseImprovement)));
    addTrend(
        panels,
        "Responders and adverse events",
        "%",
        labels,
        highlight,
        List.of("MCID responder rate", "adverse events per session"),
        List.of(new Color(0x009E73), new Color(0xD55E00)),
        List.of(
            values(months, r -> ReportCharts.times100(r.responderRate())),
            values(months, r -> ReportCharts.times100(r.adverseEventRate()))));
    if (panels.isEmpty()) {
      panels.add(
          Charts.trend(
              ReportCharts.WIDE,
              200,
              "No monthly figures",
              null,
              labels,
              List.of(),
              List.of(),
              List.of(),
              null));
    }
    return ChartRenderer.write(
        dir,
        prefix + unit + "ly_trend",
        "Trend per " + unit + ": sessions, relief, responder rate and adverse events",
        panels,
        1);
  }

  /** Adds a trend panel with the series that have any value; nothing if none has. */
  private static void addTrend(
      List<XYChart> panels,
      String title,
      String yTitle,
      List<String> labels,
      Integer highlight,
      List<String> names,
      List<Color> colors,
      List<List<Double>> values) {
    List<String> n = new ArrayList<>();
    List<Color> c = new ArrayList<>();
    List<List<Double>> v = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (values.get(i).stream().anyMatch(x -> x != null)) {
        n.add(names.get(i));
        c.add(colors.get(i));
        v.add(values.get(i));
      }
    }
    if (!n.isEmpty()) {
      String t =
          n.size() == 1 ? Character.toUpperCase(n.get(0).charAt(0)) + n.get(0).substring(1) : title;
      XYChart chart = Charts.trend(ReportCharts.WIDE, 260, t, yTitle, labels, n, c, v, highlight);
      if (!yTitle.startsWith("NRS")) {
        chart.getStyler().setYAxisMin(0.0);
      }
      panels.add(chart);
    }
  }

  private static Double toDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }

  private static List<Double> values(List<MonthRow> months, Function<MonthRow, Double> f) {
    List<Double> out = new ArrayList<>();
    for (MonthRow m : months) {
      out.add(f.apply(m));
    }
    return out;
  }
}
