package clinic.outcomes.stats;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The exact linear-algebra core of {@link Ols}: centres the raw moments of an {@link
 * Ols.Accumulator} and solves the normal equations by Gauss-Jordan elimination in 50-digit decimal
 * arithmetic, declaring a constant predictor or a rank-deficient design (see {@link Ols}) as no
 * solution. The inference (residual variance, intervals, p-values) stays in {@link Ols#fit}.
 */
final class NormalEquations {

  /** 50 significant digits: the rounding of the solve is negligible beside the moments'. */
  static final MathContext MC = new MathContext(50);

  /** Centred SS at most this fraction of the raw SS marks a predictor as constant. */
  private static final BigDecimal CONSTANT = new BigDecimal("1e-20");

  private NormalEquations() {}

  /**
   * The least-squares solution.
   *
   * @param beta the parameters, intercept first (k + 1 entries)
   * @param tss total (centred) sum of squares of y
   * @param rss residual sum of squares, before the exact-fit rule of {@link Ols}
   * @param intercept the factor 1/n + xbar' Sinv xbar of the intercept's variance
   * @param inverse Sinv, the inverse of the predictors' centred cross-product matrix
   */
  record Solution(
      BigDecimal[] beta,
      BigDecimal tss,
      BigDecimal rss,
      BigDecimal intercept,
      BigDecimal[][] inverse) {

    /** The factor of sigma^2 in the variance of parameter j (0 the intercept). */
    BigDecimal varianceFactor(int j) {
      return j == 0 ? intercept : inverse[j - 1][j - 1];
    }
  }

  /**
   * Solves the normal equations of the accumulated data.
   *
   * @param acc the accumulated data, with n greater than 0; not modified
   * @return the solution, or null when a predictor is constant or the design rank-deficient
   */
  static Solution solve(Ols.Accumulator acc) {
    int k = acc.predictors();
    BigDecimal bn = moment(acc, 0, 0);
    // Centred cross-products of (x_1..x_k, y): S_ab = sum z_a z_b - sum z_a sum z_b / n.
    BigDecimal[] mean = new BigDecimal[k + 1];
    for (int a = 0; a <= k; a++) {
      mean[a] = moment(acc, 0, a + 1).divide(bn, MC);
    }
    BigDecimal[][] s = new BigDecimal[k + 1][k + 1];
    for (int a = 0; a <= k; a++) {
      for (int b = a; b <= k; b++) {
        s[a][b] =
            moment(acc, a + 1, b + 1).subtract(moment(acc, 0, a + 1).multiply(mean[b], MC), MC);
        s[b][a] = s[a][b];
      }
    }
    for (int a = 0; a < k; a++) {
      // Constant predictor: centred SS at most 1e-20 of its raw SS (CV below 1e-10).
      if (s[a][a].compareTo(moment(acc, a + 1, a + 1).multiply(CONSTANT, MC)) <= 0) {
        return null;
      }
    }
    BigDecimal[][] inv = invertWithRankCheck(s, k);
    if (inv == null) {
      return null;
    }
    BigDecimal[] beta = new BigDecimal[k + 1];
    BigDecimal explained = BigDecimal.ZERO;
    BigDecimal intercept = mean[k];
    for (int a = 0; a < k; a++) {
      BigDecimal b = BigDecimal.ZERO;
      for (int c = 0; c < k; c++) {
        b = b.add(inv[a][c].multiply(s[c][k], MC), MC);
      }
      beta[a + 1] = b;
      explained = explained.add(b.multiply(s[a][k], MC), MC);
      intercept = intercept.subtract(b.multiply(mean[a], MC), MC);
    }
    beta[0] = intercept;
    BigDecimal tss = s[k][k];
    // Var(b0) = sigma2 (1/n + xbar' Sinv xbar); Var(b_j) = sigma2 Sinv_jj.
    BigDecimal q = BigDecimal.ONE.divide(bn, MC);
    for (int a = 0; a < k; a++) {
      for (int c = 0; c < k; c++) {
        q = q.add(mean[a].multiply(inv[a][c], MC).multiply(mean[c], MC), MC);
      }
    }
    return new Solution(beta, tss, tss.subtract(explained, MC), q, inv);
  }

  /**
   * Inverse of the leading k-by-k block of {@code s} by Gauss-Jordan elimination without pivoting
   * (the block is symmetric positive semi-definite), or null when a pivot is at most {@link
   * Ols#RANK_TOLERANCE} times the column's centred sum of squares.
   */
  private static BigDecimal[][] invertWithRankCheck(BigDecimal[][] s, int k) {
    BigDecimal[][] a = new BigDecimal[k][2 * k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        a[r][c] = s[r][c];
        a[r][k + c] = r == c ? BigDecimal.ONE : BigDecimal.ZERO;
      }
    }
    BigDecimal tol = new BigDecimal(Ols.RANK_TOLERANCE);
    for (int r = 0; r < k; r++) {
      BigDecimal scale = s[r][r];
      BigDecimal pivot = a[r][r];
      if (scale.signum() <= 0 || pivot.compareTo(tol.multiply(scale, MC)) <= 0) {
        return null;
      }
      for (int c = 0; c < 2 * k; c++) {
        a[r][c] = a[r][c].divide(pivot, MC);
      }
      for (int o = 0; o < k; o++) {
        BigDecimal f = a[o][r];
        if (o == r || f.signum() == 0) {
          continue;
        }
        for (int c = 0; c < 2 * k; c++) {
          a[o][c] = a[o][c].subtract(f.multiply(a[r][c], MC), MC);
        }
      }
    }
    BigDecimal[][] inv = new BigDecimal[k][k];
    for (int r = 0; r < k; r++) {
      System.arraycopy(a[r], k, inv[r], 0, k);
    }
    return inv;
  }

  /** The raw moment sum(z_i z_j) exactly, from its double-double form. */
  private static BigDecimal moment(Ols.Accumulator acc, int i, int j) {
    return new BigDecimal(acc.momentHi(i, j)).add(new BigDecimal(acc.momentLo(i, j)));
  }
}
