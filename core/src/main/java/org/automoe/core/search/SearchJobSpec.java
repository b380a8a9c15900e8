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
 * @param length when the search ends: {@link SearchLength.Iterations} in generational mode, a
 *     {@link SearchLength.Budget} or {@link SearchLength.Unbounded} in async mode
 * @param seed root seed of every draw
 */
public record SearchJobSpec(
    String name,
    SearchSpace space,
    SearchMode mode,
    Constraints constraints,
    EvolutionSettings evolution,
    SearchLength length,
    long seed) {

  public SearchJobSpec {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("search name must not be blank");
    }
    if (mode == null || length == null) {
      throw new InvalidInputException(
          "search " + name + " needs a mode and a length, but was " + mode + " and " + length);
    }
    if (mode == SearchMode.GENERATIONAL && !(length instanceof SearchLength.Iterations)) {
      throw new InvalidInputException(
          "generational mode runs for a number of generations (iterations), but was given "
              + length.describe());
    }
    if (mode == SearchMode.ASYNC && length instanceof SearchLength.Iterations) {
      throw new InvalidInputException(
          "async mode runs on a budget of evaluations or without limit, but was given "
              + length.describe());
    }
  }
}
