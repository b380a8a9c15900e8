package org.automoe.core.evo;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chooses parents from an evaluated population. */
@FunctionalInterface
public interface Selection {
  List<Individual> select(List<Individual> population, int count, RandomGenerator rng);
}
