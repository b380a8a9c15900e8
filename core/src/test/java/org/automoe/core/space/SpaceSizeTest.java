package org.automoe.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.SpaceCheck;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.junit.jupiter.api.Test;

class SpaceSizeTest {
  @Test
  void countsAHandEnumerableSpaceExactly() {
    // One embed choice, 1 encoder layer (2 heads x (2 + 2^2 = 6) expert fillings),
    // 1 or 2 decoder layers of 1 x 1 x 1 code x 2 widths (dense only).
    SearchSpace s =
        new SearchSpace(
            "hand",
            8,
            10,
            new StackSpace(
                List.of(8),
                List.of(1),
                List.of(2, 4),
                List.of(),
                List.of(),
                List.of(1, 2),
                List.of(4, 8)),
            new StackSpace(
                List.of(8),
                List.of(1, 2),
                List.of(2),
                List.of(2),
                List.of(-1),
                List.of(1),
                List.of(4, 8)));
    long encoder = 2 * 6;
    assertEquals(BigInteger.valueOf(encoder * 2 + encoder * 4), SpaceSize.count(s));
    assertEquals(72, enumerate(s).size(), "brute force agrees");
  }

  @Test
  void paperSpaceIsAstronomical() {
    assertTrue(SpaceSize.count(BuiltInSpaces.paper(6)).bitLength() > 100);
  }

  @Test
  void extremesLieInsideAndBracketTheCost() {
    for (String name : BuiltInSpaces.NAMES) {
      SearchSpace s = BuiltInSpaces.byName(name);
      CostModel cost = new CostModel(CostSettings.of(s));
      Architecture big = Extremes.largest(s, false);
      Architecture dense = Extremes.largest(s, true);
      Architecture small = Extremes.smallest(s);
      assertTrue(SpaceCheck.isInside(s, big));
      assertTrue(SpaceCheck.isInside(s, dense));
      assertTrue(SpaceCheck.isInside(s, small));
      assertTrue(cost.cost(big).paramsNonEmbedding() > cost.cost(dense).paramsNonEmbedding());
      assertEquals(
          cost.cost(big).paramsActive() - routers(s, big),
          cost.cost(dense).paramsActive(),
          "the largest MoE activates as many expert params per token as the dense shape, plus routers");
      assertTrue(cost.cost(dense).flops() > cost.cost(small).flops());
    }
  }

  private static long routers(SearchSpace s, Architecture a) {
    return (long) a.encoderLayerCount() * a.encoderEmbedDim() * s.encoder().maxExperts()
        + (long) a.decoderLayerCount() * a.decoderEmbedDim() * s.decoder().maxExperts();
  }

  private static Set<Architecture> enumerate(SearchSpace s) {
    Set<Architecture> out = new HashSet<>();
    List<List<Integer>> encWidths =
        List.of(List.of(4), List.of(8), List.of(4, 4), List.of(4, 8), List.of(8, 4), List.of(8, 8));
    for (int h : List.of(2, 4)) {
      for (List<Integer> w : encWidths) {
        for (int ld = 1; ld <= 2; ld++) {
          for (int w1 : List.of(4, 8)) {
            for (int w2 : List.of(4, 8)) {
              List<DecoderLayer> dec =
                  ld == 1
                      ? List.of(new DecoderLayer(2, 2, -1, List.of(w1)))
                      : List.of(
                          new DecoderLayer(2, 2, -1, List.of(w1)),
                          new DecoderLayer(2, 2, -1, List.of(w2)));
              out.add(new Architecture(8, 8, List.of(new EncoderLayer(h, w)), dec));
            }
          }
        }
      }
    }
    return out;
  }
}
