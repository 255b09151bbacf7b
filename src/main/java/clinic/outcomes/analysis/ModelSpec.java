package clinic.outcomes.analysis;

import java.io.Serializable;
import java.util.List;

/**
 * The design of one regression: improvement on indicators of the compared levels (the reference
 * omitted) and baseline, optionally plus indicators of the case-mix covariates. Predictors, in
 * order: one indicator per entry of {@code levels}, the baseline (points), then one indicator per
 * {@code covariates} entry ("age_band=30-39"); the intercept is implicit.
 *
 * @param key which model
 * @param levels compared levels, in order, without the reference
 * @param reference the reference level
 * @param covariates covariate indicators as {@code name=value}; empty for the baseline-only model
 */
public record ModelSpec(
    ModelKey key, List<String> levels, String reference, List<String> covariates)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of predictors (without the intercept). */
  public int predictors() {
    return levels.size() + 1 + covariates.size();
  }

  /** The predictor vector of one episode; {@code covariateValues} are "name=value" strings. */
  public double[] x(String level, double baseline, List<String> covariateValues) {
    double[] x = new double[predictors()];
    int i = levels.indexOf(level);
    if (i >= 0) {
      x[i] = 1.0;
    }
    x[levels.size()] = baseline;
    for (String c : covariateValues) {
      int j = covariates.indexOf(c);
      if (j >= 0) {
        x[levels.size() + 1 + j] = 1.0;
      }
    }
    return x;
  }
}
