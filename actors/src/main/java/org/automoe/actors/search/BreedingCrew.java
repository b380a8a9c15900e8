package org.automoe.actors.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.automoe.actors.breeding.CrossoverGenerator;
import org.automoe.actors.breeding.GeneratorActor;
import org.automoe.actors.breeding.LatencyPredictorActor;
import org.automoe.actors.breeding.MutationGenerator;
import org.automoe.actors.breeding.SamplingGenerator;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.SearchState;

/**
 * The coordinator's side of asynchronous breeding: sends each draw of the open round to the
 * generator of its operator, gathers the children, has the predictor actor time them all in one
 * call, and closes the round in the search state. Runs on the coordinator's thread only.
 */
final class BreedingCrew {
  private final Map<BreedingOperator, ActorRef<GeneratorActor.Breed>> generators =
      new EnumMap<>(BreedingOperator.class);
  private final ActorRef<LatencyPredictorActor.Predict> predictor;
  private final ActorRef<GeneratorActor.Bred> bredTo;
  private final ActorRef<LatencyPredictorActor.Predicted> predictedTo;
  private BreedingRound round;
  private Genome[] children;
  private int awaited;
  private Architecture[] archs;
  private boolean predicting;

  /** Spawns the generators and the predictor as children of the coordinator. */
  BreedingCrew(ActorContext<SearchCoordinator.Command> ctx, SearchState state) {
    var maker = state.childMaker();
    var layout = new GenomeLayout(state.spec().space());
    generators.put(
        BreedingOperator.RANDOM, ctx.spawn(SamplingGenerator.create(maker, layout), "sampling"));
    generators.put(
        BreedingOperator.MUTATION, ctx.spawn(MutationGenerator.create(maker, layout), "mutation"));
    generators.put(
        BreedingOperator.CROSSOVER,
        ctx.spawn(CrossoverGenerator.create(maker, layout), "crossover"));
    predictor =
        ctx.spawn(LatencyPredictorActor.create(state.latencyEstimator()), "latency-predictor");
    bredTo = ctx.messageAdapter(GeneratorActor.Bred.class, SearchCoordinator::childrenBred);
    predictedTo =
        ctx.messageAdapter(
            LatencyPredictorActor.Predicted.class, SearchCoordinator::latencyPredicted);
  }

  /** Hands the draws of a freshly opened round to their generators. */
  void start(BreedingRound r) {
    round = r;
    children = new Genome[r.draws().size()];
    archs = new Architecture[r.draws().size()];
    predicting = false;
    Map<BreedingOperator, List<Integer>> byOperator = new EnumMap<>(BreedingOperator.class);
    for (int i = 0; i < r.draws().size(); i++) {
      byOperator.computeIfAbsent(r.draws().get(i).operator(), k -> new ArrayList<>()).add(i);
    }
    awaited = byOperator.size();
    byOperator.forEach(
        (op, indices) ->
            generators
                .get(op)
                .tell(
                    new GeneratorActor.Breed(
                        r.id(),
                        indices,
                        indices.stream().map(r.draws()::get).toList(),
                        op == BreedingOperator.RANDOM ? List.of() : r.parents(),
                        bredTo)));
  }

  /**
   * Takes a generator's children in; once all are in, asks for their latency. True when the round
   * ended here (a generator failed).
   */
  boolean childrenBred(GeneratorActor.Bred m, SearchState state) {
    if (round == null || m.roundId() != round.id()) {
      return false;
    }
    if (m.failure().isPresent()) {
      end(state, m.failure().get());
      return true;
    }
    for (int k = 0; k < m.indices().size(); k++) {
      children[m.indices().get(k)] = m.children().get(k);
      archs[m.indices().get(k)] = m.architectures().get(k);
    }
    if (--awaited == 0) {
      predicting = true;
      predictor.tell(
          new LatencyPredictorActor.Predict(round.id(), Arrays.asList(archs), predictedTo));
    }
    return false;
  }

  /** Closes the round with the predicted latency; true when a round ended (closed or failed). */
  boolean latencyPredicted(LatencyPredictorActor.Predicted m, SearchState state) {
    if (round == null || !predicting || m.requestId() != round.id()) {
      return false;
    }
    if (m.failure().isPresent()) {
      end(state, "latency prediction: " + m.failure().get());
      return true;
    }
    BreedingRound r = round;
    round = null;
    state.closeRound(r, Arrays.asList(children), Arrays.asList(archs), m.latencyMs());
    return true;
  }

  private void end(SearchState state, String why) {
    state.failRound(round, why);
    round = null;
  }
}
