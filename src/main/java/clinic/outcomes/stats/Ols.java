package clinic.outcomes.stats;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ordinary least squares with an intercept, from mergeable sufficient statistics (SPEC
 * "Comparisons": ANCOVA and risk-adjusted differences; "Dose-response": the slope).
 *
 * <p>Build an {@link Accumulator}, add rows (or merge partial accumulators), then call {@link
 * #fit(Accumulator, double)}. The fit centres the raw moments and solves the normal equations by
 * Gauss-Jordan elimination in 50-significant-digit decimal arithmetic ({@link NormalEquations}), so
 * the rounding of the solve is negligible; the accuracy is that of the accumulated moments
 * (double-double, about 32 digits). On NIST StRD Longley every certified estimate and standard
 * deviation is reproduced to better than 1e-13 relative (see the tests).
 *
 * <p>Rank deficiency: a predictor whose residual sum of squares after regression on the intercept
 * and the preceding predictors is at most {@value #RANK_TOLERANCE} times its own centred sum of
 * squares (variance inflation above 1e10, a location-invariant test), or which is constant (centred
 * sum of squares at most 1e-20 times its raw sum of squares, i.e. a coefficient of variation below
 * 1e-10), makes the design rank-deficient and the fit null. Indicator columns that are exact linear
 * combinations of others (e.g. all levels of a factor plus the intercept, or a category absent from
 * the data) give a relative residual of exactly 0 up to about 1e-30, far below the tolerance.
 *
 * <p>Exact fit: a residual sum of squares at most 1e-28 times the total sum of squares (below the
 * precision of the accumulated moments) is taken as 0; the standard errors are then 0.0 and the
 * intervals and p-values null.
 */
public final class Ols {

  /** Relative pivot below which the design is declared rank-deficient. */
  public static final double RANK_TOLERANCE = 1e-10;

  private static final MathContext MC = NormalEquations.MC;

  /** RSS at most this fraction of TSS is taken as an exact fit (RSS = 0). */
  private static final BigDecimal EXACT_FIT = new BigDecimal("1e-28");

  private Ols() {}

  /**
   * One estimated parameter.
   *
   * @param estimate the estimate, in the unit of y per unit of the predictor (of y for the
   *     intercept)
   * @param standardError its standard error (0.0 when the fit is exact)
   * @param ciLow lower bound of the t-based confidence interval {@code estimate - t_{1-alpha/2,
   *     n-p} se}; null when the residual variance is 0
   * @param ciHigh upper bound; null when the residual variance is 0
   * @param p two-sided p of the t-test of the parameter = 0 with n - p df; null when the residual
   *     variance is 0
   */
  public record Coefficient(
      double estimate, double standardError, Double ciLow, Double ciHigh, Double p) {}

  /**
   * A fitted model.
   *
   * @param n number of observations
   * @param residualDf residual degrees of freedom n - p (&ge; 1)
   * @param coefficients one entry per parameter (p = k + 1): index 0 is the intercept, index j =
   *     1..k the predictor at position j - 1 of {@link Accumulator#add(double[], double)};
   *     unmodifiable
   * @param residualSd residual standard deviation sqrt(RSS / (n - p)), in the unit of y
   * @param rSquared coefficient of determination 1 - RSS / TSS; null when y is constant
   */
  public record Fit(
      long n, long residualDf, List<Coefficient> coefficients, double residualSd, Double rSquared) {

    /**
     * Copies the coefficient list.
     *
     * @param n number of observations
     * @param residualDf residual degrees of freedom
     * @param coefficients the parameters, intercept first
     * @param residualSd residual standard deviation
     * @param rSquared coefficient of determination, or null
     * @throws NullPointerException when {@code coefficients} or an entry is null
     */
    public Fit {
      coefficients = List.copyOf(coefficients);
    }

    /**
     * The parameter at an index.
     *
     * @param j 0 for the intercept, 1..k for the predictors
     * @return the coefficient
     * @throws IndexOutOfBoundsException when j is out of range
     */
    public Coefficient coefficient(int j) {
      return coefficients.get(j);
    }
  }

  /**
   * Fits the model from accumulated sufficient statistics.
   *
   * @param acc the accumulated data; not modified
   * @param confidence two-sided confidence level of the intervals, e.g. 0.95
   * @return the fit, or null when n &le; p (no residual degree of freedom) or the design is
   *     rank-deficient (see {@link Ols}, including a constant predictor)
   * @throws IllegalArgumentException when {@code acc} is null or {@code confidence} is not strictly
   *     between 0 and 1
   */
  public static Fit fit(Accumulator acc, double confidence) {
    if (acc == null) {
      throw new IllegalArgumentException("accumulator must not be null");
    }
    Support.checkConfidence(confidence);
    int p = acc.predictors() + 1;
    long n = acc.n();
    if (n <= p) {
      return null;
    }
    NormalEquations.Solution sol = NormalEquations.solve(acc);
    if (sol == null) {
      return null;
    }
    BigDecimal tss = sol.tss();
    BigDecimal rss = sol.rss();
    if (rss.compareTo(tss.multiply(EXACT_FIT, MC)) <= 0) {
      // Below the precision of the accumulated moments (about 1e-32): an exact fit.
      rss = BigDecimal.ZERO;
    }
    long df = n - p;
    BigDecimal sigma2 = rss.divide(BigDecimal.valueOf(df), MC);
    List<Coefficient> coefficients = new ArrayList<>(p);
    boolean exactFit = rss.signum() == 0;
    double tq = Support.tQuantile(confidence, df);
    for (int j = 0; j < p; j++) {
      BigDecimal beta = sol.beta()[j];
      double b = beta.doubleValue();
      BigDecimal var = sigma2.multiply(sol.varianceFactor(j), MC);
      double se = Math.sqrt(var.doubleValue());
      if (exactFit) {
        coefficients.add(new Coefficient(b, se, null, null, null));
      } else {
        double t = beta.divide(var.sqrt(MC), MC).doubleValue();
        coefficients.add(
            new Coefficient(b, se, b - tq * se, b + tq * se, Support.tTwoSidedP(t, df)));
      }
    }
    Double r2 =
        tss.signum() > 0 ? BigDecimal.ONE.subtract(rss.divide(tss, MC), MC).doubleValue() : null;
    return new Fit(n, df, coefficients, Math.sqrt(sigma2.doubleValue()), r2);
  }

  /**
   * Mergeable sufficient statistics of an ordinary least squares model with an intercept and {@code
   * k} predictors: n, X'X, X'y and y'y (the upper triangle of the raw moment matrix of z = (1, x_1,
   * ..., x_k, y)), so that Spark can aggregate rows in partitions and merge them.
   *
   * <p>A zero product (an indicator that is 0 for this observation) is skipped, not added: adding
   * zero leaves a double-double sum as it was, and in the comparisons' designs most predictors are
   * indicators, most of them 0 for any one episode.
   *
   * <p>Numerical care: every product is formed exactly (as a sum of two doubles via {@link
   * Math#fma}) and accumulated in double-double arithmetic (about 106 significant bits), so the raw
   * moments lose no information to cancellation; {@link Ols#fit} centres them in 50-digit decimal
   * arithmetic. This is what makes the NIST Longley problem solvable from normal equations.
   *
   * <p>Not thread-safe (mutable, like any aggregation buffer). State is plain doubles: see {@link
   * #toArray()}.
   */
  public static final class Accumulator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int k;
    private final int m;
    private final double[] hi;
    private final double[] lo;

    /**
     * An empty accumulator.
     *
     * @param predictors number k &ge; 0 of predictors, not counting the intercept (the model always
     *     has an intercept)
     * @throws IllegalArgumentException when {@code predictors < 0}
     */
    public Accumulator(int predictors) {
      if (predictors < 0) {
        throw new IllegalArgumentException("predictors must be >= 0: " + predictors);
      }
      this.k = predictors;
      this.m = predictors + 2;
      this.hi = new double[m * (m + 1) / 2];
      this.lo = new double[hi.length];
    }

    /**
     * Number of predictors k, not counting the intercept.
     *
     * @return k
     */
    public int predictors() {
      return k;
    }

    /**
     * Number of observations added so far.
     *
     * @return n
     */
    public long n() {
      return (long) (hi[0] + lo[0]);
    }

    /**
     * Adds one observation.
     *
     * @param x the k predictor values (no leading 1 for the intercept)
     * @param y the response
     * @return this accumulator
     * @throws IllegalArgumentException when {@code x} is null, its length is not k, or a value is
     *     NaN or infinite
     */
    public Accumulator add(double[] x, double y) {
      return add(x, y, 1L);
    }

    /**
     * Adds {@code count} identical observations (for histogram-style input).
     *
     * @param x the k predictor values (no leading 1 for the intercept)
     * @param y the response
     * @param count the number of observations, {@code 1 <= count <= 2^53}
     * @return this accumulator
     * @throws IllegalArgumentException when {@code x} is null, its length is not k, a value is NaN
     *     or infinite, or {@code count} is out of range
     */
    public Accumulator add(double[] x, double y, long count) {
      if (x == null || x.length != k) {
        throw new IllegalArgumentException("x must have " + k + " values");
      }
      if (count < 1 || count > (1L << 53)) {
        throw new IllegalArgumentException("count out of range: " + count);
      }
      double[] z = new double[m];
      z[0] = 1.0;
      for (int i = 0; i < k; i++) {
        if (!Double.isFinite(x[i])) {
          throw new IllegalArgumentException("x[" + i + "] is not finite: " + x[i]);
        }
        z[i + 1] = x[i];
      }
      if (!Double.isFinite(y)) {
        throw new IllegalArgumentException("y is not finite: " + y);
      }
      z[m - 1] = y;
      double c = count;
      // Only the non-zero values' products: most predictors are indicators, mostly 0, and a zero
      // product adds nothing. Entry (i, j) of the upper triangle (i <= j) is at row + j, where row
      // = i*m - i(i-1)/2 - i: the rows before i hold m, m - 1, ..., m - i + 1 entries.
      int[] nz = new int[m];
      int nonZero = 0;
      for (int i = 0; i < m; i++) {
        if (z[i] != 0.0) {
          nz[nonZero++] = i;
        }
      }
      for (int a = 0; a < nonZero; a++) {
        int i = nz[a];
        int row = i * m - i * (i - 1) / 2 - i;
        for (int b = a; b < nonZero; b++) {
          int j = nz[b];
          double ph = z[i] * z[j];
          double pl = Math.fma(z[i], z[j], -ph);
          if (count != 1L) {
            double qh = ph * c;
            pl = Math.fma(ph, c, -qh) + pl * c;
            ph = qh;
          }
          accumulate(row + j, ph, pl);
        }
      }
      return this;
    }

    /**
     * Adds a group of observations that share every predictor but one, v, whose values and the
     * response y's are whole multiples of {@code 1/unit} (scores in tenths: unit 10), given by the
     * exact integer sums of those multiples: the shared values' products are n times their product,
     * those with v or y come from the sums, each divided by the unit in double-double arithmetic.
     * The same state as adding the observations one by one, up to double-double rounding.
     *
     * @param x the k predictor values (no leading 1 for the intercept); {@code x[varying]} is not
     *     read
     * @param varying the index in {@code x} of v
     * @param n the group's number of observations, {@code 1 <= n <= 2^53}
     * @param s the sums of V, V², Y, V·Y and Y², where v = V / unit and y = Y / unit; each of
     *     magnitude at most 2^53
     * @param unit the values' unit, at least 1
     * @return this accumulator
     * @throws IllegalArgumentException when {@code x} is null, its length is not k, {@code varying}
     *     is not an index of it, a shared value is NaN or infinite, or {@code n}, a sum or {@code
     *     unit} is out of range
     */
    public Accumulator addGroup(double[] x, int varying, long n, long[] s, int unit) {
      OlsGroups.add(this, x, varying, n, s, unit);
      return this;
    }

    /**
     * Adds the observations of another accumulator (Chan-style merge of partitions; exact up to
     * double-double rounding).
     *
     * @param other an accumulator with the same number of predictors; not modified
     * @return this accumulator
     * @throws IllegalArgumentException when {@code other} is null or has another k
     */
    public Accumulator merge(Accumulator other) {
      if (other == null || other.k != k) {
        throw new IllegalArgumentException("cannot merge accumulators of different size");
      }
      for (int i = 0; i < hi.length; i++) {
        accumulate(i, other.hi[i], other.lo[i]);
      }
      return this;
    }

    /**
     * The state as plain doubles: {@code [k, hi..., lo...]}, each half of length (k + 2)(k + 3)/2.
     *
     * @return a new array
     */
    public double[] toArray() {
      double[] out = new double[1 + 2 * hi.length];
      out[0] = k;
      System.arraycopy(hi, 0, out, 1, hi.length);
      System.arraycopy(lo, 0, out, 1 + hi.length, lo.length);
      return out;
    }

    /** Raw moment sum(z_i z_j) as (hi, lo), i and j in 0..k+1 (0 = intercept, k+1 = y). */
    double momentHi(int i, int j) {
      return hi[index(i, j)];
    }

    double momentLo(int i, int j) {
      return lo[index(i, j)];
    }

    int index(int i, int j) {
      int a = Math.min(i, j);
      int b = Math.max(i, j);
      return a * m - a * (a - 1) / 2 + (b - a);
    }

    /** (hi[i], lo[i]) += (ph, pl) in double-double arithmetic. */
    void accumulate(int i, double ph, double pl) {
      double a = hi[i];
      double s = a + ph;
      double bb = s - a;
      double err = (a - (s - bb)) + (ph - bb);
      err += lo[i] + pl;
      double h = s + err;
      lo[i] = err - (h - s);
      hi[i] = h;
    }

    /**
     * Equality by state.
     *
     * @param o another object
     * @return true when {@code o} is an accumulator with the same state
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof Accumulator a
          && a.k == k
          && Arrays.equals(hi, a.hi)
          && Arrays.equals(lo, a.lo);
    }

    /**
     * Hash code by state.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(hi) + Arrays.hashCode(lo);
    }
  }
}
