package org.automoe.core.evo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.constraint.Assessment;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ScreenAndBreederTest {
  private static final SearchSpace SMALL = BuiltInSpaces.small();
  private static final GenomeLayout LAYOUT = new GenomeLayout(SMALL);
  private static final CostModel COST = new CostModel(CostSettings.of(SMALL));

  /** A stand-in predictor for tests: latency proportional to FLOPs. */
  private static final LatencyEstimator FLOPS_LATENCY =
      archs -> archs.stream().mapToDouble(a -> COST.cost(a).flops() / 1e7).toArray();

  @Test
  void everyAcceptedChildMeetsEveryLimit() {
    Constraints limits =
        new Constraints(
            OptionalDouble.of(6.0), OptionalLong.of(70_000_000L), OptionalLong.of(1_000_000L));
    Breeder breeder = new Breeder(new Screen(LAYOUT, COST, FLOPS_LATENCY, limits), 1000);
    Breeder.Batch b = breeder.breed(100, 42, new RandomSampler(LAYOUT)::sample, k -> true);
    assertEquals(100, b.children().size());
    assertTrue(b.rejectedByConstraint() > 0, "the limits are tight enough to reject some draws");
    for (Breeder.Child c : b.children()) {
      Assessment a = c.screened().assessment();
      assertTrue(a.predictedLatencyMs() <= 6.0);
      assertTrue(a.cost().flops() <= 70_000_000L);
      assertTrue(a.cost().paramsNonEmbedding() <= 1_000_000L);
    }
  }

  @Test
  void childrenReplayFromTheirRecordedSeedAlone() {
    Breeder breeder =
        new Breeder(new Screen(LAYOUT, COST, LatencyEstimator.NONE, Constraints.NONE), 10);
    RandomSampler sampler = new RandomSampler(LAYOUT);
    for (Breeder.Child c : breeder.breed(20, 9, sampler::sample, k -> true).children()) {
      assertEquals(c.screened().genome(), sampler.sample(Seeds.rng(c.seed())));
    }
  }

  @Test
  void neverReturnsDuplicatesOrArchitecturesAlreadySeen() {
    Breeder breeder =
        new Breeder(new Screen(LAYOUT, COST, LatencyEstimator.NONE, Constraints.NONE), 100);
    RandomSampler sampler = new RandomSampler(LAYOUT);
    Set<String> seen = new HashSet<>();
    breeder
        .breed(50, 1, sampler::sample, k -> true)
        .children()
        .forEach(c -> seen.add(c.screened().key()));
    Breeder.Batch second = breeder.breed(50, 1, sampler::sample, k -> !seen.contains(k));
    Set<String> keys = new HashSet<>();
    for (Breeder.Child c : second.children()) {
      assertTrue(keys.add(c.screened().key()));
      assertTrue(!seen.contains(c.screened().key()));
    }
    assertEquals(
        50, second.duplicates(), "same batch seed: the first 50 draws repeat the first batch");
  }

  @Test
  void unsatisfiableLimitsFailWithCountsInsteadOfLoopingForever() {
    Constraints impossible =
        new Constraints(OptionalDouble.empty(), OptionalLong.of(1), OptionalLong.empty());
    Breeder breeder = new Breeder(new Screen(LAYOUT, COST, LatencyEstimator.NONE, impossible), 5);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> breeder.breed(3, 1, new RandomSampler(LAYOUT)::sample, k -> true));
    assertEquals(
        "only 0 of 3 children met the constraints after 15 draws (15 broke a constraint, 0 were "
            + "duplicates); loosen the limits or enlarge the space",
        e.getMessage());
  }

  @Test
  void predictorIsCalledOncePerBatch() {
    int[] calls = {0};
    LatencyEstimator counting =
        archs -> {
          calls[0]++;
          return new double[archs.size()];
        };
    Screen screen = new Screen(LAYOUT, COST, counting, Constraints.NONE);
    RandomSampler sampler = new RandomSampler(LAYOUT);
    screen.screen(
        List.of(
            sampler.sample(Seeds.rng(1)),
            sampler.sample(Seeds.rng(2)),
            sampler.sample(Seeds.rng(3))));
    assertEquals(1, calls[0]);
  }

  @Test
  void aLatencyLimitWithoutPredictorIsRejected() {
    Constraints latency =
        new Constraints(OptionalDouble.of(10), OptionalLong.empty(), OptionalLong.empty());
    assertThrows(
        InvalidInputException.class,
        () -> new Screen(LAYOUT, COST, LatencyEstimator.NONE, latency));
    assertThrows(
        InvalidInputException.class,
        () -> new Constraints(OptionalDouble.of(-1), OptionalLong.empty(), OptionalLong.empty()));
  }
}
