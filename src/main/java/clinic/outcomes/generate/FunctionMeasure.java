package clinic.outcomes.generate;

import clinic.outcomes.core.Measure;
import java.util.List;

/**
 * How a function measure is recorded: the share of episodes that record it, its uniform integer
 * baseline range, the half-width of the noise of its course and follow-up scores and of its intake
 * and discharge scores (symmetric, narrowed at the scale ends).
 */
record FunctionMeasure(
    Measure measure,
    double share,
    int baselineMin,
    int baselineMax,
    double courseNoise,
    double occasionNoise) {

  /** The three function measures, in writing order. */
  static final List<FunctionMeasure> ALL =
      List.of(
          new FunctionMeasure(Measure.ODI, 0.40, 30, 60, 5.0, 2.0),
          new FunctionMeasure(Measure.RMDQ, 0.40, 8, 18, 1.5, 1.0),
          new FunctionMeasure(Measure.SLR_DEG, 0.30, 30, 60, 5.0, 3.0));
}
