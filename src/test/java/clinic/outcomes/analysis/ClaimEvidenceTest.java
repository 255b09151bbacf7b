package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.claims.Claim;
import clinic.outcomes.claims.Evidence;
import clinic.outcomes.claims.Operator;
import clinic.outcomes.claims.Statistic;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientHistory;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.Groups;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import clinic.outcomes.stats.Histogram;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Claim evidence alone, from hand-built sufficient statistics (no Spark): a mean change from a
 * histogram at 95 % and at a Bonferroni-widened 99 %, a follow-up responder rate with its follow-up
 * rate, an adverse-event rate from a safety row, a harm difference from the episodes' harm counts
 * (a group level against the reference technique) and the sessions to the MCID from survival
 * counts; and no evidence (n 0) for a group the run does not have.
 */
class ClaimEvidenceTest {
  private static final Settings SETTINGS = Settings.defaults();

  private static Claim claim(
      Statistic statistic,
      String analysis,
      String measure,
      String groupBy,
      String group,
      String responder,
      String level,
      String unit,
      String technique,
      String event) {
    return new Claim(
        "c",
        "A claim.",
        "",
        statistic,
        analysis,
        measure,
        groupBy,
        group,
        responder,
        level == null ? null : "technique_group",
        level,
        unit,
        technique,
        event,
        Operator.GE,
        0,
        1,
        null,
        null);
  }

  private static Row statsRow(String analysis, long mcidN, long mcidCount, Double followupRate) {
    NamedRow r =
        new NamedRow(StatsStage.SCHEMA)
            .set("analysis", analysis)
            .set("measure", "nrs_pain")
            .set("group_by", Groups.OVERALL)
            .set("group", "all")
            .set("mcid_n", mcidN)
            .set("mcid_count", mcidCount)
            .set("followup_rate", followupRate);
    return r.row();
  }

  private static Row safetyRow(String unit, String technique, String event, long n, long k) {
    return new NamedRow(SafetyStage.SCHEMA)
        .set("unit", unit)
        .set("technique", technique)
        .set("event", event)
        .set("n", n)
        .set("n_events", k)
        .row();
  }

  /**
   * The evidence source: course pain changes 2, 1, 4 points in the group specialized; a 3-month
   * follow-up with 1 MCID responder of 2 completers and a follow-up rate of 0.5; increased pain in
   * 1 of 2 specialized episodes; any adverse event in 56 of 70 specialized and 48 of 80 Swedish
   * episodes (Newcombe's example (a)); the MCID reached at session 1, 2 and 3 by one episode each,
   * two more censored at 4 sessions.
   */
  private static ClaimEvidence evidence() {
    GroupKey course =
        new GroupKey(ClientHistory.COURSE, "nrs_pain", Groups.TECHNIQUE_GROUP, "specialized");
    Map<GroupKey, Histogram> histograms = Map.of(course, Histogram.of(2, 1, 4));
    StatsStage.Result stats =
        new StatsStage.Result(
            null, histograms, List.of(statsRow(Settings.followupAnalysis("3m"), 2, 1, 0.5)));
    ComparisonStage.Result comparisons =
        new ComparisonStage.Result(null, null, List.of(), List.of(), Map.of(), Map.of(), List.of());
    PairTotals totals = new PairTotals(SETTINGS.mcidTenths());
    for (int i = 0; i < 70; i++) {
      totals.harm(Groups.TECHNIQUE_GROUP, "specialized", i < 56);
    }
    for (int i = 0; i < 80; i++) {
      totals.harm(Groups.TECHNIQUE, "swedish", i < 48);
    }
    for (int sessions = 1; sessions <= 3; sessions++) {
      totals.timeToMcid("nrs_pain", Groups.OVERALL, "all", sessions, true);
    }
    totals.timeToMcid("nrs_pain", Groups.OVERALL, "all", 4, false);
    totals.timeToMcid("nrs_pain", Groups.OVERALL, "all", 4, false);
    List<Row> safety = List.of(safetyRow("episode", "specialized", "increased_pain", 2, 1));
    return new ClaimEvidence(SETTINGS, stats, comparisons, safety, totals);
  }

  @Test
  void meanChangeAtTheLevelAskedFor() {
    Claim c =
        claim(
            Statistic.MEAN_CHANGE,
            ClientHistory.COURSE,
            "nrs_pain",
            Groups.TECHNIQUE_GROUP,
            "specialized",
            null,
            null,
            null,
            null,
            null);
    // by hand: mean 7/3, SD sqrt(7/3) (StatsStageTest), Student t with 2 degrees of freedom
    double se = Math.sqrt(7.0 / 3) / Math.sqrt(3);
    TDistribution t = new TDistribution(2);
    for (double confidence : new double[] {0.95, 0.99}) {
      Evidence e = evidence().evidence(c, confidence);
      double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * se;
      assertEquals(7.0 / 3, e.estimate(), 1e-12);
      assertEquals(7.0 / 3 - half, e.low(), 1e-9, "low at " + confidence);
      assertEquals(7.0 / 3 + half, e.high(), 1e-9, "high at " + confidence);
      assertEquals(3, e.n());
      assertNull(e.followupRate());
    }
  }

  @Test
  void followupResponderRateCarriesItsFollowupRate() {
    Claim c =
        claim(
            Statistic.RESPONDER_RATE,
            Settings.followupAnalysis("3m"),
            "nrs_pain",
            Groups.OVERALL,
            "all",
            "mcid",
            null,
            null,
            null,
            null);
    Evidence e = evidence().evidence(c, 0.95);
    // R 4.2.2: prop.test(1, 2, correct = FALSE)$conf.int -> 0.094531205734230739
    // 0.905468794265769206
    assertEquals(0.5, e.estimate(), 1e-15);
    assertEquals(0.094531205734230739, e.low(), 1e-12);
    assertEquals(0.905468794265769206, e.high(), 1e-12);
    assertEquals(2, e.n());
    assertEquals(0.5, e.followupRate());
  }

  @Test
  void adverseEventRateFromTheSafetyRow() {
    Claim c =
        claim(
            Statistic.ADVERSE_EVENT_RATE,
            null,
            null,
            null,
            null,
            null,
            null,
            "episode",
            "specialized",
            "increased_pain");
    Evidence e = evidence().evidence(c, 0.95);
    // R 4.2.2: prop.test(1, 2, correct = FALSE)$conf.int, as above
    assertEquals(0.5, e.estimate(), 1e-15);
    assertEquals(0.094531205734230739, e.low(), 1e-12);
    assertEquals(0.905468794265769206, e.high(), 1e-12);
    assertEquals(2, e.n());
  }

  @Test
  void harmDifferenceOfAGroupAgainstTheReference() {
    Claim c =
        claim(Statistic.HARM_DIFF, null, null, null, null, null, "specialized", null, null, null);
    Evidence e = evidence().evidence(c, 0.95);
    // Newcombe (1998), Stat Med 17:873, Table II example (a) 56/70 - 48/80, method 10:
    // 0.0524 to 0.3339 (RiskDifferenceTest holds the unrounded values)
    assertEquals(0.2, e.estimate(), 1e-12);
    assertEquals(0.0524, e.low(), 5e-5);
    assertEquals(0.3339, e.high(), 5e-5);
    assertEquals(70, e.n()); // the smaller group
  }

  @Test
  void sessionsToMcidIsTheKaplanMeierMedian() {
    Claim c =
        claim(
            Statistic.SESSIONS_TO_MCID,
            null,
            "nrs_pain",
            Groups.OVERALL,
            "all",
            null,
            null,
            null,
            null,
            null);
    Evidence e = evidence().evidence(c, 0.95);
    // by hand: 5 at risk; S(1) = 4/5, S(2) = 4/5 * 3/4 = 3/5, S(3) = 3/5 * 2/3 = 2/5 < 1/2
    assertEquals(3.0, e.estimate());
    assertEquals(5, e.n());
  }

  @Test
  void aGroupTheRunDoesNotHaveHasNoEvidence() {
    ClaimEvidence source = evidence();
    Claim rate =
        claim(
            Statistic.ADVERSE_EVENT_RATE,
            null,
            null,
            null,
            null,
            null,
            null,
            "session",
            "specialized",
            "increased_pain");
    Claim mean =
        claim(
            Statistic.MEAN_CHANGE,
            ClientHistory.COURSE,
            "odi",
            Groups.OVERALL,
            "all",
            null,
            null,
            null,
            null,
            null);
    Claim harm =
        claim(Statistic.HARM_DIFF, null, null, null, null, null, "deep_tissue", null, null, null);
    for (Claim c : List.of(rate, mean, harm)) {
      Evidence e = source.evidence(c, 0.95);
      assertEquals(new Evidence(null, null, null, 0), e, c.statistic().toString());
    }
  }
}
