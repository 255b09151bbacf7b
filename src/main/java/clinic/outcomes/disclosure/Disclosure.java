package clinic.outcomes.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a published page tells a reader about its counts, as linear algebra: every count is a
 * non-negative unknown with its true value, and every relation a reader can see is a linear
 * constraint {@code sum(coefficient * count) (=, >= or <=) 0}: a total is the sum of its parts, a
 * count is at most its denominator, a published rate bounds its numerator by its denominator within
 * rounding. The same count shown in two places is one unknown (register it once).
 *
 * <p>Pure: no I/O, no Spark.
 */
public final class Disclosure {
  /** How the left side of a constraint compares with zero. */
  public enum Sense {
    EQ,
    GE,
    LE
  }

  /**
   * One linear constraint {@code sum(coefficients[i] * count(cells[i])) sense 0}.
   *
   * @param cells the counts involved
   * @param coefficients one per count
   * @param sense how the sum compares with zero
   */
  public record Constraint(int[] cells, double[] coefficients, Sense sense) {}

  private final List<Long> values = new ArrayList<>();
  private final List<Constraint> constraints = new ArrayList<>();

  /** Registers a count with its true value; returns its id. */
  public int count(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + value);
    }
    values.add(value);
    return values.size() - 1;
  }

  /** {@code total = sum of parts}. */
  public void sum(int total, int... parts) {
    int[] cells = new int[parts.length + 1];
    double[] coef = new double[parts.length + 1];
    cells[0] = total;
    coef[0] = 1;
    for (int i = 0; i < parts.length; i++) {
      cells[i + 1] = parts[i];
      coef[i + 1] = -1;
    }
    add(new Constraint(cells, coef, Sense.EQ));
  }

  /** {@code part <= whole}. */
  public void atMost(int part, int whole) {
    add(new Constraint(new int[] {whole, part}, new double[] {1, -1}, Sense.GE));
  }

  /**
   * A published rate {@code numerator / denominator} that lies in {@code [low, high]} (the
   * published figure widened by its rounding): {@code low * den <= num <= high * den}.
   */
  public void ratio(int numerator, int denominator, double low, double high) {
    if (!(low <= high)) {
      throw new IllegalArgumentException("rate interval " + low + " to " + high);
    }
    add(new Constraint(new int[] {numerator, denominator}, new double[] {1, -low}, Sense.GE));
    add(new Constraint(new int[] {numerator, denominator}, new double[] {1, -high}, Sense.LE));
  }

  /** Adds a constraint of any form. */
  public void add(Constraint c) {
    if (c.cells().length != c.coefficients().length) {
      throw new IllegalArgumentException("one coefficient per count");
    }
    for (int id : c.cells()) {
      if (id < 0 || id >= values.size()) {
        throw new IllegalArgumentException("unknown count " + id);
      }
    }
    constraints.add(c);
  }

  /** The true value of count {@code id}. */
  public long value(int id) {
    return values.get(id);
  }

  /** Number of counts. */
  public int size() {
    return values.size();
  }

  /** The constraints, in the order they were added. */
  public List<Constraint> constraints() {
    return Collections.unmodifiableList(constraints);
  }
}
