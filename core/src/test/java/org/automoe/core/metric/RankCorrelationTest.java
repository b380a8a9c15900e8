package org.automoe.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  @Test
  void monotoneSeriesCorrelatePerfectly() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1.0, RankCorrelation.spearman(x, new double[] {10, 20, 35, 36, 100}), 1e-12);
    assertEquals(-1.0, RankCorrelation.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
    assertEquals(-1.0, RankCorrelation.kendall(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
  }

  @Test
  void handComputedValuesWithTies() {
    // Ranks of {10, 20, 20, 40}: 1, 2.5, 2.5, 4.
    assertArrayEquals(
        new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {10, 20, 20, 40}), 1e-12);
    // x = 1..4, y = 1, 3, 2, 4: one discordant pair of six: tau = (5 - 1) / 6.
    assertEquals(
        4.0 / 6,
        RankCorrelation.kendall(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}),
        1e-12);
    // Spearman: d = 0, 1, -1, 0, sum d^2 = 2, rho = 1 - 6*2 / (4*15) = 0.8.
    assertEquals(
        0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-12);
  }
}
