package org.automoe.core.evo;

import java.util.random.RandomGenerator;
import org.automoe.core.arch.Genome;

/** Makes a child from one parent. */
@FunctionalInterface
public interface Mutation {
  Genome mutate(Genome parent, RandomGenerator rng);
}
