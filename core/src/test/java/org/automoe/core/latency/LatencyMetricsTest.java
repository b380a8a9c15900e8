package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMetricsTest {
  @Test
  void handComputedExample() {
    double[] measured = {100, 200, 50, 80};
    double[] predicted = {104, 180, 56, 80};
    // errors +4, -20, +6, 0; relative 4 %, 10 %, 12 %, 0 %
    LatencyMetrics m = LatencyMetrics.of(predicted, measured);
    assertEquals(Math.sqrt((16 + 400 + 36 + 0) / 4.0), m.rmse(), 1e-12);
    assertEquals((4 + 20 + 6 + 0) / 4.0, m.mae(), 1e-12);
    assertEquals((0.04 + 0.10 + 0.12 + 0) / 4, m.mape(), 1e-12);
    assertEquals(0.5, m.within5(), 0, "4 % and 0 %");
    assertEquals(0.75, m.within10(), 0, "exactly 10 % counts as within");
    // Ranks agree on every pair: measured order 50 < 80 < 100 < 200, predicted 56 < 80 < 104 < 180.
    assertEquals(1.0, m.kendallTau(), 1e-12);
    assertEquals(4, m.count());
  }

  @Test
  void kendallCountsDiscordantPairs() {
    // One swapped pair of six: tau = (5 - 1) / 6.
    LatencyMetrics m = LatencyMetrics.of(new double[] {1, 3, 2, 4}, new double[] {1, 2, 3, 4});
    assertEquals(4 / 6.0, m.kendallTau(), 1e-12);
  }

  @Test
  void theLinearBaselineRecoversAnExactlyLinearLatency() {
    List<double[]> x =
        List.of(
            new double[] {1, 0},
            new double[] {0, 1},
            new double[] {1, 1},
            new double[] {2, 3},
            new double[] {0.5, 0.25});
    double[] y = x.stream().mapToDouble(f -> 3 + 2 * f[0] - 0.5 * f[1]).toArray();
    LinearLatencyModel model = LinearLatencyModel.fit(x, y);
    assertEquals(3 + 2 * 4 - 0.5 * 5, model.predict(new double[] {4, 5}), 1e-6);
  }
}
