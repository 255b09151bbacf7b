package clinic.outcomes.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;

/**
 * The audit on small tables solved by hand: each expected range is derived in the comment above it.
 * Counts are non-negative; shown counts are constants.
 */
class AuditTest {
  private static final int MIN = 11;
  private static final double TOL = 1e-6;

  private static void assertRange(double low, double high, Range r) {
    assertEquals(low, r.low(), TOL, "low of " + r);
    assertEquals(high, r.high(), TOL, "high of " + r);
  }

  @Test
  void oneUnknownInASumIsExact() {
    // 71 = specialized 65 + swedish s  =>  s = 71 - 65 = 6 exactly
    Disclosure d = new Disclosure();
    int all = d.count(71);
    int spec = d.count(65);
    int swe = d.count(6);
    d.sum(all, spec, swe);
    Range[] r = Audit.ranges(d, new boolean[] {false, false, true});
    assertRange(6, 6, r[swe]);
    assertTrue(r[swe].pinsSmall(MIN));
    assertFalse(r[swe].protects(MIN));
  }

  @Test
  void twoUnknownsShareTheRestOfTheTotal() {
    // 57 = a + b + 50 with a, b hidden  =>  a + b = 7, each in [0, 7]: not protected (7 < 11)
    Disclosure d = new Disclosure();
    int a = d.count(3);
    int b = d.count(4);
    int c = d.count(50);
    int t = d.count(57);
    d.sum(t, a, b, c);
    Range[] r = Audit.ranges(d, new boolean[] {true, true, false, false});
    assertRange(0, 7, r[a]);
    assertRange(0, 7, r[b]);
    // hiding c as well: a + b + c = 57, each in [0, 57]
    r = Audit.ranges(d, new boolean[] {true, true, true, false});
    assertRange(0, 57, r[a]);
    assertRange(0, 57, r[c]);
    assertTrue(r[a].protects(MIN));
  }

  /**
   * Why the audit does not use commons-math3's SimplexSolver (3.6.1), the library the issue
   * suggested: asked for the largest x1 with x0 + x1 + x2 = 57 and x >= 0 (by hand: 57, at x = (0,
   * 57, 0)), it answers 0. The audit's own programs are this shape: every published sum is an
   * equality. The audit (ojAlgo) gives 0..57 for the same program (the test above).
   */
  @Test
  void commonsMathSimplexGetsTheAuditsProgramsWrong() {
    LinearObjectiveFunction f = new LinearObjectiveFunction(new double[] {0, 1, 0}, 0);
    LinearConstraint sum = new LinearConstraint(new double[] {1, 1, 1}, Relationship.EQ, 57);
    PointValuePair p =
        new SimplexSolver()
            .optimize(
                f,
                new LinearConstraintSet(List.of(sum)),
                GoalType.MAXIMIZE,
                new NonNegativeConstraint(true));
    assertEquals(0.0, p.getValue(), TOL); // wrong: the maximum is 57
    Disclosure d = new Disclosure();
    int x0 = d.count(3);
    int x1 = d.count(4);
    int x2 = d.count(50);
    d.sum(d.count(57), x0, x1, x2);
    assertRange(0, 57, Audit.ranges(d, new boolean[] {true, true, true, false})[x1]);
  }

  @Test
  void theHierarchyOfTechniquesGivesAwayWhatNoSingleSumDoes() {
    // all = dt + tp + swe and specialized = dt + tp, with dt, tp, swe hidden and all = 71,
    // specialized = 65 shown: subtracting, swe = 71 - 65 = 6 although each sum has 2+ unknowns
    Disclosure d = new Disclosure();
    int dt = d.count(40);
    int tp = d.count(25);
    int swe = d.count(6);
    int all = d.count(71);
    int spec = d.count(65);
    d.sum(all, dt, tp, swe);
    d.sum(spec, dt, tp);
    Range[] r = Audit.ranges(d, new boolean[] {true, true, true, false, false});
    assertRange(6, 6, r[swe]);
    // dt + tp = 65, so dt in [0, 65]
    assertRange(0, 65, r[dt]);
    // hiding specialized too: dt + tp + swe = 71, swe in [0, 71]
    r = Audit.ranges(d, new boolean[] {true, true, true, false, true});
    assertRange(0, 71, r[swe]);
  }

  @Test
  void aTwoWayTableWithMarginsBoundsAHiddenRectangle() {
    // rows r1 = a + b = 20, r2 = c + e = 30; columns k1 = a + c = 15, k2 = b + e = 35; a..e hidden.
    // a = 20 - b, c = 15 - a, e = 30 - c = 15 + a, b = 20 - a: a in [0, 15] (c >= 0), and then
    // b = 20 - a in [5, 20], c in [0, 15], e in [15, 30]
    Disclosure d = new Disclosure();
    int a = d.count(4);
    int b = d.count(16);
    int c = d.count(11);
    int e = d.count(19);
    int r1 = d.count(20);
    int r2 = d.count(30);
    int k1 = d.count(15);
    int k2 = d.count(35);
    d.sum(r1, a, b);
    d.sum(r2, c, e);
    d.sum(k1, a, c);
    d.sum(k2, b, e);
    Range[] r = Audit.ranges(d, new boolean[] {true, true, true, true, false, false, false, false});
    assertRange(0, 15, r[a]);
    assertRange(5, 20, r[b]);
    assertRange(0, 15, r[c]);
    assertRange(15, 30, r[e]);
    assertTrue(r[a].protects(MIN));
  }

  @Test
  void aRoundedRateBoundsItsNumerator() {
    // 12 % of 57 shown to the unit (11.5 % to 12.5 %): 0.115 * 57 = 6.555 <= x <= 0.125 * 57 =
    // 7.125
    Disclosure d = new Disclosure();
    int x = d.count(7);
    int n = d.count(57);
    d.ratio(x, n, 0.115, 0.125);
    Range[] r = Audit.ranges(d, new boolean[] {true, false});
    assertRange(6.555, 7.125, r[x]);
    assertTrue(r[x].pinsSmall(MIN));
    // with the denominator hidden too, nothing bounds x from above: [0, infinity)
    r = Audit.ranges(d, new boolean[] {true, true});
    assertEquals(0, r[x].low(), TOL);
    assertEquals(Double.POSITIVE_INFINITY, r[x].high());
  }

  @Test
  void aSubsetIsNoLargerThanItsWhole() {
    // part <= 9 (shown whole): part in [0, 9]
    Disclosure d = new Disclosure();
    int part = d.count(4);
    int whole = d.count(9);
    d.atMost(part, whole);
    assertRange(0, 9, Audit.ranges(d, new boolean[] {true, false})[part]);
  }

  @Test
  void contradictoryFiguresAreReportedAsSuch() {
    // 10 = a + b declared while a = 7 and b = 8 are shown: no value is consistent (NaN)
    Disclosure d = new Disclosure();
    int a = d.count(7);
    int b = d.count(8);
    int t = d.count(10);
    d.sum(t, a, b);
    int hiddenA = d.count(2);
    d.sum(hiddenA, t);
    d.sum(hiddenA, a);
    Range r = Audit.ranges(d, new boolean[] {false, false, false, true})[hiddenA];
    assertFalse(r.consistent());
    assertFalse(r.protects(MIN));
  }

  @Test
  void protectionAddsTheSmallestPartnerUntilTheAuditPasses() {
    // all 71 = dt 40 + tp 25 + swe 6 and specialized 65 = dt + tp; swe is primary (6).
    // Round 1: swe = 71 - 40 - 25 = 6; its relation's smallest shown count is tp (25): hidden.
    // Round 2: tp = 65 - 40 = 25 from specialized, so swe = 6 still; next smallest partner dt (40).
    // Round 3: dt + tp = 65 and dt + tp + swe = 71 still give swe = 6; next partner all (71).
    // Then swe in [0, infinity) (nothing bounds all). Withdrawal, largest first: all is needed
    // (shown again it gives swe = 6); dt and tp are not (with all hidden, swe stays free).
    Disclosure d = new Disclosure();
    int dt = d.count(40);
    int tp = d.count(25);
    int swe = d.count(6);
    int all = d.count(71);
    int spec = d.count(65);
    d.sum(all, dt, tp, swe);
    d.sum(spec, dt, tp);
    Protection.Result r = Protection.protect(d, null, MIN);
    assertTrue(r.passes());
    assertEquals(4, r.rounds(), "three counts added, one audit each, after the first");
    assertEquals(
        List.of(
            Protection.Status.SHOWN,
            Protection.Status.SHOWN,
            Protection.Status.PRIMARY,
            Protection.Status.COMPLEMENTARY,
            Protection.Status.SHOWN),
        List.of(r.status()));
    assertEquals(0, r.ranges()[swe].low(), TOL);
    assertEquals(Double.POSITIVE_INFINITY, r.ranges()[swe].high());
  }

  @Test
  void aPageThatCannotBeProtectedIsReported() {
    // the figures contradict each other: no suppression makes the audit pass, and the result says
    // so
    Disclosure d = new Disclosure();
    int a = d.count(5);
    int b = d.count(0);
    d.sum(b, a);
    Protection.Result r = Protection.protect(d, null, MIN);
    assertFalse(r.passes());
    assertEquals(List.of(a), r.unprotected());
  }
}
