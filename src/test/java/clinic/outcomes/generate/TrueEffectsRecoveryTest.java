package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample means of a large generated sample, computed directly from the written rows, agree with
 * {@link TrueEffects} within 4 standard errors. Each comparison uses per-episode residuals
 * (observed improvement minus the closed-form expectation for that episode's primary technique,
 * session count and adherence), so it holds whatever the sample's composition.
 */
class TrueEffectsRecoveryTest {

  private static final int CLIENTS = 20_000;
  private static final String[] BUCKETS = {"1", "2-3", "4-6", "7-10", "11+"};

  @TempDir static Path dir;
  private static GeneratedData data;
  private static Summary summary;

  @BeforeAll
  static void generate() throws IOException {
    summary = Generator.generate(new GeneratorSettings(CLIENTS, 20240101L), dir);
    data = GeneratedData.read(dir);
  }

  @Test
  void noScoreIsClamped() {
    assertEquals(0, summary.clampedScores());
  }

  @Test
  void courseImprovementPerTechniqueMatchesTruth() {
    for (String measure : List.of("nrs_pain", "odi", "rmdq", "slr_deg")) {
      Map<String, MeanCheck> residuals = new HashMap<>();
      for (GeneratedData.EpisodeView e : data.episodes) {
        OptionalDouble course = data.course(e, measure);
        if (course.isPresent()) {
          double expected =
              TrueEffects.expectedCourseImprovement(measure, e.primary(), e.n(), e.adherent());
          residuals
              .computeIfAbsent(e.primary(), t -> new MeanCheck())
              .add(course.getAsDouble() - expected);
        }
      }
      for (String t : TrueEffects.TECHNIQUES) {
        long minN = measure.equals("nrs_pain") ? 3000 : 800;
        residuals.get(t).assertMean(0.0, minN, "course " + measure + " " + t);
      }
    }
  }

  @Test
  void immediateImprovementAddsTheLastSessionsRelief() {
    Map<String, MeanCheck> residuals = new HashMap<>();
    for (GeneratedData.EpisodeView e : data.episodes) {
      Double baseline = data.baseline(e, "nrs_pain");
      Double after = data.sessionScore(e.sessions().get(e.n() - 1).id(), "after", "nrs_pain");
      if (baseline != null && after != null) {
        double expected =
            TrueEffects.expectedImmediateImprovement(e.primary(), e.n(), e.adherent());
        residuals
            .computeIfAbsent(e.primary(), t -> new MeanCheck())
            .add(baseline - after - expected);
      }
    }
    for (String t : TrueEffects.TECHNIQUES) {
      residuals.get(t).assertMean(0.0, 3000, "immediate " + t);
    }
  }

  @Test
  void courseImprovementPerSessionBucketMatchesTruth() {
    Map<String, MeanCheck> residuals = new HashMap<>();
    for (GeneratedData.EpisodeView e : data.episodes) {
      OptionalDouble course = data.course(e, "nrs_pain");
      if (course.isPresent()) {
        double expected = TrueEffects.expectedCourseImprovement(e.primary(), e.n(), e.adherent());
        residuals
            .computeIfAbsent(bucket(e.n()), b -> new MeanCheck())
            .add(course.getAsDouble() - expected);
      }
    }
    for (String b : BUCKETS) {
      residuals.get(b).assertMean(0.0, 500, "course bucket " + b);
    }
  }

  @Test
  void marginalCourseImprovementPerTechniqueMatchesClosedForm() {
    Map<String, MeanCheck> means = new HashMap<>();
    for (GeneratedData.EpisodeView e : data.episodes) {
      OptionalDouble course = data.course(e, "nrs_pain");
      if (course.isPresent()) {
        means.computeIfAbsent(e.primary(), t -> new MeanCheck()).add(course.getAsDouble());
      }
    }
    for (String t : TrueEffects.TECHNIQUES) {
      means.get(t).assertMean(TrueEffects.expectedCourseImprovement(t), 3000, "marginal " + t);
    }
  }

  @Test
  void sessionReliefPerTechniqueMatchesTruth() {
    Map<String, MeanCheck> relief = new HashMap<>();
    for (GeneratedData.Session s : data.sessions) {
      Double before = data.sessionScore(s.id(), "before", "nrs_pain");
      Double after = data.sessionScore(s.id(), "after", "nrs_pain");
      if (before != null && after != null) {
        relief.computeIfAbsent(s.technique(), t -> new MeanCheck()).add(before - after);
      }
    }
    for (String t : TrueEffects.TECHNIQUES) {
      relief.get(t).assertMean(TrueEffects.sessionRelief(t), 10_000, "relief " + t);
    }
  }

  @Test
  void carriedImprovementAtEachVisitMatchesTruth() {
    Map<Integer, MeanCheck> residuals = new HashMap<>();
    for (GeneratedData.EpisodeView e : data.episodes) {
      Double baseline = data.sessionScore(e.sessions().get(0).id(), "before", "nrs_pain");
      for (int k = 2; baseline != null && k <= e.n(); k++) {
        Double before = data.sessionScore(e.sessions().get(k - 1).id(), "before", "nrs_pain");
        if (before != null) {
          double expected =
              TrueEffects.expectedCarriedImprovement(e.primary(), e.n(), k, e.adherent());
          residuals
              .computeIfAbsent(Math.min(k, 10), g -> new MeanCheck())
              .add(baseline - before - expected);
        }
      }
    }
    for (int k = 2; k <= 10; k++) {
      residuals.get(k).assertMean(0.0, 2000, "trajectory k=" + k);
    }
  }

  @Test
  void followupKeepsTheDocumentedShare() {
    MeanCheck residuals = new MeanCheck();
    for (GeneratedData.EpisodeView e : data.episodes) {
      Double baseline = data.baseline(e, "nrs_pain");
      Double fin = data.finalScore(e, "nrs_pain");
      Double followup = data.followup(e, "nrs_pain");
      if (baseline != null && fin != null && followup != null) {
        residuals.add((baseline - followup) - TrueEffects.FOLLOWUP_RETENTION * (baseline - fin));
      }
    }
    residuals.assertMean(0.0, 3000, "follow-up retention");
  }

  private static String bucket(int n) {
    if (n == 1) {
      return "1";
    }
    if (n <= 3) {
      return "2-3";
    }
    if (n <= 6) {
      return "4-6";
    }
    return n <= 10 ? "7-10" : "11+";
  }
}
