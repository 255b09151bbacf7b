package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PairCells}: an accumulator hands the sink, per (measure, slice) an episode touched, the
 * usable count and sums of its rows, or an open mark, as the per-episode maps it replaces did
 * (written out here as the reference); each key's cell is asked for once per sink.
 */
class PairCellsTest {
  private static final String[] MEASURES = {"nrs_pain", "odi", "rmdq"};

  /** What a sink received, one line per pair or open mark, in a canonical order. */
  private static final class Recording implements PairSink {
    final TreeMap<String, Integer> lines = new TreeMap<>();
    final Map<String, Integer> cellsAsked = new HashMap<>();

    @Override
    public void pair(String a, String m, String gb, String g, int k, long e, long l) {
      lines.merge(String.join("|", a, m, gb, g, "pair", "" + k, "" + e, "" + l), 1, Integer::sum);
    }

    @Override
    public void open(String a, String m, String gb, String g) {
      lines.merge(String.join("|", a, m, gb, g, "open"), 1, Integer::sum);
    }

    @Override
    public Cell cell(String a, String m, String gb, String g) {
      cellsAsked.merge(String.join("|", a, m, gb, g), 1, Integer::sum);
      return PairSink.super.cell(a, m, gb, g);
    }
  }

  /** One row of an episode: measure, slices, usable, earlier, later; or an open mark. */
  private record Add(String measure, int[] slices, boolean open, boolean usable, int e, int l) {}

  /** The reference: the accumulator this class replaced, a map per measure of maps per slice. */
  private static void reference(String analysis, List<Add> rows, PairCells cells, PairSink sink) {
    Map<String, Map<Integer, long[]>> byMeasure = new TreeMap<>();
    for (Add r : rows) {
      Map<Integer, long[]> m = byMeasure.computeIfAbsent(r.measure(), x -> new LinkedHashMap<>());
      for (int s : r.slices()) {
        long[] a = m.computeIfAbsent(s, x -> new long[4]);
        if (r.open()) {
          a[3] = 1;
        } else if (r.usable()) {
          a[0]++;
          a[1] += r.e();
          a[2] += r.l();
        }
      }
    }
    byMeasure.forEach(
        (measure, m) ->
            m.forEach(
                (s, a) -> {
                  PairCells.Slice slice = cells.sliceOf(s);
                  if (a[3] == 1) {
                    sink.open(analysis, measure, slice.groupBy(), slice.group());
                  } else {
                    sink.pair(
                        analysis, measure, slice.groupBy(), slice.group(), (int) a[0], a[1], a[2]);
                  }
                }));
  }

  /** A random row: open one time in {@code openIn}, unusable one in {@code unusableIn}. */
  private static Add draw(Random random, String measure, int[] slices, int openIn, int unusableIn) {
    return new Add(
        measure,
        slices,
        random.nextInt(openIn) == 0,
        random.nextInt(unusableIn) != 0,
        random.nextInt(101),
        random.nextInt(101));
  }

  /** Hands one episode's rows to an accumulator, as AnalysisPairs does. */
  private static void feed(PairCells.Accumulator acc, List<Add> rows) {
    for (Add r : rows) {
      if (r.open()) {
        acc.open(r.measure(), r.slices());
      } else {
        acc.add(r.measure(), r.slices(), r.usable(), r.e(), r.l());
      }
    }
  }

  @Test
  void randomEpisodesGiveTheReferencesPairsAndOpenMarks() {
    Random random = new Random(20261201L);
    PairCells cells = new PairCells();
    PairCells.Accumulator acc = cells.new Accumulator("course");
    Recording mine = new Recording();
    Recording expected = new Recording();
    for (int episode = 0; episode < 300; episode++) {
      // Up to 400 distinct slices and 60 rows: past the arrays' first sizes (16 entries).
      int rowsInEpisode = 1 + random.nextInt(episode % 10 == 0 ? 60 : 8);
      List<Add> rows = new ArrayList<>();
      for (int i = 0; i < rowsInEpisode; i++) {
        int[] slices = new int[1 + random.nextInt(12)];
        for (int j = 0; j < slices.length; j++) {
          int n = random.nextInt(400);
          slices[j] = cells.slice("by" + n % 7, "group" + n);
        }
        rows.add(draw(random, MEASURES[random.nextInt(MEASURES.length)], slices, 10, 4));
      }
      feed(acc, rows);
      acc.emit(mine);
      reference("course", rows, cells, expected);
    }
    assertEquals(expected.lines, mine.lines);
    // Each key's cell was asked for once, however many episodes fell under it.
    assertEquals(1, mine.cellsAsked.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    assertEquals(expected.lines.size() > 0, mine.cellsAsked.size() > 0);
  }

  @Test
  void cellsBelongToTheirSink() {
    PairCells cells = new PairCells();
    PairCells.Accumulator acc = cells.new Accumulator("course");
    int[] slices = {cells.slice("overall", "all"), cells.slice("technique", "deep_tissue")};
    Recording first = new Recording();
    Recording second = new Recording();
    acc.add("nrs_pain", slices, true, 60, 30);
    acc.emit(first);
    acc.add("nrs_pain", slices, true, 50, 20);
    acc.emit(second);
    acc.add("nrs_pain", slices, false, 0, 0);
    acc.emit(first);
    assertEquals(
        Map.of(
            "course|nrs_pain|overall|all|pair|1|60|30", 1,
            "course|nrs_pain|technique|deep_tissue|pair|1|60|30", 1,
            "course|nrs_pain|overall|all|pair|0|0|0", 1,
            "course|nrs_pain|technique|deep_tissue|pair|0|0|0", 1),
        first.lines);
    assertEquals(
        Map.of(
            "course|nrs_pain|overall|all|pair|1|50|20", 1,
            "course|nrs_pain|technique|deep_tissue|pair|1|50|20", 1),
        second.lines);
    // Back to the first sink after the second: its cells asked for again, once each.
    assertEquals(
        Map.of("course|nrs_pain|overall|all", 2, "course|nrs_pain|technique|deep_tissue", 2),
        first.cellsAsked);
  }

  @Test
  void totalsThroughCellsEqualTotalsByName() {
    Map<String, Integer> mcid = Map.of("nrs_pain", 20, "odi", 100);
    PairTotals byName = new PairTotals(mcid);
    PairTotals byCell = new PairTotals(mcid);
    PairCells cells = new PairCells();
    PairCells.Accumulator acc = cells.new Accumulator("course");
    Random random = new Random(7L);
    for (int episode = 0; episode < 200; episode++) {
      List<Add> rows = new ArrayList<>();
      int rowsInEpisode = 1 + random.nextInt(5);
      for (int i = 0; i < rowsInEpisode; i++) {
        int[] slices = {
          cells.slice("overall", "all"), cells.slice("month", "m" + random.nextInt(9))
        };
        rows.add(draw(random, random.nextBoolean() ? "nrs_pain" : "odi", slices, 8, 5));
      }
      feed(acc, rows);
      acc.emit(byCell);
      reference("course", rows, cells, byName);
    }
    assertEquals(entries(byName), entries(byCell));
    assertEquals(2 + 2 * 9, entries(byCell).size()); // overall and 9 months, two measures
  }

  @Test
  void aCompletePairOfAnUnknownMeasureIsAnError() {
    PairTotals totals = new PairTotals(Map.of());
    PairSink.Cell c = totals.cell("course", "grip", "overall", "all");
    totals.pair(c, 0, 0, 0); // incomplete: counted, no measure needed
    assertThrows(IllegalArgumentException.class, () -> totals.pair(c, 1, 10, 5));
    assertEquals(
        1, totals.groups().get(new GroupKey("course", "grip", "overall", "all")).nIncomplete);
    assertEquals(0, totals.groups().get(new GroupKey("course", "grip", "overall", "all")).n);
  }

  /** Every group's totals as text, by key. */
  private static TreeMap<String, String> entries(PairTotals t) {
    TreeMap<String, String> m = new TreeMap<>();
    t.groups()
        .forEach(
            (k, g) -> {
              StringBuilder b = new StringBuilder();
              b.append(List.of(g.n, g.nIncomplete, g.nOpen, g.nSessions, g.mcidCount))
                  .append(List.of(g.r30n, g.r30count, g.r50count))
                  .append(g.histogram);
              g.byK()
                  .forEach((sessions, a) -> b.append(sessions).append(List.of(a[0], a[1], a[2])));
              m.put(k.toString(), b.toString());
            });
    return m;
  }
}
