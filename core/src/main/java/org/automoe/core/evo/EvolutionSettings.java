package org.automoe.core.evo;

import org.automoe.core.InvalidInputException;

/**
 * Evolution constants.
 *
 * @param population population size (paper: 125)
 * @param parents parents kept per generation, lowest loss first (paper: 25)
 * @param mutants children by mutation per generation (paper: 50)
 * @param crossovers children by crossover per generation (paper: 50)
 * @param mutationProbability chance that mutation redraws a gene (paper: 0.3)
 * @param crossoverProbability chance that crossover takes a gene from the first parent (paper: 0.5)
 * @param maxDrawsPerChild redraws allowed per child before the constraints are declared
 *     unsatisfiable
 */
public record EvolutionSettings(
    int population,
    int parents,
    int mutants,
    int crossovers,
    double mutationProbability,
    double crossoverProbability,
    int maxDrawsPerChild) {

  public EvolutionSettings {
    positive("population", population);
    positive("parents", parents);
    if (mutants < 0 || crossovers < 0) {
      throw new InvalidInputException("mutants and crossovers must not be negative");
    }
    if (parents + mutants + crossovers != population) {
      throw new InvalidInputException(
          "parents + mutants + crossovers must equal the population: "
              + parents
              + " + "
              + mutants
              + " + "
              + crossovers
              + " != "
              + population);
    }
    if (crossovers > 0 && parents < 2) {
      throw new InvalidInputException(
          "crossover needs at least 2 parents, but parents is " + parents);
    }
    positive("max draws per child", maxDrawsPerChild);
  }

  /** HAT/AutoMoE's constants. */
  public static EvolutionSettings paper() {
    return new EvolutionSettings(125, 25, 50, 50, 0.3, 0.5, 1000);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new InvalidInputException(name + " must be at least 1, but was " + v);
    }
  }
}
