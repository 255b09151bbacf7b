package clinic.outcomes.analysis;

import clinic.outcomes.episodes.CourseCells;
import clinic.outcomes.episodes.CourseCells.Cell;
import clinic.outcomes.episodes.CourseCells.Sums;
import clinic.outcomes.stats.Ols;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The regressions' designs and sufficient statistics from the client pass's course cells ({@link
 * CourseCells}): no read of any table. Two steps, as a model's design depends on what the data
 * hold:
 *
 * <ol>
 *   <li>{@link #find}: the covariate categories present per ANCOVA key and the therapist model's
 *       techniques and categories;
 *   <li>{@link #total}: every model's X'X sufficient statistics ({@link Ols.Accumulator#addGroup},
 *       one group per cell, the baseline the one predictor that varies within it), the dose models'
 *       from the joint counts of (sessions, improvement), and each therapist's sums from its
 *       marginal sums.
 * </ol>
 *
 * The cells are added in one fixed order, so the fits do not depend on the pass's partitions.
 */
final class CourseDesigns {
  private CourseDesigns() {}

  /** What the models' designs need first. */
  static final class Found {
    /**
     * Per ANCOVA key (measure, factor): the covariate categories ({@code name=value}, a missing
     * value {@code name=null}) of the episodes with a client row and a level of that factor.
     */
    final HashMap<ModelKey, HashSet<String>> covariates = new HashMap<>();

    /**
     * The therapist model's episodes ({@code nrs_pain}, with a client row): their distinct (primary
     * technique, age band, sex, condition, chronicity).
     */
    final HashSet<List<String>> therapistDesign = new HashSet<>();

    /** The dose-response's joint counts: {sessions, improvement (points), n} per measure. */
    private final CourseCells cells;

    Found(CourseCells cells) {
      this.cells = cells;
    }

    /** The covariate categories per ANCOVA key, sorted. */
    Map<ModelKey, TreeSet<String>> covariateCategories() {
      Map<ModelKey, TreeSet<String>> out = new HashMap<>();
      covariates.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
      return out;
    }

    /** The dose-response's joint counts of one measure: {sessions, improvement (points), n}. */
    List<double[]> joint(String measure) {
      return cells.joint(measure);
    }
  }

  /** The first step: the designs' categories. */
  static Found find(CourseCells cells, ComparisonModels models) {
    Found found = new Found(cells);
    for (Map.Entry<Cell, Sums> e : cells.cells()) {
      Cell c = e.getKey();
      if (!c.hasClient()) {
        continue;
      }
      String[] levels = models.levels(c);
      List<String> cats = null;
      for (int f = 0; f < levels.length; f++) {
        if (levels[f] == null) {
          continue;
        }
        if (cats == null) {
          cats = ComparisonModels.covariateValues(c);
        }
        found
            .covariates
            .computeIfAbsent(
                ModelKey.ancova(c.measure(), ComparisonModels.FACTORS.get(f)), x -> new HashSet<>())
            .addAll(cats);
      }
      if (TherapistStage.MEASURE.equals(c.measure())) {
        found.therapistDesign.add(
            Arrays.asList(c.technique(), c.ageBand(), c.sex(), c.condition(), c.chronicity()));
      }
    }
    return found;
  }

  /** Every model's sufficient statistics, and the therapists' sums. */
  static final class Totals {
    /** Per model: its X'X sufficient statistics. */
    final HashMap<ModelKey, Ols.Accumulator> models = new HashMap<>();

    /** The therapist model and each therapist's sums; null without that model. */
    final TherapistStage.Pass therapists;

    Totals(ModelSpec therapist) {
      this.therapists = therapist == null ? null : new TherapistStage.Pass(therapist.predictors());
    }
  }

  /**
   * The second step: each cell is added to every model of {@code specs} it belongs to ({@link
   * ComparisonModels#addCell}) and, when {@code therapist} is not null, to the therapist model
   * ({@link TherapistStage.Pass#add(Cell, Sums, ModelSpec)}); the dose models from the joint
   * counts.
   */
  static Totals total(
      CourseCells cells,
      ComparisonModels models,
      Map<ModelKey, ModelSpec> specs,
      ModelSpec therapist) {
    Totals t = new Totals(therapist);
    for (Map.Entry<Cell, Sums> e : cells.cells()) {
      if (!specs.isEmpty()) {
        models.addCell(e.getKey(), e.getValue(), specs, t.models);
      }
      if (therapist != null) {
        t.therapists.add(e.getKey(), e.getValue(), therapist);
      }
    }
    if (therapist != null) {
      t.therapists.therapists(cells, therapist);
    }
    for (ModelSpec spec : specs.values()) {
      if (spec.key().kind() != ModelKey.Kind.DOSE) {
        continue;
      }
      List<double[]> joint = cells.joint(spec.key().measure());
      if (joint == null) {
        continue;
      }
      Ols.Accumulator acc = new Ols.Accumulator(1);
      for (double[] j : joint) {
        acc.add(new double[] {j[0]}, j[1], (long) j[2]);
      }
      t.models.put(spec.key(), acc);
    }
    return t;
  }

  /** A cell's pairs added to a model as one group: the baseline varies, in tenths as the score. */
  static void addGroup(Ols.Accumulator acc, double[] x, int baselineAt, Sums s) {
    acc.addGroup(x, baselineAt, s.n(), new long[] {s.b(), s.bb(), s.y(), s.by(), s.yy()}, 10);
  }
}
