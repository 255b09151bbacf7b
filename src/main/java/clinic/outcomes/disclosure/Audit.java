package clinic.outcomes.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The disclosure audit: for each withheld count, the smallest and largest value consistent with
 * every published count and every relation, by linear programming (ojAlgo's {@link
 * ExpressionsBasedModel}; counts are non-negative). Shown counts enter as constants; the withheld
 * counts split into independent groups (those linked by a constraint), and each group is its own
 * small program.
 */
public final class Audit {
  static {
    // ojAlgo otherwise prints a note about its hardware profiles on standard output
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
    // The audit's programs are small and many: ojAlgo's presolvers (exact BigDecimal arithmetic)
    // took about four fifths of the time and do not change an optimum, so they are switched off
    // (a setting of the library, for every model in this JVM: the project has no other).
    ExpressionsBasedModel.clearPresolvers();
  }

  private Audit() {}

  /**
   * The range of every count: exact for shown ones, the linear programs' bounds for hidden ones.
   *
   * @param d the page's counts and relations
   * @param hidden which counts the page withholds, by id
   */
  public static Range[] ranges(Disclosure d, boolean[] hidden) {
    return ranges(d, hidden, null);
  }

  /**
   * As {@link #ranges(Disclosure, boolean[])}, solving only for the hidden counts in {@code wanted}
   * (null: all); the others are null.
   */
  static Range[] ranges(Disclosure d, boolean[] hidden, boolean[] wanted) {
    Range[] out = new Range[d.size()];
    for (int i = 0; i < d.size(); i++) {
      out[i] = hidden[i] ? null : Range.exact(d.value(i));
    }
    for (int[] group : groups(d, hidden)) {
      solveGroup(d, hidden, group, wanted, out);
    }
    return out;
  }

  /**
   * The ranges of the hidden counts in the groups that a constraint with {@code cell} reaches: the
   * only ones that change when {@code cell} is hidden or shown. Other entries are null.
   */
  static Range[] rangesNear(Disclosure d, boolean[] hidden, int cell, boolean[] wanted) {
    boolean[] near = new boolean[d.size()];
    near[cell] = true;
    for (Disclosure.Constraint c : d.constraints()) {
      if (Arrays.stream(c.cells()).anyMatch(id -> id == cell)) {
        for (int id : c.cells()) {
          near[id] = true;
        }
      }
    }
    Range[] out = new Range[d.size()];
    for (int[] group : groups(d, hidden)) {
      if (Arrays.stream(group).anyMatch(g -> near[g])) {
        solveGroup(d, hidden, group, wanted, out);
      }
    }
    return out;
  }

  /** Hidden counts grouped by the constraints that link them (union-find). */
  static List<int[]> groups(Disclosure d, boolean[] hidden) {
    int[] parent = new int[d.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (Disclosure.Constraint c : d.constraints()) {
      int first = -1;
      for (int id : c.cells()) {
        if (!hidden[id]) {
          continue;
        }
        if (first < 0) {
          first = id;
        } else {
          parent[find(parent, id)] = find(parent, first);
        }
      }
    }
    List<List<Integer>> byRoot = new ArrayList<>();
    int[] index = new int[d.size()];
    Arrays.fill(index, -1);
    for (int i = 0; i < d.size(); i++) {
      if (!hidden[i]) {
        continue;
      }
      int root = find(parent, i);
      if (index[root] < 0) {
        index[root] = byRoot.size();
        byRoot.add(new ArrayList<>());
      }
      byRoot.get(index[root]).add(i);
    }
    return byRoot.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void solveGroup(
      Disclosure d, boolean[] hidden, int[] group, boolean[] wanted, Range[] out) {
    if (wanted != null && Arrays.stream(group).noneMatch(g -> wanted[g])) {
      return;
    }
    int[] var = new int[d.size()];
    Arrays.fill(var, -1);
    for (int k = 0; k < group.length; k++) {
      var[group[k]] = k;
    }
    List<double[]> rows = new ArrayList<>();
    List<Disclosure.Sense> senses = new ArrayList<>();
    List<Double> rhs = new ArrayList<>();
    for (Disclosure.Constraint c : d.constraints()) {
      double[] coef = new double[group.length];
      double constant = 0;
      boolean touches = false;
      for (int j = 0; j < c.cells().length; j++) {
        int id = c.cells()[j];
        if (var[id] >= 0) {
          coef[var[id]] += c.coefficients()[j];
          touches = true;
        } else if (!hidden[id]) {
          constant += c.coefficients()[j] * d.value(id);
        }
      }
      if (touches) {
        rows.add(coef);
        senses.add(c.sense());
        rhs.add(-constant);
      }
    }
    boolean consistent = true;
    for (int k = 0; k < group.length && consistent; k++) {
      if (wanted != null && !wanted[group[k]]) {
        continue;
      }
      double low = optimize(rows, senses, rhs, group.length, k, false);
      double high = optimize(rows, senses, rhs, group.length, k, true);
      out[group[k]] = new Range(low, high);
      consistent = !Double.isNaN(low) && !Double.isNaN(high);
    }
    if (!consistent) {
      for (int g : group) {
        out[g] = new Range(Double.NaN, Double.NaN);
      }
    }
  }

  /**
   * The smallest or largest value of variable {@code k} subject to {@code rows[i] . x (sense)
   * rhs[i]} and {@code x >= 0}; +infinity when unbounded, NaN when infeasible or not solved.
   */
  private static double optimize(
      List<double[]> rows,
      List<Disclosure.Sense> senses,
      List<Double> rhs,
      int n,
      int k,
      boolean max) {
    ExpressionsBasedModel m = new ExpressionsBasedModel();
    Variable[] x = new Variable[n];
    for (int i = 0; i < n; i++) {
      x[i] = m.addVariable("x" + i).lower(0);
    }
    x[k].weight(1);
    for (int r = 0; r < rows.size(); r++) {
      Expression e = m.addExpression("c" + r);
      double[] coef = rows.get(r);
      for (int i = 0; i < n; i++) {
        if (coef[i] != 0) {
          e.set(x[i], coef[i]);
        }
      }
      double b = rhs.get(r);
      switch (senses.get(r)) {
        case EQ -> e.level(b);
        case GE -> e.lower(b);
        case LE -> e.upper(b);
        default -> throw new IllegalStateException();
      }
    }
    Optimisation.Result result = max ? m.maximise() : m.minimise();
    Optimisation.State state = result.getState();
    if (state == Optimisation.State.UNBOUNDED) {
      return max ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    // a feasible point short of the optimum narrows the range: the audit errs on the strict side
    return state.isFeasible() ? result.getValue() : Double.NaN;
  }
}
