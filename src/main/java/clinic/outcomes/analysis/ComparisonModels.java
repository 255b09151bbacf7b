package clinic.outcomes.analysis;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
   * Adds the level of each factor to every course row: {@code f_technique} (the primary technique),
   * {@code f_technique_group} (the first technique group the technique is a member of, else the
   * reference technique's own name for it, else null), {@code f_adherence} (null when unknown).
   */
  CourseRows withFactorLevels(CourseRows rows) {
    return rows.map(new Levels(settings.referenceTechnique(), settings.techniqueGroups()));
  }

  /** The factor levels of one course row, appended to it (serializable: it runs in tasks). */
  static final class Levels implements Function<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String reference;
    private final LinkedHashMap<String, List<String>> groups;

    Levels(String reference, Map<String, List<String>> groups) {
      this.reference = reference;
      this.groups = new LinkedHashMap<>(groups);
    }

    @Override
    public Row call(Row r) {
      StructType schema = r.schema();
      if (levelled == null || !levelled.first.equals(schema)) {
        levelled =
            new Pair(
                schema,
                schema
                    .add("f_technique", DataTypes.StringType)
                    .add("f_technique_group", DataTypes.StringType)
                    .add("f_adherence", DataTypes.StringType));
      }
      String technique = r.getAs("primary_technique");
      String group = null;
      if (technique != null) {
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
          if (g.getValue().contains(technique)) {
            group = g.getKey();
            break;
          }
        }
        if (group == null && technique.equals(reference)) {
          group = reference;
        }
      }
      String adherence = r.getAs("adherence");
      boolean known =
          Adherence.ADHERENT.code().equals(adherence)
              || Adherence.NOT_ADHERENT.code().equals(adherence);
      Object[] values = new Object[r.length() + 3];
      for (int i = 0; i < r.length(); i++) {
        values[i] = r.get(i);
      }
      values[r.length()] = technique;
      values[r.length() + 1] = group;
      values[r.length() + 2] = known ? adherence : null;
      return new GenericRowWithSchema(values, levelled.second);
    }

    /** The last input schema and its levelled schema (the rows of one table share one). */
    private transient Pair levelled;

    private record Pair(StructType first, StructType second) {}
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
