package clinic.outcomes.analysis;

import clinic.outcomes.core.Adherence;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.CourseCells;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.stats.Histogram;
import clinic.outcomes.stats.Ols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The regressions of the comparisons and dose-response tables: which models exist ({@link
 * ModelSpec} per {@link ModelKey}) and how one cell of the client pass's course pairs adds to their
 * X'X sufficient statistics ({@link #addCell}, {@link CourseDesigns}): groups, never episodes.
 */
final class ComparisonModels {
  static final List<String> COVARIATES = List.of("age_band", "sex", "condition", "chronicity");

  /** The compared factors and the group_by of their groups, in table order. */
  static final List<String> FACTORS = List.of("adherence", "technique_group", "technique");

  /**
   * Models in table order: by measure, then factor ({@link #FACTORS}), then kind; dose models
   * (without a factor) last within their measure.
   */
  static final Comparator<ModelKey> ORDER =
      Comparator.comparing(ModelKey::measure)
          .thenComparing(
              k -> k.factor() == null ? FACTORS.size() : FACTORS.indexOf(k.factor()),
              Comparator.naturalOrder())
          .thenComparing(ModelKey::kind);

  private final Settings settings;

  ComparisonModels(Settings settings) {
    this.settings = settings;
  }

  /** The group_by of a factor's groups in the stats table. */
  static String groupByOf(String factor) {
    return switch (factor) {
      case "technique" -> Groups.TECHNIQUE;
      case "technique_group" -> Groups.TECHNIQUE_GROUP;
      case "adherence" -> Groups.ADHERENCE;
      default -> throw new IllegalArgumentException(factor);
    };
  }

  /** The reference level of a factor. */
  String reference(String factor) {
    return "adherence".equals(factor)
        ? Adherence.NOT_ADHERENT.code()
        : settings.referenceTechnique();
  }

  /**
   * The level of each factor ({@link #FACTORS}) of a cell's pairs: {@code adherence} (null when
   * unknown), {@code technique_group} (the first technique group the primary technique is a member
   * of, else the reference technique's own name for it, else null), {@code technique} (the primary
   * technique).
   */
  String[] levels(CourseCells.Cell c) {
    String technique = c.technique();
    String group = null;
    if (technique != null) {
      for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
        if (g.getValue().contains(technique)) {
          group = g.getKey();
          break;
        }
      }
      if (group == null && technique.equals(settings.referenceTechnique())) {
        group = settings.referenceTechnique();
      }
    }
    String adherence = c.adherence();
    boolean known =
        Adherence.ADHERENT.code().equals(adherence)
            || Adherence.NOT_ADHERENT.code().equals(adherence);
    return new String[] {known ? adherence : null, group, technique};
  }

  /** A cell's covariate values as {@code name=value} ({@code name=null} when missing). */
  static List<String> covariateValues(CourseCells.Cell c) {
    return List.of(
        "age_band=" + c.ageBand(),
        "sex=" + c.sex(),
        "condition=" + c.condition(),
        "chronicity=" + c.chronicity());
  }

  /**
   * Levels per (measure, factor): the course groups that exist, minus the reference and unknown; an
   * ANCOVA model per (measure, factor), a risk-adjusted one with a clients file, and a dose model
   * per measure.
   *
   * @param covariates the covariate categories present per ANCOVA key ({@link
   *     CourseDesigns.Found#covariateCategories}); the first of each covariate is its reference
   */
  Map<ModelKey, ModelSpec> specs(
      Map<GroupKey, Histogram> hist,
      Map<ModelKey, TreeSet<String>> covariates,
      boolean withClients) {
    Map<ModelKey, TreeSet<String>> levels = new TreeMap<>(ORDER);
    for (Map.Entry<GroupKey, Histogram> e : hist.entrySet()) {
      GroupKey k = e.getKey();
      if (!ClientHistory.COURSE.equals(k.analysis())) {
        continue;
      }
      for (String f : FACTORS) {
        if (groupByOf(f).equals(k.groupBy())
            && !k.group().equals(reference(f))
            && !"unknown".equals(k.group())
            && e.getValue().n() > 0) {
          levels
              .computeIfAbsent(ModelKey.ancova(k.measure(), f), x -> new TreeSet<>())
              .add(k.group());
        }
      }
    }
    Map<ModelKey, ModelSpec> specs = new TreeMap<>(ORDER);
    for (Map.Entry<ModelKey, TreeSet<String>> e : levels.entrySet()) {
      ModelKey ancova = e.getKey();
      List<String> lv = List.copyOf(e.getValue());
      String ref = reference(ancova.factor());
      specs.put(ancova, new ModelSpec(ancova, lv, ref, List.of()));
      if (withClients) {
        List<String> cov = new ArrayList<>();
        TreeSet<String> present = covariates.getOrDefault(ancova, new TreeSet<>());
        for (String name : COVARIATES) {
          List<String> cats = present.stream().filter(c -> c.startsWith(name + "=")).toList();
          // the first category is the reference
          cov.addAll(cats.subList(Math.min(1, cats.size()), cats.size()));
        }
        ModelKey risk = ancova.as(ModelKey.Kind.RISK);
        specs.put(risk, new ModelSpec(risk, lv, ref, cov));
      }
    }
    for (Measure m : Measure.ALL) {
      ModelKey dose = ModelKey.dose(m.code());
      specs.put(dose, new ModelSpec(dose, List.of(), "", List.of()));
    }
    return specs;
  }

  /**
   * Adds one cell's pairs to the accumulator of every comparison model they belong to (the dose
   * models come from the joint counts, {@link CourseDesigns#total}).
   */
  void addCell(
      CourseCells.Cell c,
      CourseCells.Sums s,
      Map<ModelKey, ModelSpec> bySpec,
      Map<ModelKey, Ols.Accumulator> acc) {
    String[] levels = levels(c);
    List<String> cv = null;
    for (int f = 0; f < FACTORS.size(); f++) {
      String level = levels[f];
      if (level == null) {
        continue;
      }
      ModelSpec a = bySpec.get(ModelKey.ancova(c.measure(), FACTORS.get(f)));
      if (a != null && (a.levels().contains(level) || a.reference().equals(level))) {
        add(acc, a, a.x(level, 0.0, List.of()), s);
        ModelSpec risk = bySpec.get(ModelKey.risk(c.measure(), FACTORS.get(f)));
        if (risk != null && c.hasClient()) {
          if (cv == null) { // the same for every factor: built once per cell
            cv = covariateValues(c);
          }
          add(acc, risk, risk.x(level, 0.0, cv), s);
        }
      }
    }
  }

  /**
   * Adds a cell's pairs to a model: its predictors but the baseline shared, the baseline summed.
   */
  private static void add(
      Map<ModelKey, Ols.Accumulator> acc, ModelSpec spec, double[] x, CourseCells.Sums s) {
    CourseDesigns.addGroup(
        acc.computeIfAbsent(spec.key(), k -> new Ols.Accumulator(x.length)),
        x,
        spec.levels().size(),
        s);
  }
}
