package org.automoe.actors.breeding;

import org.apache.pekko.actor.typed.Behavior;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.ChildMaker;

/** Crossovers of two tournament winners (the core's uniform crossover). */
public final class CrossoverGenerator {
  private CrossoverGenerator() {}

  public static Behavior<GeneratorActor.Breed> create(ChildMaker maker, GenomeLayout layout) {
    return GeneratorActor.create(BreedingOperator.CROSSOVER, maker, layout);
  }
}
