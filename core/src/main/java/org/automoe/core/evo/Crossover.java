package org.automoe.core.evo;

import java.util.random.RandomGenerator;
import org.automoe.core.arch.Genome;

/** Makes a child from two parents. */
@FunctionalInterface
public interface Crossover {
  Genome cross(Genome first, Genome second, RandomGenerator rng);
}
