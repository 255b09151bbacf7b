package clinic.outcomes.report;

import clinic.outcomes.core.Measure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The monthly review's first answer to "does my massage work, and which technique works best?": the
 * techniques ranked by mean course improvement in pain ({@code stats}: analysis course, measure
 * nrs_pain, by technique) with their intervals, each one's difference from the reference technique
 * ({@code comparisons}, factor technique, Welch interval), a sentence read from them, and links
 * down to the details.
 */
final class Headline {
  private static final String NRS = Measure.NRS_PAIN.code();

  private final ReportData data;
  private final String reference;
  private final boolean published;

  Headline(ReportData data, String reference) {
    this(data, reference, false);
  }

  /**
   * @param published for the case study: {@code data} is the censored data the page publishes
   *     (withheld groups have no figures and are left out), and no count is shown, so the block
   *     adds nothing for the disclosure audit to protect
   */
  Headline(ReportData data, String reference, boolean published) {
    this.data = data;
    this.reference = reference;
    this.published = published;
  }

  /** Techniques with a course improvement, best estimate first ("unknown" left out). */
  List<StatRow> ranked() {
    List<StatRow> rows =
        new ArrayList<>(
            data.stats("course", NRS, "technique").stream()
                .filter(s -> !s.group().equals("unknown") && s.change().present())
                .toList());
    rows.sort(Comparator.comparingDouble((StatRow s) -> s.change().estimate()).reversed());
    return rows;
  }

  /** The difference of {@code technique} from the reference, when the comparisons table has it. */
  Optional<Interval> difference(String technique) {
    return data.comparisons().stream()
        .filter(
            c ->
                "technique".equals(c.factor())
                    && NRS.equals(c.measure())
                    && technique.equals(c.level())
                    && reference.equals(c.reference())
                    && c.welch().present())
        .map(ComparisonRow::welch)
        .findFirst();
  }

  /** The block: a sentence, the ranking table and the links down. */
  Html.Safe html() {
    List<StatRow> ranked = ranked();
    if (ranked.isEmpty()) {
      return Html.element(
          "p",
          null,
          "No technique has a course improvement in pain in this run (no closed episodes "
              + "with a pain score at the start and the end).");
    }
    String caption =
        "Techniques ranked by mean improvement in pain over a course (NRS points, 0-10 scale; higher is "
            + "better)";
    HtmlTable t =
        published
            ? new HtmlTable("data headline")
                .caption(caption)
                .head("Rank", "Technique", "Mean improvement (95% CI)")
            : new HtmlTable("data headline")
                .caption(caption)
                .head(
                    "Rank",
                    "Technique",
                    "Episodes",
                    "Mean improvement (95% CI)",
                    "Difference from " + Palette.label(reference) + " (95% CI)");
    int rank = 0;
    for (StatRow s : ranked) {
      // The case study never marks "small n": it would say a count lies below min_group_n.
      HtmlTable.Row r =
          t.row()
              .td(Integer.toString(++rank), "num")
              .th(Palette.label(s.group()) + (!published && s.smallN() ? " (small n)" : ""));
      if (published) {
        r.td(CaseStudyTables.change(s.change()), "num");
        continue;
      }
      String diff =
          s.group().equals(reference)
              ? "reference"
              : difference(s.group()).map(CaseStudyTables::change).orElse("\u2014");
      r.td(Html.count(s.n()), "num").td(CaseStudyTables.change(s.change()), "num").td(diff, "num");
    }
    String links =
        published
            ? "Details: <a href=\"#results\">every technique and measure</a> \u00b7 <a href=\"#safety\">safety</a>"
                + " \u00b7 <a href=\"#claims\">the claims explained</a> \u00b7 <a href=\"#limits\">what these data can"
                + " show</a>"
            : "Details: <a href=\"#techniques\">every technique and measure</a> \u00b7 "
                + "<a href=\"#sessions\">how many sessions</a> \u00b7 <a href=\"#safety\">safety</a> \u00b7 "
                + "<a href=\"#claims\">the claims explained</a> \u00b7 <a href=\"#month\">this month</a>";
    return Html.join(
        Html.element("p", "answer", sentence(ranked)),
        t.html(),
        new Html.Safe("<p class=\"links\">" + links + "</p>"));
  }

  /** What the ranking says, with the care its intervals ask for. */
  String sentence(List<StatRow> ranked) {
    StatRow best = ranked.get(0);
    Interval b = best.change();
    StringBuilder s = new StringBuilder();
    boolean works = b.hasRange() && b.low() > 0;
    String name = Palette.label(best.group());
    s.append(Character.toUpperCase(name.charAt(0)))
        .append(name.substring(1))
        .append(" improved pain the most: by ")
        .append(Html.num(b.estimate(), 2))
        .append(" points on average");
    if (b.hasRange()) {
      s.append(" (95% CI ").append(Html.interval(b.low(), b.high(), 2)).append(")");
    }
    s.append(works ? ", clearly more than no change." : ".");
    if (!best.group().equals(reference)) {
      Optional<Interval> d = difference(best.group());
      if (d.isPresent() && d.get().hasRange()) {
        Interval x = d.get();
        s.append(" Against ")
            .append(Palette.label(reference))
            .append(" it gained ")
            .append(Html.num(x.estimate(), 2))
            .append(" points (95% CI ")
            .append(Html.interval(x.low(), x.high(), 2))
            .append(")")
            .append(
                x.low() > 0
                    ? ", a difference larger than chance would explain."
                    : ", a difference that could be chance (the interval includes 0).");
      }
    }
    if (ranked.size() > 1) {
      StatRow second = ranked.get(1);
      if (b.hasRange() && second.change().hasRange() && second.change().high() >= b.low()) {
        s.append(" Its interval overlaps that of ")
            .append(Palette.label(second.group()))
            .append(", so the order of the top two may be chance.");
      }
    }
    s.append(
        " The clients were not randomized to techniques: these are differences between the clinic's own "
            + "courses, not proof that a technique causes them.");
    return s.toString();
  }
}
