package clinic.outcomes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The closed forms of {@link TrueEffects} against values worked out by hand. */
class TrueEffectsTest {

  private static final double EPS = 1e-12;

  @Test
  void courseImprovementAtFullDoseIsTheCarriedImprovement() {
    // K: 1.5, 1.3, 1.0, 0.2 at full dose (6+ sessions, responsiveness 1.0); adherent adds 0.5
    assertEquals(1.5, TrueEffects.expectedCourseImprovement("deep_tissue", 6, false), EPS);
    assertEquals(1.3, TrueEffects.expectedCourseImprovement("trigger_point", 9, false), EPS);
    assertEquals(1.0, TrueEffects.expectedCourseImprovement("myofascial_release", 15, false), EPS);
    assertEquals(0.2, TrueEffects.expectedCourseImprovement("swedish", 6, false), EPS);
    assertEquals(2.0, TrueEffects.expectedCourseImprovement("deep_tissue", 7, true), EPS);
  }

  @Test
  void immediateImprovementAddsTheLastSessionsRelief() {
    // R + K: 1.5 + 1.5, 1.2 + 1.3, 1.0 + 1.0, 0.8 + 0.2; adherent adds 0.5
    assertEquals(3.0, TrueEffects.expectedImmediateImprovement("deep_tissue", 6, false), EPS);
    assertEquals(2.5, TrueEffects.expectedImmediateImprovement("trigger_point", 9, false), EPS);
    assertEquals(
        2.0, TrueEffects.expectedImmediateImprovement("myofascial_release", 15, false), EPS);
    assertEquals(1.0, TrueEffects.expectedImmediateImprovement("swedish", 6, false), EPS);
    assertEquals(3.5, TrueEffects.expectedImmediateImprovement("deep_tissue", 7, true), EPS);
  }

  @Test
  void shortEpisodesCarryLessAndBelongToWeakerResponders() {
    // n = 1: nothing carried (the immediate figure is the relief alone)
    assertEquals(0.0, TrueEffects.expectedCourseImprovement("deep_tissue", 1, true), EPS);
    assertEquals(1.5, TrueEffects.expectedImmediateImprovement("deep_tissue", 1, true), EPS);
    // n = 2: 0.70 * 1.5 * 1/5 = 0.21
    assertEquals(0.21, TrueEffects.expectedCourseImprovement("deep_tissue", 2, false), EPS);
    // n = 3, adherent: 0.85 * 2.0 * 2/5 = 0.68
    assertEquals(0.68, TrueEffects.expectedCourseImprovement("deep_tissue", 3, true), EPS);
    // n = 5 swedish: 0.85 * 0.2 * 4/5 = 0.136; plus relief 0.8 = 0.936
    assertEquals(0.136, TrueEffects.expectedCourseImprovement("swedish", 5, false), EPS);
    assertEquals(0.936, TrueEffects.expectedImmediateImprovement("swedish", 5, false), EPS);
  }

  @Test
  void otherMeasuresAreProportional() {
    // 1.5 points of carried pain improvement: odi 6x, rmdq 1.5x, slr 4x; follow-up keeps 70 %
    assertEquals(9.0, TrueEffects.expectedCourseImprovement("odi", "deep_tissue", 6, false), EPS);
    assertEquals(2.25, TrueEffects.expectedCourseImprovement("rmdq", "deep_tissue", 6, false), EPS);
    assertEquals(
        6.0, TrueEffects.expectedCourseImprovement("slr_deg", "deep_tissue", 6, false), EPS);
    assertEquals(
        1.05, TrueEffects.expectedFollowupImprovement("nrs_pain", "deep_tissue", 6, false), EPS);
  }

  @Test
  void adherenceOfOneSessionEpisode() {
    // recorded with 0.4; then adherent iff yes: 0.45 * 0.85 + 0.55 * 0.15 = 0.465
    assertEquals(0.4 * 0.465, TrueEffects.adherentProbability(1), EPS);
  }

  @Test
  void adherenceOfTwoSessionEpisode() {
    // two recorded: adherent unless both no; one recorded: adherent iff yes
    double p = 0;
    for (double yes : new double[] {0.85, 0.15}) {
      double share = yes == 0.85 ? 0.45 : 0.55;
      double both = 0.4 * 0.88 * (1 - (1 - yes) * (1 - yes));
      double onlyFirst = 0.4 * 0.12 * yes;
      double onlySecond = 0.6 * 0.88 * yes;
      p += share * (both + onlyFirst + onlySecond);
    }
    assertEquals(p, TrueEffects.adherentProbability(2), EPS);
  }

  @Test
  void sessionCountsFormADistributionWithMeanSixPointThree() {
    double sum = 0;
    double mean = 0;
    for (int n = 1; n <= TrueEffects.maxSessions(); n++) {
      sum += TrueEffects.sessionCountProbability(n);
      mean += n * TrueEffects.sessionCountProbability(n);
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(6.30, mean, 1e-12);
  }

  @Test
  void naiveTrajectoryIsBentBySurvivorsButCohortIsNot() {
    for (String t : TrueEffects.TECHNIQUES) {
      double naive = TrueEffects.expectedTrajectoryImprovement(t, 2, 1);
      double cohort = TrueEffects.expectedTrajectoryImprovement(t, 2, 6);
      assertTrue(naive < cohort, t);
      assertEquals(
          TrueEffects.expectedTrajectoryImprovement(t, 6, 1),
          TrueEffects.expectedTrajectoryImprovement(t, 6, 6),
          EPS);
    }
  }

  @Test
  void unknownNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TrueEffects.sessionRelief("shiatsu"));
    assertThrows(IllegalArgumentException.class, () -> TrueEffects.pointsPerNrsPoint("vas"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TrueEffects.expectedCourseImprovement("swedish", 0, false));
  }
}
