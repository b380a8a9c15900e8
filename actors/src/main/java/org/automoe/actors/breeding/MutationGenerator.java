package org.automoe.actors.breeding;

import org.apache.pekko.actor.typed.Behavior;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.ChildMaker;

/** Mutants of tournament winners (the core's resampling mutation). */
public final class MutationGenerator {
  private MutationGenerator() {}

  public static Behavior<GeneratorActor.Breed> create(ChildMaker maker, GenomeLayout layout) {
    return GeneratorActor.create(BreedingOperator.MUTATION, maker, layout);
  }
}
