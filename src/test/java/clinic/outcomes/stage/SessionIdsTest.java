package clinic.outcomes.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side files of session ids and the check over them ({@link SessionIds}): an id is conflicting
 * when its passing sessions, in any of the files, carry more than one distinct (fp64, fp32) pair,
 * the rule {@code ConflictingSessionsTest} states for the aggregation over the staged sessions.
 * Here by hand on a few ids, and on thousands of random ones against a plain map of sets, whatever
 * the ranges a task of the check is given.
 */
class SessionIdsTest {
  private final Configuration conf = new Configuration();

  private Path write(java.nio.file.Path dir, int piece, Object[]... sessions) {
    SessionIds.Collector c = new SessionIds.Collector();
    for (Object[] s : sessions) {
      c.add((String) s[0], (Long) s[1], (Integer) s[2]);
    }
    Path file = SessionIds.file(new Path(dir.toUri()), "sessions", piece);
    c.commit(file, conf);
    return file;
  }

  private List<String> conflicts(java.nio.file.Path dir, int tasks) {
    String side = new Path(new Path(dir.toUri()), SessionIds.DIR).toString();
    List<String> files = SessionIds.files(side, conf);
    Set<String> all = new TreeSet<>();
    int found = 0;
    for (int i = 0; i < tasks; i++) {
      List<String> mine =
          text(
              SessionIds.conflicts(
                  files, i * SessionIds.RANGES / tasks, (i + 1) * SessionIds.RANGES / tasks, conf));
      found += mine.size();
      all.addAll(mine);
    }
    assertEquals(found, all.size(), "an id found by two tasks or twice by one");
    return new ArrayList<>(all);
  }

  private static List<String> text(List<byte[]> utf8) {
    return utf8.stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
  }

  @Test
  void anIdIsConflictingWhenEitherHashTellsItsCopiesApartInAnyFile(@TempDir java.nio.file.Path d) {
    write(
        d,
        0,
        new Object[] {"S1", 10L, 1}, // one copy
        new Object[] {"S2", 10L, 1}, // two identical copies, one here
        new Object[] {"S3", 10L, 1}, // the 64-bit hashes differ (the other copy in piece 1)
        new Object[] {"S4", 10L, 1}, // only the 32-bit hashes differ, in the same piece
        new Object[] {"S4", 10L, 2},
        new Object[] {"S5", 10L, 2}, // both differ, crosswise
        new Object[] {"S6", 10L, 1}, // three copies, the third differs
        new Object[] {"S6", 10L, 1},
        new Object[] {null, 99L, 9}); // no id: not checked
    write(
        d,
        1,
        new Object[] {"S2", 10L, 1},
        new Object[] {"S3", 11L, 1},
        new Object[] {"S5", 11L, 1},
        new Object[] {"S6", 12L, 1},
        new Object[] {"S7", 10L, 1});
    write(d, 2); // a piece with no passing session
    for (int tasks : new int[] {1, 2, 3, SessionIds.RANGES}) {
      assertEquals(List.of("S3", "S4", "S5", "S6"), conflicts(d, tasks), tasks + " tasks");
    }
  }

  @Test
  void onlySessionsPassingEveryRowRuleAreCollected(@TempDir java.nio.file.Path d) {
    SessionIds.Collector c = new SessionIds.Collector();
    Object[] passing = {1L, "raw", 10L, 1, "", "S1"};
    Object[] failing = {2L, "raw", 11L, 1, "bad_date", "S1"};
    c.addStaged(passing);
    c.addStaged(failing);
    assertEquals(1, c.size());
  }

  @Test
  void thousandsOfRandomIdsAgreeWithAPlainMapOfSets(@TempDir java.nio.file.Path d) {
    Random rnd = new Random(7);
    Map<String, Set<List<Number>>> prints = new HashMap<>();
    int pieces = 9;
    List<List<Object[]>> byPiece = new ArrayList<>();
    for (int p = 0; p < pieces; p++) {
      byPiece.add(new ArrayList<>());
    }
    for (int i = 0; i < 20_000; i++) {
      // ids of 1 to 12 characters, some non-ASCII; about 1 in 4 drawn again
      String id = "S" + rnd.nextInt(15_000) + (rnd.nextInt(50) == 0 ? "é" : "");
      long fp64 = rnd.nextInt(40) == 0 ? rnd.nextInt(3) : 5;
      int fp32 = rnd.nextInt(60) == 0 ? rnd.nextInt(3) : 7;
      byPiece.get(rnd.nextInt(pieces)).add(new Object[] {id, fp64, fp32});
      prints.computeIfAbsent(id, k -> new HashSet<>()).add(List.of(fp64, fp32));
    }
    for (int p = 0; p < pieces; p++) {
      write(d, p, byPiece.get(p).toArray(Object[][]::new));
    }
    List<String> expected =
        prints.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    assertTrue(expected.size() > 100, "the draw makes many conflicts: " + expected.size());
    for (int tasks : new int[] {1, 2, 5, SessionIds.RANGES}) {
      assertEquals(expected, conflicts(d, tasks), tasks + " tasks");
    }
  }

  /**
   * Every conflicting id of a task's ranges comes back once (the caller decides how to hand on).
   */
  @Test
  void aTaskReturnsEveryConflictingIdOnce(@TempDir java.nio.file.Path d) {
    List<Object[]> s = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      s.add(new Object[] {"S" + i, 1L, 1});
      s.add(new Object[] {"S" + i, 2L, 1});
    }
    write(d, 0, s.toArray(Object[][]::new));
    String side = new Path(new Path(d.toUri()), SessionIds.DIR).toString();
    List<String> files = SessionIds.files(side, conf);
    List<String> ids = text(SessionIds.conflicts(files, 0, SessionIds.RANGES, conf));
    assertEquals(50, ids.size());
    assertEquals(50, new HashSet<>(ids).size());
  }

  @Test
  void aFileThatIsNoSideFileIsNamed(@TempDir java.nio.file.Path d) throws IOException {
    java.nio.file.Path junk = Files.writeString(d.resolve("sessions-00000"), "not a side file");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                SessionIds.conflicts(List.of(junk.toUri().toString()), 0, SessionIds.RANGES, conf));
    assertTrue(e.getMessage().contains("sessions-00000"), e.getMessage());
  }
}
