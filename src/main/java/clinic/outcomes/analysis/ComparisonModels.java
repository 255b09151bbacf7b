package clinic.outcomes.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The regressions of the comparisons and dose-response tables: which models exist ({@link
 * ModelSpec} per {@link ModelKey}) and their X'X sufficient statistics, accumulated in Spark in one
 * pass over the course rows for all models, so the driver never sees episodes.
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
   */
  Map<ModelKey, ModelSpec> specs(
      Map<GroupKey, Histogram> hist, Dataset<Row> rows, boolean withClients) {
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
    Map<ModelKey, TreeSet<String>> covariates = withClients ? covariateCategories(rows) : Map.of();
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
   * Covariate categories present among the episodes each risk model is fitted on, in one Spark job,
   * keyed by the (measure, factor) ANCOVA key. A missing covariate value is its own category {@code
   * name=null}, as in {@link #accumulate}.
   */
  private static Map<ModelKey, TreeSet<String>> covariateCategories(Dataset<Row> rows) {
    List<Column> items = new ArrayList<>();
    for (String f : FACTORS) {
      for (String c : COVARIATES) {
        items.add(
            when(
                col("has_client").and(col("f_" + f).isNotNull()),
                struct(
                    lit(f).as("factor"),
                    concat(lit(c + "="), coalesce(col(c).cast("string"), lit("null"))).as("cat"))));
      }
    }
    Dataset<Row> cats =
        rows.select(col("measure"), explode(array(items.toArray(new Column[0]))).as("x"))
            .filter(col("x").isNotNull())
            .select(col("measure"), col("x.factor").as("factor"), col("x.cat").as("cat"))
            .distinct();
    Map<ModelKey, TreeSet<String>> out = new HashMap<>();
    for (Row r : cats.collectAsList()) {
      out.computeIfAbsent(
              ModelKey.ancova(r.getAs("measure"), r.getAs("factor")), x -> new TreeSet<>())
          .add(r.getAs("cat"));
    }
    return out;
  }

  /** Accumulates every model's sufficient statistics in one pass over the episodes. */
  static Map<ModelKey, Ols.Accumulator> accumulate(
      Dataset<Row> rows, Map<ModelKey, ModelSpec> specs) {
    Map<ModelKey, ModelSpec> bySpec = new HashMap<>(specs);
    JavaPairRDD<ModelKey, double[]> points =
        rows.javaRDD()
            .flatMapToPair(
                r -> {
                  List<Tuple2<ModelKey, double[]>> out = new ArrayList<>();
                  String measure = r.getAs("measure");
                  double y = ((Number) r.getAs("improvement_tenths")).doubleValue() / 10.0;
                  double baseline = ((Number) r.getAs("baseline_tenths")).doubleValue() / 10.0;
                  for (String f : FACTORS) {
                    String level = r.getAs("f_" + f);
                    if (level == null) {
                      continue;
                    }
                    ModelSpec a = bySpec.get(ModelKey.ancova(measure, f));
                    if (a != null && (a.levels().contains(level) || a.reference().equals(level))) {
                      out.add(new Tuple2<>(a.key(), withY(a.x(level, baseline, List.of()), y)));
                      ModelSpec risk = bySpec.get(ModelKey.risk(measure, f));
                      if (risk != null && Boolean.TRUE.equals(r.getAs("has_client"))) {
                        List<String> cv = new ArrayList<>();
                        for (String c : COVARIATES) {
                          cv.add(c + "=" + r.getAs(c));
                        }
                        out.add(new Tuple2<>(risk.key(), withY(risk.x(level, baseline, cv), y)));
                      }
                    }
                  }
                  ModelSpec dose = bySpec.get(ModelKey.dose(measure));
                  if (dose != null) {
                    double sessions = ((Number) r.getAs("n_sessions")).doubleValue();
                    out.add(new Tuple2<>(dose.key(), new double[] {sessions, y}));
                  }
                  return out.iterator();
                });
    return new HashMap<>(
        points
            .combineByKey(
                p -> new Ols.Accumulator(p.length - 1).add(xOf(p), p[p.length - 1]),
                (a, p) -> a.add(xOf(p), p[p.length - 1]),
                Ols.Accumulator::merge)
            .collectAsMap());
  }

  private static double[] xOf(double[] xy) {
    return Arrays.copyOf(xy, xy.length - 1);
  }

  private static double[] withY(double[] x, double y) {
    double[] xy = Arrays.copyOf(x, x.length + 1);
    xy[x.length] = y;
    return xy;
  }
}
