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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The monthly review's registry sections: how many sessions it takes to reach the MCID
 * (Kaplan-Meier), benefit against harm per technique (NNT and NNH), and, internal only, each
 * therapist's observed against expected improvement on a funnel plot. Sentences come from the
 * tables, never fixed text.
 */
final class RegistrySection {
  static final String NRS = Measure.NRS_PAIN.code();
  private static final int WIDTH = 560;

  private final Registry registry;
  private final String reference;
  private final List<String> groups;
  private final double mcidPoints;

  RegistrySection(Registry registry, String reference, List<String> groups, double mcidPoints) {
    this.registry = registry;
    this.reference = reference;
    this.groups = groups;
    this.mcidPoints = mcidPoints;
  }

  // ---- time to MCID ------------------------------------------------------------------------

  private Optional<Registry.Median> median(String groupBy, String group) {
    return registry.medians().stream()
        .filter(
            m -> m.measure().equals(NRS) && m.groupBy().equals(groupBy) && m.group().equals(group))
        .findFirst();
  }

  /** One sentence per compared group: after how many sessions half the clients feel the MCID. */
  Html.Safe timeToMcidSentence() {
    List<String> parts = new ArrayList<>();
    for (String g : groups) {
      median("technique_group", g)
          .ifPresent(m -> parts.add(halfOf(Palette.label(g) + " techniques", m)));
    }
    median("technique", reference)
        .ifPresent(m -> parts.add(halfOf(Palette.label(reference) + " massage", m)));
    if (parts.isEmpty()) {
      return Html.text(
          "No course had a pain score at a later visit, so the time to a clinically important"
              + " improvement cannot be estimated.");
    }
    return Html.text(
        "Half of the clients felt a clinically important improvement in pain (at least "
            + Html.num(mcidPoints, 1)
            + " points below their first score, carried into a later visit): "
            + String.join("; ", parts)
            + ".");
  }

  private static String halfOf(String who, Registry.Median m) {
    Interval i = m.median();
    if (!i.present()) {
      return "with "
          + who
          + " fewer than half reached it within the sessions recorded ("
          + m.events()
          + " of "
          + m.n()
          + " courses did)";
    }
    String ci =
        i.low() == null && i.high() == null
            ? ""
            : " (95% CI "
                + (i.low() == null ? "not reached" : Html.num(i.low(), 0))
                + " to "
                + (i.high() == null ? "not reached" : Html.num(i.high(), 0))
                + ")";
    return "with "
        + who
        + " after "
        + Html.num(i.estimate(), i.estimate() % 1 == 0 ? 0 : 1)
        + " sessions"
        + ci
        + ", "
        + m.n()
        + " courses";
  }

  /**
   * Kaplan-Meier curves of the share not yet at the MCID, specialized groups against the reference.
   */
  ChartImage timeToMcidChart(Path dir, String prefix) {
    List<Band> bands = new ArrayList<>();
    for (String g : groups) {
      bands.add(steps(Palette.label(g), Palette.technique(g, reference), "technique_group", g));
    }
    bands.add(
        steps(
            Palette.label(reference) + " (reference)",
            Palette.technique(reference, reference),
            "technique",
            reference));
    XYChart c =
        Charts.bands(
            WIDTH * 2,
            340,
            "Pain: share of courses not yet at the MCID, by sessions received",
            "Sessions received",
            "Not yet at the MCID",
            bands,
            x -> x % 1 == 0 ? Html.num(x, 0) : "");
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setYAxisDecimalPattern("0%");
    return ChartRenderer.write(
        dir,
        prefix + "time_to_mcid",
        "Kaplan-Meier curves: share of courses whose pain has not yet improved by the MCID after each number of"
            + " sessions, with 95% bands",
        List.of(c),
        1);
  }

  /** A step function through the curve's rows, starting at 1 with no session received. */
  private Band steps(String name, Color color, String groupBy, String group) {
    List<Double> x = new ArrayList<>(List.of(0.0));
    List<Interval> pts = new ArrayList<>(List.of(new Interval(1.0, 1.0, 1.0)));
    registry.curves().stream()
        .filter(
            r -> r.measure().equals(NRS) && r.groupBy().equals(groupBy) && r.group().equals(group))
        .sorted(Comparator.comparingLong(Registry.Curve::sessions))
        .forEach(
            r -> {
              x.add((double) r.sessions());
              pts.add(pts.get(pts.size() - 1));
              x.add((double) r.sessions());
              pts.add(
                  r.survival().hasRange()
                      ? r.survival()
                      : new Interval(r.survival().estimate(), null, null));
            });
    return new Band(name, color, x, pts);
  }

  // ---- benefit and harm --------------------------------------------------------------------

  /** One plain sentence per level: NNT and NNH against the reference, or why there is none. */
  Html.Safe benefitHarmSentences() {
    List<Html.Safe> items = new ArrayList<>();
    for (Registry.BenefitHarm b : rows()) {
      items.add(Html.element("li", null, sentence(b)));
    }
    if (items.isEmpty()) {
      return Html.text("");
    }
    return Html.join(
        new Html.Safe("<ul class=\"sentences\">"),
        Html.join(items.toArray(new Html.Safe[0])),
        new Html.Safe("</ul>"));
  }

  private List<Registry.BenefitHarm> rows() {
    return registry.benefitHarm().stream().filter(b -> b.measure().equals(NRS)).toList();
  }

  String sentence(Registry.BenefitHarm b) {
    String level =
        groups.contains(b.level())
            ? Palette.label(b.level()) + " techniques"
            : Palette.label(b.level());
    String ref = Palette.label(b.reference()) + " massage";
    return "For "
        + level
        + " instead of "
        + ref
        + ": "
        + benefitClause(b)
        + "; "
        + harmClause(b)
        + ".";
  }

  private static String benefitClause(Registry.BenefitHarm b) {
    Interval d = b.benefit();
    if (!d.present()) {
      return "the records hold too few courses to compare the share reaching a clinically important improvement";
    }
    String range =
        "difference " + pp(d.estimate()) + ", 95% CI " + pp(d.low()) + " to " + pp(d.high());
    if (b.nnt().estimate() == null) {
      return "no more clients reach a clinically important improvement (" + range + ")";
    }
    String more = d.estimate() > 0 ? "more" : "fewer";
    String nnt = Html.num(Math.abs(b.nnt().estimate()), 0);
    String sure =
        d.low() != null && d.high() != null && (d.low() > 0 || d.high() < 0)
            ? ""
            : ", though the interval includes no difference";
    return "for every "
        + nnt
        + " clients treated, one "
        + more
        + " reaches a clinically important improvement ("
        + range
        + sure
        + ")";
  }

  private static String harmClause(Registry.BenefitHarm b) {
    Interval d = b.harm();
    if (!d.present()) {
      return "too few courses record adverse events to compare harms";
    }
    String range =
        "difference " + pp(d.estimate()) + ", 95% CI " + pp(d.low()) + " to " + pp(d.high());
    if (b.nnh().estimate() == null) {
      return "adverse events are no more common (" + range + ")";
    }
    String more = d.estimate() > 0 ? "more" : "fewer";
    String sure =
        d.low() != null && d.high() != null && (d.low() > 0 || d.high() < 0)
            ? ""
            : ", though the interval includes no difference";
    return "one "
        + more
        + " course has an adverse event for every "
        + Html.num(Math.abs(b.nnh().estimate()), 0)
        + " ("
        + range
        + sure
        + ")";
  }

  /** A difference of proportions in percentage points, signed. */
  private static String pp(Double v) {
    return v == null
        ? "\u2014"
        : (v > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", 100 * v) + " points";
  }

  /** Benefit and harm differences per level, in percentage points, with their intervals. */
  ChartImage benefitHarmChart(Path dir, String prefix) {
    List<String> levels = rows().stream().map(b -> Palette.label(b.level())).toList();
    List<Interval> benefit = rows().stream().map(b -> scale(b.benefit())).toList();
    List<Interval> harm = rows().stream().map(b -> scale(b.harm())).toList();
    XYChart c =
        Charts.intervals(
            WIDTH * 2,
            320,
            "Against "
                + Palette.label(reference)
                + ": more clients reaching the MCID (benefit) and more with an adverse event (harm)",
            "Difference (percentage points)",
            levels,
            List.of(
                new IntervalSeries("benefit: reaching the MCID", new Color(0x009E73), benefit),
                new IntervalSeries("harm: any adverse event", new Color(0xD55E00), harm)),
            0.0);
    return ChartRenderer.write(
        dir,
        prefix + "benefit_harm",
        "Benefit and harm of each technique against the reference, differences in percentage points with 95%"
            + " intervals",
        List.of(c),
        1);
  }

  private static Interval scale(Interval i) {
    return new Interval(
        i.estimate() == null ? null : 100 * i.estimate(),
        i.low() == null ? null : 100 * i.low(),
        i.high() == null ? null : 100 * i.high());
  }

  // ---- therapists (internal only) ----------------------------------------------------------

  /**
   * The funnel table: observed, expected, difference and flag per therapist, by name (not ranked).
   */
  Html.Safe therapistTable() {
    HtmlTable t =
        new HtmlTable("data")
            .caption(
                "Pain improvement over a course, observed against expected for the"
                    + " case mix, per therapist (episodes whose client has a clients.csv row)")
            .head(
                "Therapist",
                "Episodes",
                "Observed",
                "Expected",
                "Observed \u2212 expected (95% CI)",
                "99.8% limits",
                "");
    for (Registry.Therapist r : registry.therapists()) {
      t.row()
          .th(r.therapist())
          .td(Long.toString(r.n()), "num")
          .td(Html.num(r.observed(), 2), "num")
          .td(Html.num(r.expected(), 2), "num")
          .td(CaseStudyTables.change(r.diff()), "num")
          .td(Html.interval(r.limit998Low(), r.limit998High(), 2), "num")
          .td(
              r.flag() == null ? "" : r.flag() + " the limits: a prompt to look",
              r.flag() == null ? null : "flag");
    }
    if (t.size() == 0) {
      t.row().td("No episode with a clients.csv row has a course pair: no model could be fitted.");
    }
    return t.html();
  }

  /** The funnel plot: each therapist's difference against episodes, inside 95% and 99.8% limits. */
  ChartImage funnelChart(Path dir, String prefix) {
    XYChart c =
        Charts.panel(
            WIDTH * 2,
            340,
            "Observed \u2212 expected pain improvement per therapist",
            "Episodes",
            "Points (observed \u2212 expected)");
    List<Registry.Therapist> rows =
        registry.therapists().stream().filter(r -> r.diff().present()).toList();
    double s =
        rows.stream()
            .filter(r -> r.limit95High() != null)
            .mapToDouble(r -> r.limit95High() * Math.sqrt(r.n()) / 1.96)
            .findFirst()
            .orElse(Double.NaN);
    long maxN = rows.stream().mapToLong(Registry.Therapist::n).max().orElse(0);
    if (!rows.isEmpty() && Double.isFinite(s) && maxN > 0) {
      for (double[] z : new double[][] {{1.96, 0.6}, {3.09, 1.0}}) {
        List<Double> xs = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        for (long n : funnelPoints(maxN * 1.1 + 1)) {
          xs.add((double) n);
          hi.add(z[0] * s / Math.sqrt(n));
          lo.add(-z[0] * s / Math.sqrt(n));
        }
        String name = z[0] == 1.96 ? "95% limits" : "99.8% limits";
        for (List<Double> ys : List.of(hi, lo)) {
          XYSeries line = c.addSeries(name + (ys == lo ? " " : ""), xs, ys);
          line.setMarker(SeriesMarkers.NONE);
          line.setLineColor(new Color(0x888888));
          line.setLineWidth((float) (z[1] * 1.5));
          line.setShowInLegend(ys == hi);
        }
      }
      XYSeries dots =
          c.addSeries(
              "therapists",
              rows.stream().map(r -> (double) r.n()).toList(),
              rows.stream().map(r -> r.diff().estimate()).toList());
      dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      dots.setMarker(SeriesMarkers.CIRCLE);
      dots.setMarkerColor(new Color(0x0072B2));
    } else {
      c.addSeries("no data", List.of(0.0), List.of(0.0)).setMarker(SeriesMarkers.NONE);
    }
    return ChartRenderer.write(
        dir,
        prefix + "therapist_funnel",
        "Funnel plot: each therapist's observed minus expected improvement against their number of episodes, with"
            + " 95% and 99.8% limits",
        List.of(c),
        1);
  }

  /** At most this many points on each control limit of the funnel chart. */
  static final int FUNNEL_POINTS = 400;

  /**
   * The episode counts n at which the funnel's control limits are drawn, up to {@code limit}: every
   * whole n while there are at most {@link #FUNNEL_POINTS} of them; beyond that as many points
   * spaced evenly in log n, first 1 and last the largest whole n, so a clinic chain's therapist
   * with 200,000 episodes does not draw lines of 200,000 points (the limits, z s / sqrt(n), are
   * smooth).
   */
  static long[] funnelPoints(double limit) {
    long count = (long) Math.floor(limit);
    if (count <= FUNNEL_POINTS) {
      return java.util.stream.LongStream.rangeClosed(1, count).toArray();
    }
    double step = Math.log(count) / (FUNNEL_POINTS - 1);
    return java.util.stream.LongStream.range(0, FUNNEL_POINTS)
        .map(i -> i == FUNNEL_POINTS - 1 ? count : Math.round(Math.exp(i * step)))
        .distinct()
        .toArray();
  }
}
