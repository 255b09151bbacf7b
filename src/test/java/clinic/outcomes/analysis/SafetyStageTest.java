package clinic.outcomes.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.PairTotals;
import clinic.outcomes.episodes.SafetyCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The safety table alone, from the counts the client pass adds up per client ({@link
 * SafetyCounts}), on nine numbered sessions of four episodes and five clients (default settings:
 * the group {@code specialized} is deep tissue, trigger point and myofascial release):
 *
 * <pre>
 * episode client session technique      adverse_event
 * E1      C1     S1      deep_tissue    soreness
 * E1      C1     S2      deep_tissue    none
 * E1      C1     S3      swedish        (not recorded)
 * E2      C2     S4      swedish        bruising
 * E2      C2     S5      swedish        other
 * E3      C3     S6      trigger_point  increased_pain
 * E3      C3     S7      trigger_point  soreness
 * E4      C4     S8      deep_tissue    none
 * E4      C4     S9      swedish        (not recorded)
 * </pre>
 *
 * Counted by hand: per session, 7 sessions record the event (S3, S9 do not); per episode, an
 * episode counts for a technique only through its recorded sessions of that technique (E1 and E4
 * are not swedish episodes: their swedish sessions record nothing), and once however many events it
 * had (E2, E3 under {@code any}). Contraindicated without clearance: only C1 (hypertension,
 * clearance no; C2 has none, C3 has clearance, C4's clearance is unknown), 3 of the 9 sessions, the
 * unrecorded S3 included. No myofascial release session, so no such row.
 */
class SafetyStageTest {
  /**
   * unit, technique, then n and events for soreness, bruising, increased_pain, other, any (the
   * stage's event order), in the stage's row order (unit, then technique by name).
   */
  private static final String[] EXPECTED = {
    "session all 7 2 1 1 1 5",
    "session deep_tissue 3 1 0 0 0 1",
    "session specialized 5 2 0 1 0 3",
    "session swedish 2 0 1 0 1 2",
    "session trigger_point 2 1 0 1 0 2",
    "episode all 4 2 1 1 1 3",
    "episode deep_tissue 2 1 0 0 0 1",
    "episode specialized 3 2 0 1 0 2",
    "episode swedish 1 0 1 0 1 1",
    "episode trigger_point 1 1 0 1 0 1",
  };

  private static final List<String> EVENTS =
      List.of("soreness", "bruising", "increased_pain", "other", "any");

  private static Row session(
      String id, String client, String episode, int number, String technique, String event) {
    return RowFactory.create(
        id,
        client,
        "T1",
        LocalDate.of(2025, 1, 6),
        "2025-01",
        technique,
        60,
        event,
        "no",
        episode,
        1,
        number);
  }

  private static Row client(String id, String contraindications, String clearance) {
    return RowFactory.create(
        id, "40-49", "female", "other", 10, null, contraindications, clearance);
  }

  private List<Row> safety(int partitions) {
    List<Row> sessions =
        List.of(
            session("S1", "C1", "E1", 1, "deep_tissue", "soreness"),
            session("S2", "C1", "E1", 2, "deep_tissue", "none"),
            session("S3", "C1", "E1", 3, "swedish", null),
            session("S4", "C2", "E2", 1, "swedish", "bruising"),
            session("S5", "C2", "E2", 2, "swedish", "other"),
            session("S6", "C3", "E3", 1, "trigger_point", "increased_pain"),
            session("S7", "C3", "E3", 2, "trigger_point", "soreness"),
            session("S8", "C4", "E4", 1, "deep_tissue", "none"),
            session("S9", "C4", "E4", 2, "swedish", null));
    List<Row> clients =
        List.of(
            client("C1", "hypertension", "no"),
            client("C2", "none", "no"),
            client("C3", "recent_surgery", "yes"),
            client("C4", "diabetes|hypertension", null),
            client("C5", "open_wound", "no"));
    return SafetyStage.run(totals(sessions, clients, partitions), true);
  }

  /**
   * The counts as the client pass makes them: each client's sessions added by the {@link
   * SafetyCounts} of one of {@code partitions} partitions (clients dealt out in turn), the
   * partitions' totals then merged on the driver.
   */
  private static PairTotals totals(List<Row> sessions, List<Row> clients, int partitions) {
    Map<String, List<SafetyCounts.Session>> byClient = new TreeMap<>();
    for (Row s : sessions) {
      byClient
          .computeIfAbsent(s.getString(1), c -> new ArrayList<>())
          .add(new SafetyCounts.Session(s.getString(9), s.getString(5), s.getString(7)));
    }
    Map<String, Boolean> flagged = new HashMap<>();
    for (Row c : clients) {
      flagged.put(c.getString(0), SafetyCounts.flagged(c.getString(6), c.getString(7)));
    }
    List<PairTotals> parts = new ArrayList<>();
    List<SafetyCounts> counters = new ArrayList<>(); // one per partition, as the pass has
    for (int p = 0; p < partitions; p++) {
      parts.add(new PairTotals(Settings.defaults().mcidTenths()));
      counters.add(new SafetyCounts(Settings.defaults().techniqueGroups(), parts.get(p)));
    }
    int i = 0;
    for (Map.Entry<String, List<SafetyCounts.Session>> c : byClient.entrySet()) {
      counters.get(i++ % partitions).client(c.getValue(), flagged.getOrDefault(c.getKey(), false));
    }
    PairTotals merged = new PairTotals(Settings.defaults().mcidTenths());
    for (int p = partitions - 1; p >= 0; p--) {
      merged.merge(parts.get(p));
    }
    return merged;
  }

  /**
   * The Wilson score interval written out (Wilson 1927; Newcombe 1998, method 3) with z = the 0.975
   * normal quantile 1.959963984540054, checked in {@link #wilsonAsPublishedByR} against R.
   */
  private static double[] wilson(long k, long n) {
    double z = 1.959963984540054;
    double p = (double) k / n;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    return new double[] {centre - half, centre + half};
  }

  private static void assertRow(
      String unit, String technique, String event, long n, long k, Row r) {
    String where = unit + " " + technique + " " + event;
    assertEquals(unit, r.getAs("unit"), where);
    assertEquals(technique, r.getAs("technique"), where);
    assertEquals(event, r.getAs("event"), where);
    assertEquals(n, r.<Long>getAs("n"), where);
    assertEquals(k, r.<Long>getAs("n_events"), where);
    assertEquals((double) k / n, r.<Double>getAs("rate"), 1e-15, where);
    double[] ci = wilson(k, n);
    if (k == 0) {
      assertEquals(0.0, r.<Double>getAs("ci_low"), where); // exactly 0, not a rounding residue
    } else {
      assertEquals(ci[0], r.<Double>getAs("ci_low"), 1e-12, where);
    }
    if (k == n) {
      assertEquals(1.0, r.<Double>getAs("ci_high"), where);
    } else {
      assertEquals(ci[1], r.<Double>getAs("ci_high"), 1e-12, where);
    }
  }

  @Test
  void theHandCountedRows() {
    List<Row> rows = safety(2);
    assertEquals(EXPECTED.length * EVENTS.size() + 1, rows.size());
    int i = 0;
    for (String line : EXPECTED) {
      String[] f = line.split(" ");
      long n = Long.parseLong(f[2]);
      for (int e = 0; e < EVENTS.size(); e++) {
        assertRow(f[0], f[1], EVENTS.get(e), n, Long.parseLong(f[3 + e]), rows.get(i++));
      }
    }
    assertRow("session", "all", "contraindicated_without_clearance", 9, 3, rows.get(i));
  }

  @Test
  void wilsonAsPublishedByR() {
    List<Row> rows = safety(2);
    // R 4.2.2: prop.test(1, 2, correct = FALSE)$conf.int -> 0.094531205734230739
    // 0.905468794265769206
    Row swedishBruising = rows.get(3 * EVENTS.size() + 1);
    assertEquals("session swedish bruising", text(swedishBruising));
    assertEquals(0.094531205734230739, swedishBruising.<Double>getAs("ci_low"), 1e-12);
    assertEquals(0.905468794265769206, swedishBruising.<Double>getAs("ci_high"), 1e-12);
    double[] half = wilson(1, 2);
    assertEquals(0.094531205734230739, half[0], 1e-12);
    assertEquals(0.905468794265769206, half[1], 1e-12);
    // R 4.2.2: prop.test(1, 1, correct = FALSE)$conf.int -> 0.2065493143772375 1
    Row trigger = rows.get(9 * EVENTS.size() + 2);
    assertEquals("episode trigger_point increased_pain", text(trigger));
    assertEquals(0.2065493143772375, trigger.<Double>getAs("ci_low"), 1e-12);
    assertEquals(1.0, trigger.<Double>getAs("ci_high"));
    assertEquals(0.2065493143772375, wilson(1, 1)[0], 1e-12);
  }

  @Test
  void theSameRowsUnderOneTwoAndSevenPartitions() {
    List<Row> one = safety(1);
    assertEquals(one, safety(2), "2 partitions");
    assertEquals(one, safety(7), "7 partitions");
  }

  @Test
  void withoutAClientsFileThereIsNoContraindicationRow() {
    List<Row> sessions =
        List.of(
            session("S1", "C1", "E1", 1, "deep_tissue", "soreness"),
            session("S2", "C1", "E1", 2, "deep_tissue", null));
    List<Row> rows = SafetyStage.run(totals(sessions, List.of(), 1), false);
    List<String> keys = new ArrayList<>();
    for (Row r : rows) {
      keys.add(text(r) + " " + r.getAs("n_events") + "/" + r.getAs("n"));
    }
    List<String> expected = new ArrayList<>();
    for (String unit : List.of("session", "episode")) {
      for (String technique : List.of("all", "deep_tissue", "specialized")) {
        for (String event : EVENTS) {
          int k = event.equals("soreness") || event.equals("any") ? 1 : 0;
          expected.add(unit + " " + technique + " " + event + " " + k + "/1");
        }
      }
    }
    assertEquals(expected, keys);
  }

  private static String text(Row r) {
    return r.getAs("unit") + " " + r.getAs("technique") + " " + r.getAs("event");
  }
}
