package org.automoe.actors.breeding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.BreedingRound;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.Individual;

/**
 * Turns draws (a seed each) and parents into children with one core operator. Stateless between
 * requests, so a child depends only on its draw and the parents. Generators are children of their
 * search's coordinator: genomes and populations never cross nodes, only leases and results do.
 */
public final class GeneratorActor {
  private GeneratorActor() {}

  /**
   * Make the children of {@code draws}; {@code indices} are their places in the round, echoed back.
   */
  public record Breed(
      long roundId,
      List<Integer> indices,
      List<BreedingRound.Draw> draws,
      List<Individual> parents,
      ActorRef<Bred> replyTo)
      implements NoSerializationVerificationNeeded {}

  /** The children, in the order of the draws, or why they could not be made. */
  public record Bred(
      long roundId, List<Integer> indices, List<Genome> children, Optional<String> failure)
      implements NoSerializationVerificationNeeded {}

  static Behavior<Breed> create(BreedingOperator operator, ChildMaker maker) {
    return Behaviors.receive(Breed.class)
        .onMessage(
            Breed.class,
            m -> {
              m.replyTo().tell(breed(operator, maker, m));
              return Behaviors.same();
            })
        .build();
  }

  private static Bred breed(BreedingOperator operator, ChildMaker maker, Breed m) {
    List<Genome> children = new ArrayList<>(m.draws().size());
    try {
      for (BreedingRound.Draw d : m.draws()) {
        if (d.operator() != operator) {
          throw new IllegalArgumentException(
              "a " + operator + " generator was sent a " + d.operator() + " draw");
        }
        children.add(maker.make(d, m.parents()));
      }
    } catch (RuntimeException e) {
      return new Bred(m.roundId(), m.indices(), List.of(), Optional.of(e.toString()));
    }
    return new Bred(m.roundId(), m.indices(), children, Optional.empty());
  }
}
