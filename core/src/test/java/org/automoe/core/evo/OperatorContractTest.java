package org.automoe.core.evo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every breeding operator must have, on every built-in space. */
class OperatorContractTest {
  static Stream<GenomeLayout> layouts() {
    return Stream.of("paper", "paper:16", "small", "tiny")
        .map(n -> new GenomeLayout(BuiltInSpaces.byName(n)));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void samplesAreValidAndReplayFromTheirSeed(GenomeLayout layout) {
    RandomSampler sampler = new RandomSampler(layout);
    Set<Genome> distinct = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      Genome g = sampler.sample(Seeds.rng(Seeds.derive(11, i)));
      assertDoesNotThrow(() -> layout.requireValid(g));
      assertEquals(g, sampler.sample(Seeds.rng(Seeds.derive(11, i))));
      distinct.add(g);
    }
    assertTrue(distinct.size() > 250, "draws vary: " + distinct.size());
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void mutantsAndCrossoversAreValidGenomes(GenomeLayout layout) {
    RandomSampler sampler = new RandomSampler(layout);
    Mutation mutation = new ResamplingMutation(layout, 0.3);
    Crossover crossover = new UniformCrossover(layout, 0.5);
    for (int i = 0; i < 300; i++) {
      var rng = Seeds.rng(i);
      Genome a = sampler.sample(rng);
      Genome b = sampler.sample(rng);
      assertDoesNotThrow(() -> layout.requireValid(mutation.mutate(a, rng)));
      assertDoesNotThrow(() -> layout.requireValid(crossover.cross(a, b, rng)));
    }
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void mutationWithProbabilityZeroCopiesAndWithOneChangesSomething(GenomeLayout layout) {
    Genome parent = new RandomSampler(layout).sample(Seeds.rng(5));
    assertEquals(parent, new ResamplingMutation(layout, 0).mutate(parent, Seeds.rng(6)));
    int changed = 0;
    for (int i = 0; i < 20; i++) {
      if (!new ResamplingMutation(layout, 1).mutate(parent, Seeds.rng(i)).equals(parent)) {
        changed++;
      }
    }
    assertTrue(changed >= 19, "full resampling almost always changes a genome: " + changed);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void crossoverTakesEveryGeneFromOneOfTheParents(GenomeLayout layout) {
    RandomSampler sampler = new RandomSampler(layout);
    Crossover crossover = new UniformCrossover(layout, 0.5);
    for (int i = 0; i < 100; i++) {
      var rng = Seeds.rng(100 + i);
      Genome a = sampler.sample(rng);
      Genome b = sampler.sample(rng);
      Genome c = crossover.cross(a, b, rng);
      for (int g = 0; g < layout.geneCount(); g++) {
        int v = c.genes().get(g);
        assertTrue(v == a.genes().get(g) || v == b.genes().get(g));
      }
      for (int j = 0; j < layout.widthListCount(); j++) {
        List<Integer> w = c.expertWidths().get(j);
        for (int e = 0; e < w.size(); e++) {
          List<Integer> wa = a.expertWidths().get(j);
          List<Integer> wb = b.expertWidths().get(j);
          int v = w.get(e);
          assertTrue((e < wa.size() && wa.get(e) == v) || (e < wb.size() && wb.get(e) == v));
        }
      }
    }
    Genome a = sampler.sample(Seeds.rng(1));
    Genome b = sampler.sample(Seeds.rng(2));
    assertNotEquals(a, b);
    assertEquals(a, new UniformCrossover(layout, 1).cross(a, b, Seeds.rng(3)));
  }
}
