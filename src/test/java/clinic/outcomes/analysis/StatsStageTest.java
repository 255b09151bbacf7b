package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.episodes.TotalsEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The statistics stage alone: partial pair totals, as the client pass's partitions would emit them
 * (one pair each), spread over 1, 2 and 7 partitions and merged as the client pass merges them,
 * then turned into stats rows. Three course pairs of pain (one session each, default settings: MCID
 * 2 points, min group n 5):
 *
 * <pre>
 * before 7.0 after 5.0  improvement 2.0  distance to best 7.0: 30 % needs 2.1, 50 % 3.5
 * before 6.0 after 5.0  improvement 1.0  distance 6.0: 30 % needs 1.8
 * before 8.0 after 4.0  improvement 4.0  distance 8.0: 30 % needs 2.4, 50 % 4.0 (reached)
 * </pre>
 *
 * By hand: n 3, mean before 21/3 = 7.0, after 14/3, mean change 7/3, SD of (2, 1, 4) = sqrt((1/9 +
 * 16/9 + 25/9) / 2) = sqrt(7/3), median 2.0; MCID 2 of 3 (2.0 and 4.0), 30 % and 50 % 1 of 3;
 * small_n (3 < 5). The t interval: 7/3 +- t(0.975, 2) sqrt(7/3) / sqrt(3), t quantile and p from
 * commons-math3's TDistribution.
 */
class StatsStageTest {
  private static final Settings SETTINGS = Settings.defaults();

  private static List<TotalsEntry> partialTotals() {
    List<TotalsEntry> entries = new ArrayList<>();
    int[][] pairs = {{70, 50}, {60, 50}, {80, 40}};
    for (int[] p : pairs) {
      PairTotals one = new PairTotals(SETTINGS.mcidTenths());
      one.pair("course", "nrs_pain", "overall", "all", 1, p[0], p[1]);
      entries.addAll(one.getEntries());
    }
    return entries;
  }

  private static Row statsRow(int partitions) {
    SparkSession spark = SharedSpark.get();
    // As the client pass merges its tasks' totals: entries spread over partitions, each
    // partition's totals added up, then merged.
    List<TotalsEntry> entries = partialTotals();
    PairTotals merged = new PairTotals(SETTINGS.mcidTenths());
    for (int p = 0; p < partitions; p++) {
      PairTotals part = new PairTotals(SETTINGS.mcidTenths());
      for (int i = p; i < entries.size(); i += partitions) {
        part.add(entries.get(i));
      }
      merged.merge(part);
    }
    List<Row> rows = new StatsStage(spark, SETTINGS).run(merged).rows();
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  @Test
  void theHandWorkedGroup() {
    Row r = statsRow(2);
    assertEquals("course nrs_pain overall all", String.join(" ", key(r)));
    assertEquals(3L, r.<Long>getAs("n"));
    assertEquals(3L, r.<Long>getAs("n_sessions"));
    assertEquals(0L, r.<Long>getAs("n_incomplete"));
    assertEquals(0L, r.<Long>getAs("n_open"));
    assertEquals(true, r.getAs("small_n"));
    assertEquals(7.0, r.<Double>getAs("mean_before"), 1e-12);
    assertEquals(14.0 / 3, r.<Double>getAs("mean_after"), 1e-12);
    assertEquals(7.0 / 3, r.<Double>getAs("mean_change"), 1e-12);
    double sd = Math.sqrt(7.0 / 3);
    assertEquals(sd, r.<Double>getAs("sd_change"), 1e-12);
    assertEquals(2.0, r.<Double>getAs("median_change"), 1e-12);
    TDistribution t = new TDistribution(2);
    double half = t.inverseCumulativeProbability(0.975) * sd / Math.sqrt(3);
    assertEquals(7.0 / 3 - half, r.<Double>getAs("ci_low"), 1e-9);
    assertEquals(7.0 / 3 + half, r.<Double>getAs("ci_high"), 1e-9);
    double tStat = (7.0 / 3) / (sd / Math.sqrt(3));
    assertEquals(2 * (1 - t.cumulativeProbability(tStat)), r.<Double>getAs("t_p"), 1e-9);
    // one test in its family: the BH q-value is the p-value
    assertEquals(r.<Double>getAs("t_p"), r.<Double>getAs("t_q"));
    assertEquals(3L, r.<Long>getAs("mcid_n"));
    assertEquals(2L, r.<Long>getAs("mcid_count"));
    assertEquals(2.0 / 3, r.<Double>getAs("mcid_rate"), 1e-12);
    assertEquals(3L, r.<Long>getAs("r30_n"));
    assertEquals(1L, r.<Long>getAs("r30_count"));
    assertEquals(3L, r.<Long>getAs("r50_n"));
    assertEquals(1L, r.<Long>getAs("r50_count"));
    assertNull(r.getAs("followup_eligible"));
    assertNull(r.getAs("followup_rate"));
  }

  @Test
  void theSameRowUnderOneTwoAndSevenPartitions() {
    Row one = statsRow(1);
    assertEquals(one, statsRow(2));
    assertEquals(one, statsRow(7));
  }

  private static List<String> key(Row r) {
    return List.of(r.getAs("analysis"), r.getAs("measure"), r.getAs("group_by"), r.getAs("group"));
  }
}
