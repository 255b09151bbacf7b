package clinic.outcomes.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The course cells the client pass adds up for the regressions: each cell's sums by hand, which
 * pairs keep their therapist, and the same cells and sums (exact integers) whatever the tasks and
 * the order their cells are merged in.
 */
class CourseCellsTest {
  @Test
  void addsUpEachCellInWholeTenths() {
    CourseCells c = new CourseCells();
    // two pairs of one cell, two therapists: (b, y) = (70, 10) and (50, -5) tenths
    c.add(
        "nrs_pain",
        "swedish",
        "T1",
        "adherent",
        true,
        "40-49",
        "female",
        "sciatica",
        "acute",
        70,
        10,
        3);
    c.add(
        "nrs_pain",
        "swedish",
        "T2",
        "adherent",
        true,
        "40-49",
        "female",
        "sciatica",
        "acute",
        50,
        -5,
        3);
    // another measure: not the therapist model's
    c.add(
        "odi",
        "swedish",
        "T1",
        "adherent",
        true,
        "40-49",
        "female",
        "sciatica",
        "acute",
        300,
        120,
        2);
    // no client row: not the therapist model's either
    c.add("nrs_pain", "swedish", "T2", null, false, null, null, null, "unknown", 60, 0, 1);
    // a second pair of T1, another technique and age band, no therapist for a third
    c.add(
        "nrs_pain",
        "deep_tissue",
        "T1",
        "adherent",
        true,
        "50-59",
        "female",
        "sciatica",
        "acute",
        80,
        30,
        2);
    c.add(
        "nrs_pain",
        "deep_tissue",
        null,
        "adherent",
        true,
        "50-59",
        "female",
        "sciatica",
        "acute",
        40,
        10,
        2);
    List<String> got = new ArrayList<>();
    for (Map.Entry<CourseCells.Cell, CourseCells.Sums> e : c.cells()) {
      got.add(e.getKey().measure() + " " + e.getKey().technique() + " " + e.getValue());
    }
    assertEquals(
        List.of(
            // in the cells' order: by measure, technique, then a missing adherence first
            "nrs_pain deep_tissue Sums[n=2, b=120, y=40, bb=8000, by=2800, yy=1000]",
            "nrs_pain swedish Sums[n=1, b=60, y=0, bb=3600, by=0, yy=0]",
            // n 2, b 70 + 50, y 10 - 5, bb 4900 + 2500, by 700 - 250, yy 100 + 25
            "nrs_pain swedish Sums[n=2, b=120, y=5, bb=7400, by=450, yy=125]",
            "odi swedish Sums[n=1, b=300, y=120, bb=90000, by=36000, yy=14400]"),
        got);
    assertEquals(
        List.of(
            "[1.0, 0.0, 1.0]",
            "[2.0, 1.0, 1.0]",
            "[2.0, 3.0, 1.0]",
            "[3.0, -0.5, 1.0]",
            "[3.0, 1.0, 1.0]"),
        c.joint("nrs_pain").stream().map(Arrays::toString).sorted().toList());
    assertNull(c.joint("rmdq"));
    // the therapist model's pairs (nrs_pain with a client row) by therapist, none first
    List<String> therapists = new ArrayList<>();
    c.therapists()
        .forEach(
            (t, s) ->
                therapists.add(
                    t
                        + " n "
                        + s.n()
                        + " y "
                        + s.y()
                        + " b "
                        + s.b()
                        + " swedish "
                        + s.count("technique=swedish")
                        + " 50-59 "
                        + s.count("age_band=50-59")
                        + " female "
                        + s.count("sex=female")));
    assertEquals(
        List.of(
            "null n 1 y 10 b 40 swedish 0 50-59 1 female 1",
            "T1 n 2 y 40 b 150 swedish 1 50-59 1 female 2",
            "T2 n 1 y -5 b 50 swedish 1 50-59 0 female 1"),
        therapists);
  }

  @Test
  void theSameCellsFromAnyTasksInAnyOrder() {
    Random r = new Random(7);
    String[] techniques = {"swedish", "deep_tissue", null};
    String[] bands = {"30-39", "40-49", null};
    int[][] pairs = new int[2000][];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] =
          new int[] {
            r.nextInt(3),
            r.nextInt(3),
            r.nextInt(2),
            r.nextInt(101),
            r.nextInt(201) - 100,
            1 + r.nextInt(9)
          };
    }
    List<String> first = null;
    for (int tasks : new int[] {1, 3, 16}) {
      List<CourseCells> parts = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        parts.add(new CourseCells());
      }
      for (int i = 0; i < pairs.length; i++) {
        int[] p = pairs[i];
        parts
            .get(r.nextInt(tasks))
            .add(
                p[2] == 0 ? "nrs_pain" : "odi",
                techniques[p[0]],
                "T" + p[1],
                "adherent",
                p[1] != 1,
                bands[p[1]],
                "female",
                "sciatica",
                "chronic",
                p[3],
                p[4],
                p[5]);
      }
      CourseCells all = new CourseCells();
      for (int t = tasks - 1; t >= 0; t--) {
        all.merge(parts.get(t));
      }
      List<String> got = new ArrayList<>();
      all.cells().forEach(e -> got.add(e.getKey() + " " + e.getValue()));
      all.therapists()
          .forEach(
              (t, s) ->
                  got.add(
                      t
                          + " "
                          + s.n()
                          + " "
                          + s.y()
                          + " "
                          + s.b()
                          + " "
                          + s.count("technique=swedish")
                          + " "
                          + s.count("age_band=null")));
      got.add(
          String.valueOf(all.joint("nrs_pain").stream().map(Arrays::toString).sorted().toList()));
      if (first == null) {
        first = got;
      } else {
        assertEquals(first, got, tasks + " tasks");
      }
    }
    long n = 0;
    for (String line : first) {
      int at = line.indexOf("Sums[n=");
      if (at >= 0) {
        n += Long.parseLong(line.substring(at + 7, line.indexOf(',', at)));
      }
    }
    assertEquals(pairs.length, n);
  }

  @Test
  void packsSessionsAndNegativeImprovementsIntoOneKey() {
    for (int[] v : new int[][] {{3, -15}, {1, 0}, {60, 100}, {2, Integer.MIN_VALUE}}) {
      long k = CourseCells.pack(v[0], v[1]);
      assertArrayEquals(
          v, new int[] {CourseCells.sessions(k), CourseCells.improvementTenths(k)}, "" + k);
    }
  }
}
