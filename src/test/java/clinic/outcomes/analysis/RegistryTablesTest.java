package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.GroupKey;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.spark.NamedRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The registry tables from hand-built counts (no Spark session: they are built on the driver from
 * the client pass's totals). Reference values: Newcombe, Stat Med 1998;17:873-890, Table II, method
 * 10 (hybrid score), to the 4 decimals the paper prints; NNT and NNH as the reciprocals of the
 * difference and its bounds (Altman, BMJ 1998;317:1309).
 */
class RegistryTablesTest {
  private static final double PAPER = 5e-5;

  private static Row statsRow(String groupBy, String group, long responders, long n) {
    return new NamedRow(StatsStage.SCHEMA)
        .set("analysis", "course")
        .set("measure", "nrs_pain")
        .set("group_by", groupBy)
        .set("group", group)
        .set("n", n)
        .set("mcid_n", n)
        .set("mcid_count", responders)
        .row();
  }

  @Test
  void benefitAndHarmAgainstTheReferenceWithNewcombesIntervals() {
    // Benefit: 56/70 deep tissue against 48/80 Swedish responders (Table II example (a)):
    // 0.2000, 95% CI 0.0524 to 0.3339. Harm: 9/10 against 3/10 episodes with an event (example
    // (b)): 0.6000, 0.1705 to 0.8090.
    List<Row> stats =
        List.of(
            statsRow("technique", "deep_tissue", 56, 70),
            statsRow("technique", "swedish", 48, 80),
            statsRow("technique_group", "specialized", 56, 70));
    Map<GroupKey, long[]> harm = new HashMap<>();
    harm.put(new GroupKey(PairTotals.HARM, "any", "technique", "deep_tissue"), new long[] {10, 9});
    harm.put(
        new GroupKey(PairTotals.HARM, "any", "technique_group", "specialized"), new long[] {10, 9});
    harm.put(new GroupKey(PairTotals.HARM, "any", "technique", "swedish"), new long[] {10, 3});
    List<Row> rows = RegistryTables.benefitHarm(Settings.defaults(), stats, harm);
    assertEquals(2, rows.size()); // deep_tissue, then the group specialized
    Row r = rows.get(0);
    assertEquals(
        List.of("nrs_pain", "deep_tissue", "swedish", 56L, 70L, 48L, 80L, 9L, 10L, 3L, 10L),
        List.of(
            r.getAs("measure"),
            r.getAs("level"),
            r.getAs("reference"),
            r.getAs("responders_level"),
            r.getAs("n_level"),
            r.getAs("responders_reference"),
            r.getAs("n_reference"),
            r.getAs("events_level"),
            r.getAs("episodes_level"),
            r.getAs("events_reference"),
            r.getAs("episodes_reference")));
    assertEquals(0.2, r.<Double>getAs("benefit_diff"), 1e-12);
    assertEquals(0.0524, r.<Double>getAs("benefit_ci_low"), PAPER);
    assertEquals(0.3339, r.<Double>getAs("benefit_ci_high"), PAPER);
    assertEquals(5.0, r.<Double>getAs("nnt"), 1e-9);
    assertEquals(1 / r.<Double>getAs("benefit_ci_high"), r.<Double>getAs("nnt_ci_low"), 1e-12);
    assertEquals(1 / r.<Double>getAs("benefit_ci_low"), r.<Double>getAs("nnt_ci_high"), 1e-12);
    assertEquals(0.6, r.<Double>getAs("harm_diff"), 1e-12);
    assertEquals(0.1705, r.<Double>getAs("harm_ci_low"), PAPER);
    assertEquals(0.8090, r.<Double>getAs("harm_ci_high"), PAPER);
    assertEquals(1 / 0.6, r.<Double>getAs("nnh"), 1e-12);
    assertEquals("specialized", rows.get(1).getAs("level"));
  }

  @Test
  void anIntervalThatIncludesNoDifferenceHasNoNumberNeededInterval() {
    // 5/56 against 0/29 (Table II example (d)): 0.0893, -0.0381 to 0.1926: NNT 11.2, no interval.
    List<Row> stats =
        List.of(
            statsRow("technique", "deep_tissue", 5, 56), statsRow("technique", "swedish", 0, 29));
    Row r = RegistryTables.benefitHarm(Settings.defaults(), stats, Map.of()).get(0);
    assertEquals(-0.0381, r.<Double>getAs("benefit_ci_low"), PAPER);
    assertEquals(0.1926, r.<Double>getAs("benefit_ci_high"), PAPER);
    assertEquals(56.0 / 5.0, r.<Double>getAs("nnt"), 1e-9);
    assertNull(r.getAs("nnt_ci_low"));
    assertNull(r.getAs("nnt_ci_high"));
    assertNull(r.getAs("harm_diff")); // no episode records adverse events: no harm estimate
    assertEquals(0L, r.<Long>getAs("episodes_level"));
  }

  @Test
  void timeToMcidCurveAndMedianFromCountsPerSession() {
    // survfit(Surv(t, e) ~ 1) on t = 1,1,2,3,3,4 with e = 1,1,1,0,1,0 (hand-worked): n 6;
    // t=1: 2 events of 6 at risk, S = 4/6; t=2: 1 of 4, S = 4/6 * 3/4 = 0.5; t=3: 1 event and 1
    // censored of 3, S = 0.5 * 2/3 = 1/3; t=4: 0 events, 1 censored. S reaches 0.5 exactly at t=2
    // and stays there until t=3: print.survfit's median is the midpoint, 2.5.
    Map<GroupKey, TreeMap<Integer, long[]>> counts = new HashMap<>();
    TreeMap<Integer, long[]> t = new TreeMap<>();
    t.put(1, new long[] {2, 0});
    t.put(2, new long[] {1, 0});
    t.put(3, new long[] {1, 1});
    t.put(4, new long[] {0, 1});
    counts.put(new GroupKey(PairTotals.TIME_TO_MCID, "nrs_pain", "overall", "all"), t);
    RegistryTables.TimeToMcid r = RegistryTables.timeToMcid(counts);
    assertEquals(4, r.curves().size());
    Row third = r.curves().get(2);
    assertEquals(
        List.of(3L, 3L, 1L, 1L),
        List.of(
            third.getAs("sessions"),
            third.getAs("at_risk"),
            third.getAs("events"),
            third.getAs("censored")));
    assertEquals(1.0 / 3.0, third.<Double>getAs("survival"), 1e-15);
    Row m = r.medians().get(0);
    assertEquals(List.of(6L, 4L), List.of(m.getAs("n"), m.getAs("events")));
    assertEquals(2.5, m.<Double>getAs("median"), 1e-15);
  }
}
