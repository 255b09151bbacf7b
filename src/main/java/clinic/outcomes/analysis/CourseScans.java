package clinic.outcomes.analysis;

import clinic.outcomes.stats.Ols;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The statistics' two reads of the complete course rows (a staging table the client pass wrote).
 * The comparisons' regressions, the dose-response table and the therapists' model all come from
 * these rows; they used to read them in five Spark jobs, two of them with a shuffle ({@code
 * groupBy().count()} and {@code distinct()}). Now, two jobs without a shuffle:
 *
 * <ol>
 *   <li>{@link #find}: what the models' designs need first (the covariate categories present per
 *       ANCOVA key, the therapist model's techniques and categories), and the dose-response's joint
 *       counts of (measure, sessions, improvement), which are final after this read;
 *   <li>{@link #total}: every model's X'X sufficient statistics and each therapist's sums.
 * </ol>
 *
 * Each task returns its totals (groups, never rows); the driver merges them in partition order.
 */
final class CourseScans {
  private CourseScans() {}

  /** What the first read asks for. */
  record Wanted(boolean dose, boolean covariates, boolean therapists) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What the first read found, one task's or all of them merged. */
  static final class Found implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Per ANCOVA key (measure, factor): the covariate categories ({@code name=value}, a missing
     * value {@code name=null}) of the episodes with a client row and a level of that factor.
     */
    final HashMap<ModelKey, HashSet<String>> covariates = new HashMap<>();

    /** Per measure: (sessions, improvement in tenths) packed by {@link #pack} -> episodes. */
    final HashMap<String, HashMap<Long, Long>> dose = new HashMap<>();

    /**
     * The therapist model's episodes ({@code nrs_pain}, with a client row): their distinct (primary
     * technique, age band, sex, condition, chronicity).
     */
    final HashSet<List<String>> therapistDesign = new HashSet<>();

    void add(Row r, Wanted w) {
      String measure = r.getAs("measure");
      if (w.dose()) {
        int sessions = r.<Integer>getAs("n_sessions");
        int improvement = r.<Integer>getAs("improvement_tenths");
        dose.computeIfAbsent(measure, x -> new HashMap<>())
            .merge(pack(sessions, improvement), 1L, Long::sum);
      }
      if (!Boolean.TRUE.equals(r.getAs("has_client"))) {
        return;
      }
      if (w.covariates()) {
        List<String> cats = null;
        for (String f : ComparisonModels.FACTORS) {
          if (r.getAs("f_" + f) == null) {
            continue;
          }
          if (cats == null) {
            cats = new ArrayList<>(ComparisonModels.COVARIATES.size());
            for (String c : ComparisonModels.COVARIATES) {
              Object v = r.getAs(c);
              cats.add(c + "=" + (v == null ? "null" : v.toString()));
            }
          }
          covariates
              .computeIfAbsent(ModelKey.ancova(measure, f), x -> new HashSet<>())
              .addAll(cats);
        }
      }
      if (w.therapists() && TherapistStage.MEASURE.equals(measure)) {
        therapistDesign.add(
            Arrays.asList(
                r.getAs("primary_technique"),
                r.getAs("age_band"),
                r.getAs("sex"),
                r.getAs("condition"),
                r.getAs("chronicity")));
      }
    }

    Found merge(Found o) {
      o.covariates.forEach((k, v) -> covariates.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
      o.dose.forEach(
          (m, counts) -> {
            HashMap<Long, Long> mine = dose.computeIfAbsent(m, x -> new HashMap<>());
            counts.forEach((k, n) -> mine.merge(k, n, Long::sum));
          });
      therapistDesign.addAll(o.therapistDesign);
      return this;
    }

    /** The covariate categories per ANCOVA key, sorted. */
    Map<ModelKey, TreeSet<String>> covariateCategories() {
      Map<ModelKey, TreeSet<String>> out = new HashMap<>();
      covariates.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
      return out;
    }

    /** The dose-response's joint counts of one measure: {sessions, improvement (points), n}. */
    List<double[]> joint(String measure) {
      HashMap<Long, Long> counts = dose.get(measure);
      if (counts == null) {
        return null;
      }
      List<double[]> out = new ArrayList<>(counts.size());
      counts.forEach((k, n) -> out.add(new double[] {sessions(k), improvementTenths(k) / 10.0, n}));
      return out;
    }
  }

  /** Two ints in one long key. */
  static long pack(int sessions, int improvementTenths) {
    return ((long) sessions << 32) | (improvementTenths & 0xFFFFFFFFL);
  }

  static int sessions(long key) {
    return (int) (key >> 32);
  }

  static int improvementTenths(long key) {
    return (int) key;
  }

  /** The first read: one Spark job over {@code rows}, no shuffle. */
  static Found find(Dataset<Row> rows, Wanted wanted) {
    return find(CourseRows.of(rows), wanted);
  }

  /** The first read, over {@code rows}' partitions. */
  static Found find(CourseRows rows, Wanted wanted) {
    List<Found> parts =
        rows.eachPartition(
            it -> {
              Found f = new Found();
              while (it.hasNext()) {
                f.add(it.next(), wanted);
              }
              return f;
            });
    Found all = new Found();
    for (Found p : parts) {
      all.merge(p);
    }
    return all;
  }

  /** What the second read adds up, one task's or all of them merged. */
  static final class Totals implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Per model: its X'X sufficient statistics. */
    final HashMap<ModelKey, Ols.Accumulator> models = new HashMap<>();

    /** The therapist model and each therapist's sums; null without that model. */
    final TherapistStage.Pass therapists;

    Totals(ModelSpec therapist) {
      this.therapists = therapist == null ? null : new TherapistStage.Pass(therapist.predictors());
    }

    Totals merge(Totals o) {
      o.models.forEach((key, a) -> models.merge(key, a, Ols.Accumulator::merge));
      if (therapists != null) {
        therapists.merge(o.therapists);
      }
      return this;
    }
  }

  /**
   * The second read: one Spark job over {@code rows}, no shuffle; each row is added to every model
   * of {@code specs} it belongs to ({@link ComparisonModels#addRow}) and, when {@code therapist} is
   * not null, to the therapist model ({@link TherapistStage.Pass#add(Row, ModelSpec)}).
   */
  static Totals total(Dataset<Row> rows, Map<ModelKey, ModelSpec> specs, ModelSpec therapist) {
    return total(CourseRows.of(rows), specs, therapist);
  }

  /** The second read, over {@code rows}' partitions. */
  static Totals total(CourseRows rows, Map<ModelKey, ModelSpec> specs, ModelSpec therapist) {
    Map<ModelKey, ModelSpec> bySpec = new HashMap<>(specs);
    List<Totals> parts =
        rows.eachPartition(
            it -> {
              Totals t = new Totals(therapist);
              while (it.hasNext()) {
                Row r = it.next();
                if (!bySpec.isEmpty()) {
                  ComparisonModels.addRow(r, bySpec, t.models);
                }
                if (therapist != null) {
                  t.therapists.add(r, therapist);
                }
              }
              return t;
            });
    Totals all = new Totals(therapist);
    for (Totals p : parts) {
      all.merge(p);
    }
    return all;
  }
}
