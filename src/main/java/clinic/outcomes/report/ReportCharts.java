package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * The chart set of a report, drawn from a {@link ReportData}: the monthly review passes the run's
 * tables, the case study a copy in which every suppressed figure is already removed.
 */
final class ReportCharts {
  static final int WIDE = 1000;
  static final int HALF = 540;
  private static final String NRS = Measure.NRS_PAIN.code();

  private final ReportData data;
  private final String reference;
  private final Path dir;
  private final String prefix;

  /**
   * @param data figures to draw
   * @param reference the reference technique
   * @param dir the charts folder
   * @param prefix file name prefix (empty for the run's charts)
   */
  ReportCharts(ReportData data, String reference, Path dir, String prefix) {
    this.data = data;
    this.reference = reference;
    this.dir = dir;
    this.prefix = prefix;
  }

  /** Techniques of the course analysis, the reference last. */
  List<String> techniques() {
    List<String> t =
        new ArrayList<>(
            data.stats("course", NRS, "technique").stream()
                .map(StatRow::group)
                .filter(g -> !g.equals(reference) && !g.equals("unknown"))
                .toList());
    if (data.stat("course", NRS, "technique", reference).isPresent()) {
      t.add(reference);
    }
    return t;
  }

  private List<String> techniqueLabels(List<String> techniques) {
    return techniques.stream()
        .map(t -> t.equals(reference) ? Palette.label(t) + " (ref.)" : Palette.label(t))
        .toList();
  }

  /** Pain trajectory per technique: the cohort without survivor bias beside all episodes. */
  ChartImage trajectory() {
    List<XYChart> panels = new ArrayList<>();
    panels.add(trajectoryPanel("trajectory_cohort", "Cohort: episodes with 6+ sessions"));
    panels.add(trajectoryPanel("trajectory", "All episodes (survivor bias)"));
    double lo = 0;
    double hi = 0;
    for (StatRow s : data.stats()) {
      if (s.analysis().startsWith("trajectory")
          && s.measure().equals(NRS)
          && s.change().present()) {
        lo = Math.min(lo, s.change().hasRange() ? s.change().low() : s.change().estimate());
        hi = Math.max(hi, s.change().hasRange() ? s.change().high() : s.change().estimate());
      }
    }
    double pad = (hi - lo) * 0.05 + 0.01;
    for (XYChart p : panels) {
      p.getStyler().setYAxisMin(lo - pad);
      p.getStyler().setYAxisMax(hi + pad);
    }
    return ChartRenderer.write(
        dir,
        prefix + "trajectory",
        "Pain relief carried into each visit, by technique, with 95% confidence bands",
        panels,
        1);
  }

  private XYChart trajectoryPanel(String analysis, String title) {
    List<Band> bands = new ArrayList<>();
    for (String t : techniques()) {
      List<Double> xs = new ArrayList<>();
      List<Interval> pts = new ArrayList<>();
      List<StatRow> rows =
          new ArrayList<>(data.stats(analysis, NRS, "technique\u00d7session_number"));
      rows.sort(
          Comparator.comparingDouble(
              s -> sessionNumber(s.group().substring(s.group().lastIndexOf('|') + 1))));
      for (StatRow s : rows) {
        int bar = s.group().lastIndexOf('|');
        if (bar > 0 && s.group().substring(0, bar).equals(t)) {
          xs.add(sessionNumber(s.group().substring(bar + 1)));
          pts.add(s.change());
        }
      }
      bands.add(
          new Band(
              t.equals(reference) ? Palette.label(t) + " (reference)" : Palette.label(t),
              Palette.technique(t, reference),
              xs,
              pts));
    }
    // full width: at half width the legend of five techniques was cut off ("swedish (refere")
    return Charts.bands(
        WIDE,
        380,
        title,
        "Visit number",
        "Pain improvement since visit 1 (points)",
        bands,
        ReportCharts::visitLabel);
  }

  private static String visitLabel(double x) {
    long k = Math.round(x);
    return Math.abs(x - k) > 1e-6 ? Charts.blank(x) : k == 10 ? "10+" : Long.toString(k);
  }

  private static double sessionNumber(String k) {
    return Double.parseDouble(k.replace("+", ""));
  }

  /** Course improvement by primary technique, one panel per measure, the reference marked. */
  ChartImage courseByTechnique() {
    List<XYChart> panels = new ArrayList<>();
    List<String> techniques = techniques();
    for (String m : data.measures()) {
      List<Interval> pts = new ArrayList<>();
      for (String t : techniques) {
        pts.add(data.stat("course", m, "technique", t).map(StatRow::change).orElse(Interval.NONE));
      }
      Double ref =
          data.stat("course", m, "technique", reference)
              .map(s -> s.change().estimate())
              .orElse(null);
      panels.add(
          Charts.intervals(
              HALF,
              330,
              Measure.of(m).map(Measure::title).orElse(m),
              "Mean improvement (" + Measure.of(m).map(Measure::unit).orElse("points") + ")",
              techniqueLabels(techniques),
              List.of(new IntervalSeries("mean improvement", new Color(0x0072B2), pts)),
              ref));
    }
    return ChartRenderer.write(
        dir,
        prefix + "course_by_technique",
        "Mean course improvement by technique with 95% confidence intervals; dashed line: reference technique",
        panels,
        2);
  }

  /**
   * Responder rates (MCID, 30 %, 50 %) by technique with Wilson intervals, one panel per measure.
   */
  ChartImage responderRates(boolean allRules) {
    List<XYChart> panels = new ArrayList<>();
    List<String> techniques = new ArrayList<>(techniques());
    data.stats().stream()
        .filter(s -> s.analysis().equals("course") && s.groupBy().equals("technique_group"))
        .map(StatRow::group)
        .distinct()
        .sorted()
        .forEach(techniques::add);
    techniques.add("all");
    Color[] colors = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73)};
    String[] names = {"MCID", "30% better", "50% better"};
    for (String m : data.measures()) {
      List<IntervalSeries> series = new ArrayList<>();
      for (int r = 0; r < (allRules ? 3 : 1); r++) {
        List<Interval> pts = new ArrayList<>();
        for (String t : techniques) {
          int rule = r;
          String by =
              t.equals("all")
                  ? "overall"
                  : techniques().contains(t) ? "technique" : "technique_group";
          pts.add(
              percent(
                  data.stat("course", m, by, t)
                      .map(s -> rule == 0 ? s.mcid() : rule == 1 ? s.r30() : s.r50())
                      .map(StatRow.Responders::rate)
                      .orElse(Interval.NONE)));
        }
        series.add(new IntervalSeries(names[r], colors[r], pts));
      }
      XYChart panel =
          Charts.intervals(
              techniques.size() > 4 ? WIDE : HALF,
              330,
              Measure.of(m).map(Measure::title).orElse(m),
              "Responders (%)",
              techniqueLabels(techniques),
              series,
              null);
      panel
          .getStyler()
          .setYAxisMin(0.0); // a rate's axis starts at 0, or small differences look large
      panels.add(panel);
    }
    return ChartRenderer.write(
        dir,
        prefix + "responder_rates",
        "Responder rates by technique with 95% Wilson intervals",
        panels,
        techniques.size() > 4 ? 1 : 2);
  }

  /** Course improvement by number of sessions, with the dose-response slope in the title. */
  ChartImage doseResponse() {
    List<XYChart> panels = new ArrayList<>();
    for (String m : data.measures()) {
      List<StatRow> rows = data.stats("course", m, "session_bucket");
      if (rows.isEmpty()) {
        continue;
      }
      List<String> buckets = rows.stream().map(StatRow::group).toList();
      List<Interval> pts = rows.stream().map(StatRow::change).toList();
      Optional<DoseRow> d =
          data.dose().stream()
              .filter(x -> m.equals(x.measure()) && DoseRow.BETWEEN.equals(x.model()))
              .findFirst();
      String slope =
          d.filter(x -> x.slope().present())
              .map(
                  x ->
                      String.format(
                          Locale.ROOT,
                          " (slope %s per session)",
                          Html.num(x.slope().estimate(), 2)))
              .orElse("");
      panels.add(
          Charts.intervals(
              HALF,
              330,
              Measure.of(m).map(Measure::title).orElse(m) + slope,
              "Mean improvement (" + Measure.of(m).map(Measure::unit).orElse("points") + ")",
              buckets,
              List.of(new IntervalSeries("mean improvement", new Color(0x009E73), pts)),
              null));
    }
    return ChartRenderer.write(
        dir,
        prefix + "dose_response",
        "Mean course improvement by number of sessions with 95% confidence intervals",
        panels,
        2);
  }

  /**
   * Monthly (or quarterly) trend of sessions, relief and responder rate; marks {@code highlight}.
   */
  ChartImage trend(String unit, Integer highlight) {
    return TrendChart.draw(data.months(), dir, prefix, unit, highlight);
  }

  /**
   * Forest plot of the claims: estimate and interval against each threshold, coloured by verdict.
   */
  ChartImage forest() {
    return ClaimsForest.draw(data.claims(), dir, prefix);
  }

  /** Adverse-event rates per session and per episode, by technique, with Wilson intervals. */
  ChartImage adverseEvents() {
    List<String> events =
        data.safety().stream()
            .map(SafetyRow::event)
            .filter(e -> !e.equals("contraindicated_without_clearance"))
            .distinct()
            .sorted((a, b) -> a.equals("any") ? -1 : b.equals("any") ? 1 : a.compareTo(b))
            .toList();
    List<String> present = data.safety().stream().map(SafetyRow::technique).distinct().toList();
    List<String> techniques = new ArrayList<>(List.of("all"));
    present.stream()
        .filter(t -> !t.equals("all") && !techniques().contains(t) && !t.equals(reference))
        .sorted()
        .forEach(techniques::add);
    techniques().stream().filter(present::contains).forEach(techniques::add);
    present.stream().filter(t -> !techniques.contains(t)).sorted().forEach(techniques::add);
    List<XYChart> panels = new ArrayList<>();
    for (String unit : List.of("session", "episode")) {
      List<IntervalSeries> series = new ArrayList<>();
      Color[] colors = {
        Color.BLACK,
        new Color(0x0072B2),
        new Color(0xE69F00),
        new Color(0xD55E00),
        new Color(0xCC79A7),
        new Color(0x56B4E9)
      };
      for (int e = 0; e < events.size(); e++) {
        String ev = events.get(e);
        List<Interval> pts = new ArrayList<>();
        for (String t : techniques) {
          pts.add(
              percent(
                  data.safety().stream()
                      .filter(
                          s ->
                              s.unit().equals(unit)
                                  && s.event().equals(ev)
                                  && s.technique().equals(t))
                      .map(SafetyRow::rate)
                      .findFirst()
                      .orElse(Interval.NONE)));
        }
        series.add(new IntervalSeries(Palette.label(ev), colors[e % colors.length], pts));
      }
      XYChart panel =
          Charts.intervals(
              WIDE,
              340,
              "Adverse events per " + unit,
              "% of " + unit + "s",
              techniqueLabels(techniques),
              series,
              null);
      panel.getStyler().setYAxisMin(0.0);
      panels.add(panel);
    }
    return ChartRenderer.write(
        dir,
        prefix + "adverse_events",
        "Adverse-event rates by technique with 95% Wilson intervals",
        panels,
        1);
  }

  private static Interval percent(Interval i) {
    if (i.withheld()) {
      return i; // still a marked gap, not a blank
    }
    return new Interval(times100(i.estimate()), times100(i.low()), times100(i.high()));
  }

  static Double times100(Double v) {
    return v == null ? null : 100 * v;
  }
}
