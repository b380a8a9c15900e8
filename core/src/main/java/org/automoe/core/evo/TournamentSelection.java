package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;

/**
 * Tournament selection for the steady-state mode: each parent is the best of {@code size}
 * individuals drawn uniformly with replacement (regularized evolution, Real et al. 2019).
 */
public final class TournamentSelection implements Selection {
  private final int size;

  public TournamentSelection(int size) {
    if (size < 1) {
      throw new InvalidInputException("tournament size must be at least 1, but was " + size);
    }
    this.size = size;
  }

  @Override
  public List<Individual> select(List<Individual> population, int count, RandomGenerator rng) {
    if (population.isEmpty()) {
      throw new IllegalArgumentException("cannot select from an empty population");
    }
    List<Individual> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      Individual best = null;
      for (int t = 0; t < size; t++) {
        Individual c = population.get(rng.nextInt(population.size()));
        if (best == null || TopKSelection.BY_LOSS.compare(c, best) < 0) {
          best = c;
        }
      }
      out.add(best);
    }
    return out;
  }
}
