package org.automoe.actors.breeding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.BreedingRound;

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

  /**
   * The children and their decoded architectures, in the order of the draws, or why they could not
   * be made. Decoding here keeps it off the coordinator's thread.
   */
  public record Bred(
      long roundId,
      List<Integer> indices,
      List<Genome> children,
      List<Architecture> architectures,
      Optional<String> failure)
      implements NoSerializationVerificationNeeded {}

  static Behavior<Breed> create(BreedingOperator operator, ChildMaker maker, GenomeLayout layout) {
    return Behaviors.receive(Breed.class)
        .onMessage(
            Breed.class,
            m -> {
              m.replyTo().tell(breed(operator, maker, layout, m));
              return Behaviors.same();
            })
        .build();
  }

  private static Bred breed(
      BreedingOperator operator, ChildMaker maker, GenomeLayout layout, Breed m) {
    List<Genome> children = new ArrayList<>(m.draws().size());
    List<Architecture> archs = new ArrayList<>(m.draws().size());
    try {
      for (BreedingRound.Draw d : m.draws()) {
        if (d.operator() != operator) {
          throw new IllegalArgumentException(
              "a " + operator + " generator was sent a " + d.operator() + " draw");
        }
        Genome child = maker.make(d, m.parents());
        children.add(child);
        archs.add(layout.decode(child));
      }
    } catch (RuntimeException e) {
      return new Bred(m.roundId(), m.indices(), List.of(), List.of(), Optional.of(e.toString()));
    }
    return new Bred(m.roundId(), m.indices(), children, archs, Optional.empty());
  }
}
