package org.automoe.core.search;

import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.space.SearchSpace;

/**
 * Everything needed to start, or replay, one search.
 *
 * @param name job name, also its run folder
 * @param space the space searched
 * @param mode breeding mode
 * @param constraints hard limits
 * @param evolution evolution constants
 * @param iterations generations after the initial population (generational mode), else 0
 * @param budget evaluations allowed (async mode), else 0
 * @param seed root seed of every draw
 */
public record SearchJobSpec(
    String name,
    SearchSpace space,
    SearchMode mode,
    Constraints constraints,
    EvolutionSettings evolution,
    int iterations,
    int budget,
    long seed) {

  public SearchJobSpec {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("search name must not be blank");
    }
    if (iterations < 0 || budget < 0) {
      throw new InvalidInputException("iterations and budget must not be negative");
    }
    if ((iterations > 0) == (budget > 0)) {
      throw new InvalidInputException("give exactly one of iterations and budget");
    }
  }
}
