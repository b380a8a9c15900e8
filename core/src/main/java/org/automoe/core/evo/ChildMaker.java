package org.automoe.core.evo;

import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.search.BreedingRound;

/**
 * Makes the child of one draw with the core operators: random sampling, mutation of a tournament
 * winner, or crossover of two. The child depends only on the draw's seed and the parents, so any
 * node can make it and a recorded seed replays it.
 */
public final class ChildMaker {
  private final RandomSampler sampler;
  private final Mutation mutation;
  private final Crossover crossover;
  private final Selection tournament;

  public ChildMaker(GenomeLayout layout, EvolutionSettings evolution, int tournamentSize) {
    this.sampler = new RandomSampler(layout);
    this.mutation = new ResamplingMutation(layout, evolution.mutationProbability());
    this.crossover = new UniformCrossover(layout, evolution.crossoverProbability());
    this.tournament = new TournamentSelection(tournamentSize);
  }

  public Genome make(BreedingRound.Draw draw, List<Individual> parents) {
    RandomGenerator rng = Seeds.rng(draw.seed());
    return switch (draw.operator()) {
      case RANDOM -> sampler.sample(rng);
      case MUTATION -> mutation.mutate(tournament.select(parents, 1, rng).get(0).genome(), rng);
      case CROSSOVER -> {
        List<Individual> two = tournament.select(parents, 2, rng);
        yield crossover.cross(two.get(0).genome(), two.get(1).genome(), rng);
      }
    };
  }
}
