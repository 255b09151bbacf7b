package clinic.outcomes.report;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The registry tables of a run (SPEC "Time to MCID", "Benefit and harm", "Expected against
 * actual"), as the reports read them. {@code therapists} is for the internal review only: the case
 * study gets {@link #publishable()}, which has none.
 *
 * @param curves the {@code time_to_mcid} rows
 * @param medians the {@code time_to_mcid_median} rows
 * @param benefitHarm the {@code benefit_harm} rows
 * @param therapists the {@code therapist_performance} rows
 */
public record Registry(
    List<Curve> curves,
    List<Median> medians,
    List<BenefitHarm> benefitHarm,
    List<Therapist> therapists) {

  static final Registry EMPTY = new Registry(List.of(), List.of(), List.of(), List.of());

  /** Without the per-therapist figures, which never leave the clinic. */
  Registry publishable() {
    return new Registry(curves, medians, benefitHarm, List.of());
  }

  /** One step of a Kaplan-Meier curve: the share not yet at the MCID after {@code sessions}. */
  public record Curve(
      String measure,
      String groupBy,
      String group,
      long sessions,
      long atRisk,
      long events,
      Interval survival) {
    static Curve of(Row r) {
      return new Curve(
          Cols.str(r, "measure"),
          Cols.str(r, "group_by"),
          Cols.str(r, "group"),
          Cols.lng(r, "sessions"),
          Cols.lng(r, "at_risk"),
          Cols.lng(r, "events"),
          new Interval(Cols.dbl(r, "survival"), Cols.dbl(r, "ci_low"), Cols.dbl(r, "ci_high")));
    }
  }

  /** The median number of sessions to the MCID, with its interval (R's print.survfit). */
  public record Median(
      String measure, String groupBy, String group, long n, long events, Interval median) {
    static Median of(Row r) {
      return new Median(
          Cols.str(r, "measure"),
          Cols.str(r, "group_by"),
          Cols.str(r, "group"),
          Cols.lng(r, "n"),
          Cols.lng(r, "events"),
          new Interval(
              Cols.dbl(r, "median"), Cols.dbl(r, "median_ci_low"), Cols.dbl(r, "median_ci_high")));
    }
  }

  /**
   * Benefit (MCID responders) and harm (episodes with an adverse event) of a level against the
   * reference.
   */
  public record BenefitHarm(
      String measure,
      String level,
      String reference,
      long respondersLevel,
      long nLevel,
      long respondersReference,
      long nReference,
      Interval benefit,
      Interval nnt,
      long eventsLevel,
      long episodesLevel,
      long eventsReference,
      long episodesReference,
      Interval harm,
      Interval nnh) {
    static BenefitHarm of(Row r) {
      return new BenefitHarm(
          Cols.str(r, "measure"),
          Cols.str(r, "level"),
          Cols.str(r, "reference"),
          Cols.lng(r, "responders_level"),
          Cols.lng(r, "n_level"),
          Cols.lng(r, "responders_reference"),
          Cols.lng(r, "n_reference"),
          new Interval(
              Cols.dbl(r, "benefit_diff"),
              Cols.dbl(r, "benefit_ci_low"),
              Cols.dbl(r, "benefit_ci_high")),
          new Interval(Cols.dbl(r, "nnt"), Cols.dbl(r, "nnt_ci_low"), Cols.dbl(r, "nnt_ci_high")),
          Cols.lng(r, "events_level"),
          Cols.lng(r, "episodes_level"),
          Cols.lng(r, "events_reference"),
          Cols.lng(r, "episodes_reference"),
          new Interval(
              Cols.dbl(r, "harm_diff"), Cols.dbl(r, "harm_ci_low"), Cols.dbl(r, "harm_ci_high")),
          new Interval(Cols.dbl(r, "nnh"), Cols.dbl(r, "nnh_ci_low"), Cols.dbl(r, "nnh_ci_high")));
    }
  }

  /** A therapist's observed against expected course improvement, with the funnel limits. */
  public record Therapist(
      String therapist,
      long n,
      Double observed,
      Double expected,
      Interval diff,
      Double limit95Low,
      Double limit95High,
      Double limit998Low,
      Double limit998High,
      String flag) {
    static Therapist of(Row r) {
      return new Therapist(
          Cols.str(r, "therapist"),
          Cols.lng(r, "n"),
          Cols.dbl(r, "observed"),
          Cols.dbl(r, "expected"),
          new Interval(Cols.dbl(r, "diff"), Cols.dbl(r, "ci_low"), Cols.dbl(r, "ci_high")),
          Cols.dbl(r, "limit95_low"),
          Cols.dbl(r, "limit95_high"),
          Cols.dbl(r, "limit998_low"),
          Cols.dbl(r, "limit998_high"),
          Cols.str(r, "flag"));
    }
  }
}
