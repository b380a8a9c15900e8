package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.GenerationalStep;
import org.automoe.core.evo.Individual;
import org.junit.jupiter.api.Test;

class GenerationalPopulationTest extends PopulationStrategyTester {
  private static final GenerationalStep STEP =
      new GenerationalStep(SearchSamples.SCREEN, SearchSamples.EVOLUTION);

  @Override
  PopulationStrategy strategy(long seed) {
    return generational(2, seed);
  }

  private static GenerationalPopulation generational(int iterations, long seed) {
    return GenerationalPopulation.of(
        SearchSamples.spec(SearchMode.GENERATIONAL, new SearchLength.Iterations(iterations), seed),
        SearchSamples.SCREEN);
  }

  private static List<Long> seeds(List<Breeder.Child> children) {
    return children.stream().map(Breeder.Child::seed).toList();
  }

  @Test
  void startsWithTheInitialPopulationTheStepDraws() {
    PopulationStrategy.Brood first = generational(2, 7).start(k -> true);
    assertEquals(0, first.generation());
    assertEquals(SearchSamples.EVOLUTION.population(), first.children().size());
    assertEquals(seeds(STEP.initial(7, k -> true).children()), seeds(first.children()));
  }

  @Test
  void breedsTheNextGenerationOnlyWhenTheLastCandidateSettles() {
    GenerationalPopulation p = generational(2, 7);
    List<Breeder.Child> initial = p.start(k -> true).children();
    List<Individual> evaluated = new ArrayList<>();
    for (int i = 0; i < initial.size(); i++) {
      Individual ind = SearchSamples.evaluated(initial.get(i), i + 1);
      evaluated.add(ind);
      p.accept(ind);
      PopulationStrategy.Brood next = p.settled(k -> true);
      if (i < initial.size() - 1) {
        assertEquals(PopulationStrategy.Brood.NONE, next, "a barrier until the last one");
        assertEquals(0, p.generation());
      } else {
        assertEquals(1, next.generation());
        assertEquals(1, p.generation());
        GenerationalStep.Offspring expected = STEP.breed(STEP.parents(evaluated), 7, 1, k -> true);
        assertEquals(seeds(expected.children()), seeds(next.children()));
        assertEquals(
            SearchSamples.EVOLUTION.mutants() + SearchSamples.EVOLUTION.crossovers(),
            next.children().size());
      }
    }
  }

  @Test
  void endsOnceTheLastGenerationIsSettled() {
    GenerationalPopulation p = generational(1, 3);
    List<Breeder.Child> queue = new ArrayList<>(p.start(k -> true).children());
    int settled = 0;
    while (!queue.isEmpty()) {
      assertFalse(p.exhausted());
      p.accept(SearchSamples.evaluated(queue.remove(0), ++settled));
      queue.addAll(p.settled(k -> true).children());
    }
    assertTrue(p.exhausted());
    assertEquals(20 + 15, settled);
  }

  @Test
  void neverBreedsInRounds() {
    GenerationalPopulation p = generational(1, 3);
    p.start(k -> true);
    assertTrue(p.openRound(10).isEmpty());
    assertFalse(p.breeding());
  }
}
