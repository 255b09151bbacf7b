package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The first read of the course rows ({@link CourseScans#find}) on seven hand-made rows: what each
 * table's design needs, counted by hand in the comments, the same whether the rows are in 1 or 3
 * partitions (the tasks' sets and counts are united on the driver).
 */
class CourseScansTest {
  private static final StructType ROWS =
      new StructType()
          .add("measure", DataTypes.StringType)
          .add("n_sessions", DataTypes.IntegerType)
          .add("improvement_tenths", DataTypes.IntegerType)
          .add("has_client", DataTypes.BooleanType)
          .add("primary_technique", DataTypes.StringType)
          .add("f_adherence", DataTypes.StringType)
          .add("f_technique_group", DataTypes.StringType)
          .add("f_technique", DataTypes.StringType)
          .add("age_band", DataTypes.StringType)
          .add("sex", DataTypes.StringType)
          .add("condition", DataTypes.StringType)
          .add("chronicity", DataTypes.StringType);

  private static Dataset<Row> rows(int partitions) {
    List<Row> rows =
        List.of(
            // 1-2: the same (sessions, improvement) twice; with a client
            row("nrs_pain", 3, 20, true, "deep_tissue", "adherent", "40-49", "female"),
            row("nrs_pain", 3, 20, true, "swedish", null, "50-59", "male"),
            // 3: worse at the end (a negative improvement); no client row: no categories
            row("nrs_pain", 3, -15, false, "deep_tissue", "adherent", "60-69", "female"),
            // 4: a missing covariate is its own category
            row("nrs_pain", 5, 0, true, "deep_tissue", "adherent", null, "female"),
            // 5-6: another measure
            row("odi", 2, 40, true, "swedish", null, "30-39", "female"),
            row("odi", 2, 40, false, "swedish", null, "30-39", "female"),
            // 7: with a client but no level of any factor: no categories
            row("odi", 4, 10, true, null, null, "18-29", "male"));
    return SharedSpark.get().createDataFrame(rows, ROWS).repartition(partitions);
  }

  private static Row row(
      String measure,
      int sessions,
      int improvement,
      boolean client,
      String technique,
      String adherence,
      String age,
      String sex) {
    return RowFactory.create(
        measure,
        sessions,
        improvement,
        client,
        technique,
        adherence,
        technique == null ? null : "specialized",
        technique,
        age,
        sex,
        "sciatica",
        "chronic");
  }

  @Test
  void findsTheDesignsAndTheDoseCountsInOneOrThreePartitions() {
    for (int partitions : new int[] {1, 3}) {
      CourseScans.Found f =
          CourseScans.find(rows(partitions), new CourseScans.Wanted(true, true, true));
      String in = partitions + " partitions";
      // dose: nrs_pain (3, 2.0) x2, (3, -1.5), (5, 0.0); odi (2, 4.0) x2, (4, 1.0)
      assertEquals(List.of("3 -1.5 1", "3 2.0 2", "5 0.0 1"), joint(f.joint("nrs_pain")), in);
      assertEquals(List.of("2 4.0 2", "4 1.0 1"), joint(f.joint("odi")), in);
      assertNull(f.joint("rmdq"), in);
      // covariates: only rows with a client and a level of the factor (rows 1, 2, 4, 5)
      Map<ModelKey, TreeSet<String>> cats = f.covariateCategories();
      Set<String> common = Set.of("condition=sciatica", "chronicity=chronic");
      assertEquals(
          union(common, "age_band=40-49", "age_band=null", "sex=female"),
          cats.get(ModelKey.ancova("nrs_pain", "adherence")),
          in);
      assertEquals(
          union(
              common,
              "age_band=40-49",
              "age_band=50-59",
              "age_band=null",
              "sex=female",
              "sex=male"),
          cats.get(ModelKey.ancova("nrs_pain", "technique")),
          in);
      assertEquals(
          union(common, "age_band=30-39", "sex=female"),
          cats.get(ModelKey.ancova("odi", "technique")),
          in);
      assertNull(cats.get(ModelKey.ancova("odi", "adherence")), in);
      // therapists: nrs_pain rows with a client (1, 2, 4), distinct
      assertEquals(
          Set.of(
              Arrays.asList("deep_tissue", "40-49", "female", "sciatica", "chronic"),
              Arrays.asList("swedish", "50-59", "male", "sciatica", "chronic"),
              Arrays.asList("deep_tissue", null, "female", "sciatica", "chronic")),
          f.therapistDesign,
          in);
    }
  }

  @Test
  void packsSessionsAndNegativeImprovementsIntoOneKey() {
    for (int[] v : new int[][] {{3, -15}, {1, 0}, {60, 100}, {2, Integer.MIN_VALUE}}) {
      long k = CourseScans.pack(v[0], v[1]);
      assertArrayEquals(
          v, new int[] {CourseScans.sessions(k), CourseScans.improvementTenths(k)}, "" + k);
    }
  }

  private static List<String> joint(List<double[]> j) {
    List<String> out = new ArrayList<>();
    j.stream()
        .sorted(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]))
        .forEach(a -> out.add((int) a[0] + " " + a[1] + " " + (long) a[2]));
    return out;
  }

  private static TreeSet<String> union(Set<String> common, String... more) {
    TreeSet<String> s = new TreeSet<>(common);
    s.addAll(List.of(more));
    return s;
  }
}
