package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.automoe.actors.breeding.GeneratorActor;
import org.automoe.actors.breeding.MutationGenerator;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Async breeding through the generator and predictor actors, under a latency limit. */
class BreedingActorsTest {
  private static final EvolutionSettings EVOLUTION =
      new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000);
  private static final double LIMIT_MS = 40;

  private ActorTestKit kit;
  private ExecutorService blocking;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("breeding", SearchFixtures.SERIALIZE_ALL);
    blocking = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
  }

  private static SearchState search(int budget, LatencyEstimator latency) {
    Constraints limit =
        new Constraints(OptionalDouble.of(LIMIT_MS), OptionalLong.empty(), OptionalLong.empty());
    SearchJobSpec spec =
        new SearchJobSpec(
            "breeding",
            SearchFixtures.SMALL,
            SearchMode.ASYNC,
            limit,
            EVOLUTION,
            new SearchLength.Budget(budget),
            4);
    Screen screen =
        new Screen(new GenomeLayout(SearchFixtures.SMALL), SearchFixtures.COST, latency, limit);
    return new SearchState(spec, screen, SearchState.Settings.defaults());
  }

  private SearchFixtures.Outcome run(SearchState state) {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    kit.spawn(
        SearchCoordinator.create(
            state, SearchCoordinator.Settings.defaults(), Clock.systemUTC(), outcome),
        "coordinator");
    for (int i = 0; i < 2; i++) {
      kit.spawn(
          EvaluatorActor.create(SearchFixtures::loss, blocking, 4, Clock.systemUTC()),
          "evaluator-" + i);
    }
    return outcome;
  }

  @Test
  void thePredictorActorTimesWholeRoundsAndTheLimitHolds() throws Exception {
    List<Integer> batches = new CopyOnWriteArrayList<>();
    LatencyEstimator byFlops =
        archs -> {
          batches.add(archs.size());
          return archs.stream()
              .mapToDouble(a -> SearchFixtures.COST.cost(a).flops() / 2e6)
              .toArray();
        };
    SearchFixtures.Outcome outcome = run(search(60, byFlops));
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(60, r.evaluated());
    assertEquals(60, outcome.evaluated.size());
    for (Individual i : outcome.evaluated) {
      double expected = i.candidate().cost().flops() / 2e6;
      assertEquals(expected, i.candidate().predictedLatencyMs(), 1e-9, "its own prediction");
      assertTrue(i.candidate().predictedLatencyMs() <= LIMIT_MS, i.key());
    }
    assertTrue(batches.stream().anyMatch(b -> b > 1), "rounds are predicted in batches");
    assertTrue(batches.size() < r.evaluated(), "one call per round: " + batches);
    assertTrue(outcome.last.rejected() > 0, "the limit rejected some draws: " + outcome.last);
  }

  @Test
  void aFailingPredictorFailsTheSearchSayingWhy() throws Exception {
    LatencyEstimator broken =
        archs -> {
          throw new IllegalStateException("predictor file went away");
        };
    SearchFixtures.Outcome outcome = run(search(30, broken));
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(0, r.evaluated());
    assertTrue(r.leaders().isEmpty());
    assertEquals(SearchPhase.FAILED, outcome.last.state());
    assertTrue(
        outcome.last.failure().orElseThrow().contains("predictor file went away"),
        outcome.last.toString());
  }

  @Test
  void aGeneratorMakesWhatTheCoreOperatorMakesAndRefusesOtherDraws() {
    ChildMaker maker = new ChildMaker(new GenomeLayout(SearchFixtures.SMALL), EVOLUTION, 3);
    var layout = new GenomeLayout(SearchFixtures.SMALL);
    List<Individual> parents = new ArrayList<>();
    for (long s = 1; s <= 4; s++) {
      var genome = maker.make(new BreedingRound.Draw(BreedingOperator.RANDOM, s), List.of());
      var arch = layout.decode(genome);
      var c = new Candidate(s, s, 0, arch, SearchFixtures.COST.cost(arch), 1.0);
      parents.add(new Individual(c, genome, 5.0 - s));
    }
    var generator = kit.spawn(MutationGenerator.create(maker, layout), "mutation");
    TestProbe<GeneratorActor.Bred> probe = kit.createTestProbe();
    List<BreedingRound.Draw> draws =
        List.of(
            new BreedingRound.Draw(BreedingOperator.MUTATION, 11),
            new BreedingRound.Draw(BreedingOperator.MUTATION, 12));
    generator.tell(new GeneratorActor.Breed(7, List.of(0, 3), draws, parents, probe.getRef()));
    GeneratorActor.Bred bred = probe.receiveMessage();
    assertEquals(7, bred.roundId());
    assertEquals(List.of(0, 3), bred.indices());
    assertEquals(
        List.of(maker.make(draws.get(0), parents), maker.make(draws.get(1), parents)),
        bred.children());
    assertEquals(bred.children().stream().map(layout::decode).toList(), bred.architectures());
    generator.tell(
        new GeneratorActor.Breed(
            8,
            List.of(0),
            List.of(new BreedingRound.Draw(BreedingOperator.CROSSOVER, 1)),
            parents,
            probe.getRef()));
    GeneratorActor.Bred refused = probe.receiveMessage();
    assertTrue(refused.failure().orElseThrow().contains("CROSSOVER"), refused.toString());
  }
}
