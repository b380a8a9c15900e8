package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.junit.jupiter.api.Test;

class AgingPopulationTest extends PopulationStrategyTester {
  @Override
  PopulationStrategy strategy(long seed) {
    return aging(new SearchLength.Budget(40), seed);
  }

  private static AgingPopulation aging(SearchLength length, long seed) {
    return AgingPopulation.of(
        SearchSamples.spec(SearchMode.ASYNC, length, seed), SearchSamples.SCREEN);
  }

  /** Breeds round after round, taking every child in, until {@code count} are bred. */
  private static int breed(AgingPopulation p, int count) {
    Set<String> seen = new HashSet<>();
    int bred = 0;
    while (bred < count) {
      BreedingRound r = p.openRound(count - bred).orElseThrow();
      PopulationStrategy.Brood brood = SearchSamples.close(p, r, k -> !seen.contains(k));
      brood.children().forEach(c -> seen.add(c.screened().key()));
      bred += brood.children().size();
    }
    return bred;
  }

  private static List<Long> seeds(BreedingRound r) {
    return r.draws().stream().map(BreedingRound.Draw::seed).toList();
  }

  private static List<Long> derived(long seed, long from, long to) {
    return LongStream.range(from, to).mapToObj(n -> Seeds.derive(seed, 3, n)).toList();
  }

  @Test
  void drawNIsSeededFromItsCountAcrossRounds() {
    AgingPopulation p = aging(new SearchLength.Budget(40), 7);
    BreedingRound first = p.openRound(8).orElseThrow();
    assertEquals(derived(7, 0, 24), seeds(first), "three draws per child wanted");
    assertTrue(first.draws().stream().allMatch(d -> d.operator() == BreedingOperator.RANDOM));
    assertTrue(first.parents().isEmpty());
    SearchSamples.close(p, first, k -> true);
    BreedingRound second = p.openRound(4).orElseThrow();
    assertEquals(derived(7, 24, 36), seeds(second));
  }

  @Test
  void oneRoundAtATimeAndAFailedRoundClosesIt() {
    AgingPopulation p = aging(new SearchLength.Budget(40), 7);
    BreedingRound open = p.openRound(8).orElseThrow();
    assertTrue(p.openRound(8).isEmpty());
    assertTrue(p.breeding());
    assertFalse(p.failRound(new BreedingRound(open.id() + 1, open.draws(), List.of(), 8)));
    assertTrue(p.failRound(open));
    assertFalse(p.breeding());
    assertEquals(open.id() + 1, p.openRound(8).orElseThrow().id());
  }

  @Test
  void theOldestLeavesHoweverGood() {
    AgingPopulation p = aging(new SearchLength.Budget(100), 2);
    breed(p, SearchSamples.EVOLUTION.population());
    List<Individual> arrived = new ArrayList<>();
    for (long id = 1; id <= SearchSamples.EVOLUTION.population() + 1; id++) {
      Individual ind = SearchSamples.individual(id, id == 1 ? -100.0 : id);
      arrived.add(ind);
      p.accept(ind);
    }
    BreedingRound r = p.openRound(4).orElseThrow();
    assertEquals(arrived.subList(1, arrived.size()), r.parents(), "the best, oldest one is gone");
    Set<BreedingOperator> ops = new HashSet<>();
    r.draws().forEach(d -> ops.add(d.operator()));
    assertEquals(Set.of(BreedingOperator.MUTATION, BreedingOperator.CROSSOVER), ops);
  }

  @Test
  void breedsExactlyItsBudget() {
    AgingPopulation p = aging(new SearchLength.Budget(30), 4);
    assertEquals(30, breed(p, 30));
    assertTrue(p.exhausted());
    assertTrue(p.openRound(5).isEmpty(), "the budget is bred");
  }

  @Test
  void anUnboundedSearchNeverRunsOut() {
    AgingPopulation p = aging(new SearchLength.Unbounded(), 4);
    assertEquals(200, breed(p, 200));
    assertFalse(p.exhausted());
    assertTrue(p.openRound(5).isPresent());
  }

  @Test
  void fruitlessDrawsEndBreedingSayingWhy() {
    Constraints impossible =
        new Constraints(OptionalDouble.empty(), OptionalLong.of(1L), OptionalLong.empty());
    SearchJobSpec spec =
        new SearchJobSpec(
            "x",
            SearchSamples.SMALL,
            SearchMode.ASYNC,
            impossible,
            new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 10),
            new SearchLength.Budget(10),
            1);
    AgingPopulation p =
        AgingPopulation.of(
            spec,
            new Screen(
                SearchSamples.LAYOUT, SearchSamples.COST, LatencyEstimator.NONE, impossible));
    BreedingRound r = p.openRound(4).orElseThrow();
    PopulationStrategy.Brood brood = SearchSamples.close(p, r, k -> true);
    assertTrue(brood.children().isEmpty());
    assertEquals(12, brood.rejected());
    assertTrue(brood.failure().orElseThrow().contains("12 broke a constraint"), brood.toString());
    assertFalse(p.breeding());
  }
}
