package clinic.outcomes.analysis;

import java.io.Serializable;

/**
 * Names one regression of the comparisons and dose-response tables: the measure, the compared
 * factor ({@code technique}, {@code technique_group} or {@code adherence}; null for a dose model)
 * and the kind of model.
 *
 * @param measure the measure code, e.g. {@code nrs_pain}
 * @param factor the compared factor, or null for {@link Kind#DOSE}
 * @param kind which model
 */
public record ModelKey(String measure, String factor, Kind kind) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of regression. */
  public enum Kind {
    /** Improvement on the factor's levels and the baseline. */
    ANCOVA,
    /** As {@link #ANCOVA}, plus the case-mix covariates (only with a clients file). */
    RISK,
    /** Improvement on the episode's session count (between episodes). */
    DOSE
  }

  /** The baseline-adjusted comparison of {@code factor}'s levels on {@code measure}. */
  public static ModelKey ancova(String measure, String factor) {
    return new ModelKey(measure, factor, Kind.ANCOVA);
  }

  /** The risk-adjusted comparison of {@code factor}'s levels on {@code measure}. */
  public static ModelKey risk(String measure, String factor) {
    return new ModelKey(measure, factor, Kind.RISK);
  }

  /** The between-episodes dose-response model of {@code measure}. */
  public static ModelKey dose(String measure) {
    return new ModelKey(measure, null, Kind.DOSE);
  }

  /** The same comparison as another kind of model. */
  public ModelKey as(Kind other) {
    return new ModelKey(measure, factor, other);
  }
}
