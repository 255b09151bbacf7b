package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import clinic.outcomes.core.Adherence;
import clinic.outcomes.core.Measure;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The regressions of the comparisons and dose-response tables: which models exist ({@link
 * ModelSpec} per {@link ModelKey}) and how one course row adds to their X'X sufficient statistics
 * ({@link #addRow}); {@link CourseScans} reads the course rows in Spark for all models at once, so
 * the driver never sees episodes, only one accumulator per model and task.
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
   * Adds the level of each factor: technique, technique_group (null when neither member nor
   * reference), adherence (null when unknown).
   */
  Dataset<Row> withFactorLevels(Dataset<Row> d) {
    String ref = settings.referenceTechnique();
    Column group = null;
    for (Map.Entry<String, List<String>> g : settings.techniqueGroups().entrySet()) {
      Column member = col("primary_technique").isin(g.getValue().toArray());
      group = group == null ? when(member, lit(g.getKey())) : group.when(member, lit(g.getKey()));
    }
    group =
        group == null
            ? when(col("primary_technique").equalTo(ref), lit(ref))
            : group.when(col("primary_technique").equalTo(ref), lit(ref));
    return d.withColumn("f_technique", col("primary_technique"))
        .withColumn("f_technique_group", group)
        .withColumn(
            "f_adherence",
            when(
                col("adherence").isin(Adherence.ADHERENT.code(), Adherence.NOT_ADHERENT.code()),
                col("adherence")));
  }

  /**
   * Levels per (measure, factor): the course groups that exist, minus the reference and unknown; an
   * ANCOVA model per (measure, factor), a risk-adjusted one with a clients file, and a dose model
   * per measure.
   *
   * @param covariates the covariate categories present per ANCOVA key ({@link
   *     CourseScans.Found#covariateCategories}); the first of each covariate is its reference
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

  /** Adds one course row to the accumulator of every model it belongs to. */
  static void addRow(Row r, Map<ModelKey, ModelSpec> bySpec, Map<ModelKey, Ols.Accumulator> acc) {
    String measure = r.getAs("measure");
    double y = ((Number) r.getAs("improvement_tenths")).doubleValue() / 10.0;
    double baseline = ((Number) r.getAs("baseline_tenths")).doubleValue() / 10.0;
    List<String> cv = null;
    for (String f : FACTORS) {
      String level = r.getAs("f_" + f);
      if (level == null) {
        continue;
      }
      ModelSpec a = bySpec.get(ModelKey.ancova(measure, f));
      if (a != null && (a.levels().contains(level) || a.reference().equals(level))) {
        add(acc, a.key(), a.x(level, baseline, List.of()), y);
        ModelSpec risk = bySpec.get(ModelKey.risk(measure, f));
        if (risk != null && Boolean.TRUE.equals(r.getAs("has_client"))) {
          if (cv == null) { // the same for every factor: built once per row
            cv = new ArrayList<>(COVARIATES.size());
            for (String c : COVARIATES) {
              cv.add(c + "=" + r.getAs(c));
            }
          }
          add(acc, risk.key(), risk.x(level, baseline, cv), y);
        }
      }
    }
    ModelSpec dose = bySpec.get(ModelKey.dose(measure));
    if (dose != null) {
      double sessions = ((Number) r.getAs("n_sessions")).doubleValue();
      add(acc, dose.key(), new double[] {sessions}, y);
    }
  }

  private static void add(Map<ModelKey, Ols.Accumulator> acc, ModelKey key, double[] x, double y) {
    acc.computeIfAbsent(key, k -> new Ols.Accumulator(x.length)).add(x, y);
  }
}
