package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.CourseCells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The designs' first step ({@link CourseDesigns#find}) on seven hand-made course pairs: what each
 * table's design needs, counted by hand in the comments, the same whether the pairs were added up
 * by 1 or 3 tasks (the tasks' cells are merged on the driver). The levels are the default
 * settings': {@code technique_group} is {@code specialized} for deep tissue and the reference's own
 * name for swedish; {@code adherence} is null unless adherent or not adherent.
 */
class CourseDesignsTest {
  private static final ComparisonModels MODELS = new ComparisonModels(Settings.defaults());

  private static CourseCells cells(int tasks) {
    List<CourseCells> parts = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      parts.add(new CourseCells());
    }
    Object[][] pairs = {
      // 1-2: the same (sessions, improvement) twice; with a client
      {"nrs_pain", 3, 20, true, "deep_tissue", "adherent", "40-49", "female"},
      {"nrs_pain", 3, 20, true, "swedish", null, "50-59", "male"},
      // 3: worse at the end (a negative improvement); no client row: no categories
      {"nrs_pain", 3, -15, false, "deep_tissue", "adherent", "60-69", "female"},
      // 4: a missing covariate is its own category
      {"nrs_pain", 5, 0, true, "deep_tissue", "adherent", null, "female"},
      // 5-6: another measure
      {"odi", 2, 40, true, "swedish", null, "30-39", "female"},
      {"odi", 2, 40, false, "swedish", null, "30-39", "female"},
      // 7: with a client but no level of any factor: no categories
      {"odi", 4, 10, true, null, null, "18-29", "male"}
    };
    for (int i = 0; i < pairs.length; i++) {
      Object[] p = pairs[i];
      parts
          .get(i % tasks)
          .add(
              (String) p[0],
              (String) p[4],
              "T1",
              (String) p[5],
              (Boolean) p[3],
              (String) p[6],
              (String) p[7],
              "sciatica",
              "chronic",
              60,
              (Integer) p[2],
              (Integer) p[1]);
    }
    CourseCells all = new CourseCells();
    parts.forEach(all::merge);
    return all;
  }

  @Test
  void findsTheDesignsAndTheDoseCountsFromOneOrThreeTasks() {
    for (int tasks : new int[] {1, 3}) {
      CourseDesigns.Found f = CourseDesigns.find(cells(tasks), MODELS);
      String in = tasks + " tasks";
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
      assertEquals(
          cats.get(ModelKey.ancova("nrs_pain", "technique")),
          cats.get(ModelKey.ancova("nrs_pain", "technique_group")),
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
