package clinic.outcomes.report;

import static clinic.outcomes.report.Suppression.Status.COMPLEMENTARY;
import static clinic.outcomes.report.Suppression.Status.IMPLICIT;
import static clinic.outcomes.report.Suppression.Status.PRIMARY;
import static clinic.outcomes.report.Suppression.Status.SHOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small-cell suppression on hand-made tables, checked by an independent reader's attack. */
class SuppressionTest {
  private static final int MIN = 11;

  /** Cells and relations mirrored for the attack. */
  private static final class Table {
    final Suppression s = new Suppression(MIN);
    final List<Long> values = new ArrayList<>();
    final List<int[]> relations = new ArrayList<>();

    int cell(long v) {
      values.add(v);
      return s.cell(v);
    }

    int implicit(long v) {
      values.add(v);
      return s.implicitCell(v);
    }

    void relation(int total, int... parts) {
      int[] r = new int[parts.length + 1];
      r[0] = total;
      System.arraycopy(parts, 0, r, 1, parts.length);
      relations.add(r);
      s.relation(total, parts);
    }

    /** Solves and asserts that no small count can be worked back from the shown ones. */
    Suppression.Result solveSafely() {
      Suppression.Result r = s.solve();
      boolean[] known = new boolean[values.size()];
      for (int i = 0; i < known.length; i++) {
        known[i] = !r.hidden(i);
        if (known[i]) {
          assertFalse(
              Suppression.isSmall(values.get(i), MIN), "shown small count " + values.get(i));
        }
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int[] rel : relations) {
          int unknown = -1;
          int count = 0;
          for (int id : rel) {
            if (!known[id]) {
              unknown = id;
              count++;
            }
          }
          if (count == 1) {
            known[unknown] = true;
            changed = true;
            assertFalse(
                Suppression.isSmall(values.get(unknown), MIN),
                "small count "
                    + values.get(unknown)
                    + " (cell "
                    + unknown
                    + ") can be worked back");
          }
        }
      }
      return r;
    }
  }

  @Test
  void nothingIsSuppressedWhenNoCountIsSmall() {
    Table t = new Table();
    int a = t.cell(11);
    int b = t.cell(0);
    int c = t.cell(40);
    int total = t.cell(51);
    t.relation(total, a, b, c);
    Suppression.Result r = t.solveSafely();
    for (int i = 0; i < 4; i++) {
      assertEquals(SHOWN, r.status(i));
    }
  }

  @Test
  void countsOneToTenAreSmallZeroAndElevenAreNot() {
    assertFalse(Suppression.isSmall(0, MIN));
    assertTrue(Suppression.isSmall(1, MIN));
    assertTrue(Suppression.isSmall(10, MIN));
    assertFalse(Suppression.isSmall(11, MIN));
  }

  @Test
  void aSmallPartOfAShownTotalTakesTheNextSmallestPartWithIt() {
    Table t = new Table();
    int small = t.cell(5);
    int next = t.cell(40);
    int big = t.cell(60);
    int total = t.cell(105);
    t.relation(total, small, next, big);
    Suppression.Result r = t.solveSafely();
    assertEquals(PRIMARY, r.status(small));
    assertEquals(COMPLEMENTARY, r.status(next));
    assertEquals(SHOWN, r.status(big));
    assertEquals(SHOWN, r.status(total));
  }

  @Test
  void aZeroCellIsNotChosenToProtectASmallOne() {
    Table t = new Table();
    int small = t.cell(5);
    int zero = t.cell(0);
    int big = t.cell(60);
    int total = t.cell(65);
    t.relation(total, small, zero, big);
    Suppression.Result r = t.solveSafely();
    assertEquals(SHOWN, r.status(zero));
    assertEquals(COMPLEMENTARY, r.status(big));
  }

  @Test
  void twoWayTableWithMarginsIsProtectedInRowColumnAndRectangle() {
    // rows: techniques, columns: events, with row totals and column totals and a grand total
    long[][] v = {{4, 30, 50}, {20, 25, 60}, {15, 40, 35}};
    Table t = new Table();
    int[][] id = new int[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        id[i][j] = t.cell(v[i][j]);
      }
    }
    int[] rowTotal = new int[3];
    int[] colTotal = new int[3];
    long grand = 0;
    for (int i = 0; i < 3; i++) {
      rowTotal[i] = t.cell(v[i][0] + v[i][1] + v[i][2]);
      colTotal[i] = t.cell(v[0][i] + v[1][i] + v[2][i]);
      grand += v[i][0] + v[i][1] + v[i][2];
    }
    int all = t.cell(grand);
    for (int i = 0; i < 3; i++) {
      t.relation(rowTotal[i], id[i][0], id[i][1], id[i][2]);
      t.relation(colTotal[i], id[0][i], id[1][i], id[2][i]);
    }
    t.relation(all, rowTotal);
    t.relation(all, colTotal);
    Suppression.Result r = t.solveSafely();
    assertEquals(PRIMARY, r.status(id[0][0]));
    int hidden = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        hidden += r.hidden(id[i][j]) ? 1 : 0;
      }
    }
    assertTrue(
        hidden >= 4,
        "a single cell of a table with margins needs at least three partners: " + hidden);
    assertEquals(SHOWN, r.status(all));
  }

  @Test
  void nonRespondersThatFollowFromNAndRespondersAreProtected() {
    Table t = new Table();
    int n = t.cell(50);
    int responders = t.cell(45);
    int non = t.implicit(5);
    t.relation(n, responders, non);
    Suppression.Result r = t.solveSafely();
    assertEquals(SHOWN, r.status(n));
    assertEquals(COMPLEMENTARY, r.status(responders));
    assertEquals(IMPLICIT, r.status(non));
  }

  @Test
  void largeImplicitComplementsNeedNothing() {
    Table t = new Table();
    int n = t.cell(50);
    int responders = t.cell(20);
    t.relation(n, responders, t.implicit(30));
    Suppression.Result r = t.solveSafely();
    assertEquals(SHOWN, r.status(responders));
  }

  @Test
  void aDerivationThroughAChainIsBlockedWhereItCanBe() {
    // t = T - w (t never shown); k = K - m (k never shown); s = t - k with s small.
    Table t = new Table();
    int total = t.cell(100);
    int w = t.cell(60);
    int tt = t.implicit(40);
    t.relation(total, tt, w);
    int bigK = t.cell(80);
    int m = t.cell(45);
    int k = t.implicit(35);
    t.relation(bigK, k, m);
    int s = t.cell(5);
    t.relation(tt, s, k);
    Suppression.Result r = t.solveSafely();
    assertEquals(PRIMARY, r.status(s));
    assertTrue(r.hidden(w) || r.hidden(m) || r.hidden(total) || r.hidden(bigK));
  }

  @Test
  void twoSmallPartsAreNotGivenAwayByTheirSmallSum() {
    Table t = new Table();
    int a = t.cell(3);
    int b = t.cell(4);
    int c = t.cell(50);
    int total = t.cell(57);
    t.relation(total, a, b, c);
    Suppression.Result r = t.s.solve();
    assertEquals(PRIMARY, r.status(a));
    assertEquals(PRIMARY, r.status(b));
    assertEquals(COMPLEMENTARY, r.status(c), "3 + 4 = 7 would bound both small cells");
    assertEquals(SHOWN, r.status(total));
  }

  @Test
  void aGroupRowAndTheTotalAreBothHonoured() {
    // all = a + b + ref; group = a + b
    Table t = new Table();
    int a = t.cell(8);
    int b = t.cell(90);
    int ref = t.cell(70);
    int group = t.cell(98);
    int all = t.cell(168);
    t.relation(all, a, b, ref);
    t.relation(group, a, b);
    Suppression.Result r = t.solveSafely();
    assertEquals(PRIMARY, r.status(a));
    assertTrue(r.hidden(b) || r.hidden(group));
  }

  @Test
  void theDecisionIsDeterministic() {
    Suppression.Result first = null;
    for (int round = 0; round < 3; round++) {
      Table t = new Table();
      int[] parts = {t.cell(2), t.cell(30), t.cell(30), t.cell(9)};
      t.relation(t.cell(71), parts);
      Suppression.Result r = t.solveSafely();
      if (first != null) {
        for (int i = 0; i < r.size(); i++) {
          assertEquals(first.status(i), r.status(i));
        }
      }
      first = r;
    }
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Suppression(0));
    Suppression s = new Suppression(MIN);
    assertThrows(IllegalArgumentException.class, () -> s.cell(-1));
    assertThrows(IllegalArgumentException.class, () -> s.relation(3, 0));
  }
}
