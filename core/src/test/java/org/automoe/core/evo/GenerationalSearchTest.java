package org.automoe.core.evo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.evo.pareto.Dominance;
import org.automoe.core.search.Evaluator;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Test;

class GenerationalSearchTest {
  private static final SearchSpace SMALL = BuiltInSpaces.small();
  private static final CostModel COST = new CostModel(CostSettings.of(SMALL));
  private static final Constraints LIMIT =
      new Constraints(OptionalDouble.empty(), OptionalLong.of(150_000_000L), OptionalLong.empty());

  /**
   * A synthetic, deterministic fitness for testing the search loop only: bigger models score
   * better, with a fixed per-architecture offset so that ranks are not trivial.
   */
  private static final Evaluator SYNTHETIC =
      c ->
          10.0
              - Math.log(c.cost().paramsActive())
              + (Math.floorMod(c.architecture().key().hashCode(), 1000) / 5000.0);

  private static GenerationalSearch search(EvolutionSettings settings) {
    Screen screen = new Screen(new GenomeLayout(SMALL), COST, LatencyEstimator.NONE, LIMIT);
    return new GenerationalSearch(new GenerationalStep(screen, settings));
  }

  @Test
  void aSeededSearchReplaysExactly() {
    GenerationalSearch.Result a = search(EvolutionSettings.paper()).run(2024, 3, SYNTHETIC);
    GenerationalSearch.Result b = search(EvolutionSettings.paper()).run(2024, 3, SYNTHETIC);
    assertEquals(a.evaluated(), b.evaluated());
    assertEquals(a.best(), b.best());
    GenerationalSearch.Result c = search(EvolutionSettings.paper()).run(2025, 3, SYNTHETIC);
    assertNotEquals(a.evaluated().get(0).key(), c.evaluated().get(0).key());
  }

  @Test
  void evaluatesThePaperPopulationAndEveryGenerationIncludingTheLast() {
    GenerationalSearch.Result r = search(EvolutionSettings.paper()).run(1, 3, SYNTHETIC);
    assertEquals(125 + 3 * 100, r.evaluated().size());
    assertEquals(100, r.evaluated().stream().filter(i -> i.candidate().generation() == 3).count());
    Set<String> keys = new HashSet<>();
    r.evaluated().forEach(i -> assertTrue(keys.add(i.key()), "evaluated twice: " + i.key()));
    r.evaluated().forEach(i -> assertTrue(i.candidate().cost().flops() <= 150_000_000L));
    assertEquals(r.evaluated().stream().min(TopKSelection.BY_LOSS).orElseThrow(), r.best());
  }

  @Test
  void evolutionImprovesOnTheInitialPopulation() {
    GenerationalSearch.Result r = search(EvolutionSettings.paper()).run(3, 5, SYNTHETIC);
    double initialBest =
        r.evaluated().stream()
            .filter(i -> i.candidate().generation() == 0)
            .mapToDouble(Individual::validationLoss)
            .min()
            .orElseThrow();
    assertTrue(r.best().validationLoss() < initialBest);
    assertTrue(r.best().candidate().generation() > 0);
  }

  @Test
  void parentsAreTheLowestLossIndividuals() {
    GenerationalStep step =
        new GenerationalStep(
            new Screen(new GenomeLayout(SMALL), COST, LatencyEstimator.NONE, Constraints.NONE),
            EvolutionSettings.paper());
    List<Individual> population =
        search(EvolutionSettings.paper()).run(4, 0, SYNTHETIC).evaluated();
    List<Individual> parents = step.parents(population);
    assertEquals(25, parents.size());
    double worstParent =
        parents.stream().mapToDouble(Individual::validationLoss).max().orElseThrow();
    long better = population.stream().filter(i -> i.validationLoss() < worstParent).count();
    assertEquals(24, better);
  }

  @Test
  void theFrontIsMutuallyNonDominated() {
    GenerationalSearch.Result r = search(EvolutionSettings.paper()).run(5, 2, SYNTHETIC);
    List<Individual> front = r.front();
    assertFalse(front.isEmpty());
    for (Individual a : front) {
      for (Individual b : front) {
        assertFalse(
            Dominance.dominates(
                GenerationalSearch.objectives(a), GenerationalSearch.objectives(b)));
      }
    }
    assertEquals(
        r.best(),
        front.stream().min(Comparator.comparingDouble(Individual::validationLoss)).orElseThrow());
  }

  @Test
  void settingsMustAddUp() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new EvolutionSettings(100, 25, 50, 50, 0.3, 0.5, 10));
    assertEquals(
        "parents + mutants + crossovers must equal the population: 25 + 50 + 50 != 100",
        e.getMessage());
  }
}
