package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Bpe;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;
import org.junit.jupiter.api.Test;

class MeasurementTest {
  @Test
  void thePlanIsSeededDistinctAndCoversSmallAndLargeModels() {
    SearchSpace s = BuiltInSpaces.small();
    List<Architecture> plan = MeasurementPlan.of(s, 200, 4);
    assertEquals(plan, MeasurementPlan.of(s, 200, 4));
    assertEquals(200, new HashSet<>(plan.stream().map(Architecture::key).toList()).size());
    CostModel cost = new CostModel(CostSettings.of(s));
    double lo = cost.cost(Extremes.smallest(s)).flops();
    double hi = cost.cost(Extremes.largest(s, false)).flops();
    double[] flops = plan.stream().mapToDouble(a -> cost.cost(a).flops()).toArray();
    long bottom = Arrays.stream(flops).filter(f -> f < lo + 0.1 * (hi - lo)).count();
    long top = Arrays.stream(flops).filter(f -> f > hi - 0.1 * (hi - lo)).count();
    assertTrue(bottom >= 5 && top >= 5, "bottom tenth " + bottom + ", top tenth " + top);
  }

  @Test
  void sourcesAreWindowsOfRealTokensEndingInEos() {
    List<int[]> windows =
        LatencyMeter.windows(List.of(new int[] {5, 6, 7}, new int[] {8, 9, 10, 11}), 4);
    assertEquals(2, windows.size());
    assertArrayEquals(new int[] {5, 6, 7, Bpe.EOS}, windows.get(0));
    assertArrayEquals(new int[] {8, 9, 10, Bpe.EOS}, windows.get(1));
  }

  @Test
  void theMeterTimesEncoderAndDecoderOfGreedyAndBeamDecoding() {
    SearchSpace s = BuiltInSpaces.tiny();
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = new Supernet(s, SupernetWeights.init(SupernetShape.of(s, 60, 64), 1, m))) {
      List<int[]> text = List.of(new int[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
      for (int beam : new int[] {1, 3}) {
        LatencyProtocol protocol = new LatencyProtocol(5, 4, 1, 6, 0.2, beam);
        LatencySample sample =
            new LatencyMeter(net, text, protocol).measure(Extremes.largest(s, false), "cpu", 1);
        assertTrue(sample.encoderMeanMs() > 0 && sample.decoderMeanMs() > 0, "beam " + beam);
        assertEquals(6, sample.timedRuns());
        assertEquals(beam, sample.beam());
      }
    }
  }

  @Test
  void trimmingDropsTheSameShareAtBothEnds() {
    double[] timings = {100, 1, 2, 3, 4, 5, 6, 7, 8, -50};
    double[] meanStd = LatencyProtocol.trimmedMeanStd(timings, 0.1);
    assertEquals(4.5, meanStd[0], 1e-12, "mean of 1..8");
    assertEquals(Math.sqrt(42 / 7.0), meanStd[1], 1e-12);
  }
}
