package org.automoe.actors.breeding;

import org.apache.pekko.actor.typed.Behavior;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.ChildMaker;

/** Uniform random architectures: the first population. */
public final class SamplingGenerator {
  private SamplingGenerator() {}

  public static Behavior<GeneratorActor.Breed> create(ChildMaker maker, GenomeLayout layout) {
    return GeneratorActor.create(BreedingOperator.RANDOM, maker, layout);
  }
}
