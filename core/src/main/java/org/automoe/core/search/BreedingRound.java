package org.automoe.core.search;

import java.util.List;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.Individual;

/**
 * One round of asynchronous breeding, opened by {@link SearchState#openRound} and closed with the
 * children and their predicted latency. Whoever makes the children (the generator actors, or the
 * state itself) needs nothing else: each draw is a function of its seed and the parents.
 *
 * @param id rounds are numbered from 1; a close for another round than the open one is refused
 * @param draws one child each, in order
 * @param parents the population when the round opened (empty for random draws)
 * @param accept accepted children are kept up to this many; later ones are dropped uncounted
 */
public record BreedingRound(long id, List<Draw> draws, List<Individual> parents, int accept) {

  /** One draw: which operator makes the child and from which seed. */
  public record Draw(BreedingOperator operator, long seed) {}

  public BreedingRound {
    draws = List.copyOf(draws);
    parents = List.copyOf(parents);
  }
}
