package org.automoe.core.latency;

import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.cost.CostModel;

/**
 * The baselines a predictor is reported next to: linear in the features, and FLOPs-proportional.
 */
public final class Baselines {
  private Baselines() {}

  /** A linear fit on the training rows, scored on the test rows. */
  public static LatencyMetrics linear(
      FeatureSpec spec, List<LatencyRecord> train, List<LatencyRecord> test) {
    LinearLatencyModel model =
        LinearLatencyModel.fit(
            train.stream().map(spec::of).toList(),
            train.stream().mapToDouble(LatencyRecord::totalMs).toArray());
    double[] predicted = test.stream().map(spec::of).mapToDouble(model::predict).toArray();
    return LatencyMetrics.of(predicted, measured(test));
  }

  /**
   * Latency = c x FLOPs, with c fitted by least squares through the origin on the training rows;
   * needs rows that name their architecture.
   */
  public static LatencyMetrics flopsProportional(
      CostModel cost, List<LatencyRecord> train, List<LatencyRecord> test) {
    if (train.stream().anyMatch(r -> r.architecture() == null)
        || test.stream().anyMatch(r -> r.architecture() == null)) {
      throw new InvalidInputException("the FLOPs baseline needs rows with an arch column");
    }
    double sxy = 0;
    double sxx = 0;
    for (LatencyRecord r : train) {
      double f = cost.cost(r.architecture()).flops();
      sxy += f * r.totalMs();
      sxx += f * f;
    }
    double c = sxy / sxx;
    double[] predicted =
        test.stream().mapToDouble(r -> c * cost.cost(r.architecture()).flops()).toArray();
    return LatencyMetrics.of(predicted, measured(test));
  }

  static double[] measured(List<LatencyRecord> rows) {
    return rows.stream().mapToDouble(LatencyRecord::totalMs).toArray();
  }
}
