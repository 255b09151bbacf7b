package clinic.outcomes.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** The claims chart of a report: one forest row per claim, on the scale the tables print. */
final class ClaimsForest {
  private ClaimsForest() {}

  /**
   * Forest plot of the claims: estimate and interval against each threshold, coloured by verdict.
   */
  static ChartImage draw(List<ClaimRow> claims, Path dir, String prefix) {
    List<XYChart> panels = new ArrayList<>();
    for (ClaimRow c : claims) {
      // rates (0-1 in the tables) are drawn as percentages, as the tables print them
      boolean rate = ClaimAxis.isRate(c.statistic());
      double k = rate ? 100 : 1;
      Interval v = c.value();
      Interval shown = new Interval(times(v.estimate(), k), times(v.low(), k), times(v.high(), k));
      double threshold = c.threshold() == null ? 0 : c.threshold() * k;
      String title =
          c.id()
              + ": "
              + Palette.label(c.verdict())
              + "  ("
              + (c.operator() == null ? "" : c.operator())
              + " "
              + (c.threshold() == null ? "" : Html.num(threshold, 2) + (rate ? " %" : ""))
              + ")";
      XYChart row =
          Charts.forestRow(
              ReportCharts.WIDE,
              105,
              title,
              shown,
              threshold,
              Palette.verdict(c.verdict()),
              ClaimAxis.label(c.statistic()));
      row.getStyler().setXAxisDecimalPattern(rate ? "#,##0.#'%'" : "#,##0.##");
      Double min = row.getStyler().getXAxisMin();
      if (rate
          && min != null
          && min < 0
          && threshold >= 0
          && (!shown.hasRange() || shown.low() >= 0)) {
        row.getStyler().setXAxisMin(0.0); // no rate below 0 % on the axis when no figure is
      }
      panels.add(row);
    }
    if (panels.isEmpty()) {
      panels.add(
          Charts.intervals(
              ReportCharts.WIDE,
              160,
              "No claims were judged in this run",
              null,
              List.of(),
              List.of(),
              null));
    }
    return ChartRenderer.write(
        dir,
        prefix + "claims_forest",
        "Claims: estimate (diamond) and interval against the claimed threshold (dashed), coloured by verdict",
        panels,
        1);
  }

  private static Double times(Double v, double k) {
    return v == null ? null : k * v;
  }
}
