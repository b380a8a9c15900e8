package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.GenerationalSearch;
import org.automoe.core.evo.GenerationalStep;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.TopKSelection;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class SearchStateTest {
  private static final SearchSpace SMALL = BuiltInSpaces.small();
  private static final CostModel COST = new CostModel(CostSettings.of(SMALL));
  private static final Constraints LIMIT =
      new Constraints(OptionalDouble.empty(), OptionalLong.of(80_000_000L), OptionalLong.empty());
  private static final EvolutionSettings SMALL_EVOLUTION =
      new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000);

  /** A synthetic fitness for driving the state machine: bigger is better, with a fixed jitter. */
  private static double loss(Candidate c) {
    return 10.0
        - Math.log(c.cost().paramsActive())
        + Math.floorMod(c.architecture().key().hashCode(), 1000) / 5000.0;
  }

  private static Screen screen(Constraints limits) {
    return new Screen(new GenomeLayout(SMALL), COST, LatencyEstimator.NONE, limits);
  }

  private static SearchState generational(int iterations, long seed) {
    SearchJobSpec spec =
        new SearchJobSpec(
            "g",
            SMALL,
            SearchMode.GENERATIONAL,
            LIMIT,
            SMALL_EVOLUTION,
            new SearchLength.Iterations(iterations),
            seed);
    return new SearchState(spec, screen(LIMIT), SearchState.Settings.defaults());
  }

  private static SearchState async(int budget, long seed) {
    SearchJobSpec spec =
        new SearchJobSpec(
            "a",
            SMALL,
            SearchMode.ASYNC,
            LIMIT,
            SMALL_EVOLUTION,
            new SearchLength.Budget(budget),
            seed);
    return new SearchState(spec, screen(LIMIT), SearchState.Settings.defaults());
  }

  /** A successful result signed by the evaluator holding the lease. */
  private static EvaluationResult ok(EvaluationRequest r, String worker) {
    return EvaluationResult.success(
        r.candidate().id(), r.lease().attempt(), loss(r.candidate()), worker, 1);
  }

  private static EvaluationResult ok(EvaluationRequest r) {
    return ok(r, "w");
  }

  /** Collects every individual {@code s} evaluates from now on, in order. */
  static List<Individual> streamed(SearchState s) {
    List<Individual> out = new ArrayList<>();
    s.streamEvaluatedTo(out::add);
    return out;
  }

  private static void assertAccounted(SearchState s) {
    SearchStatus st = s.status(0);
    assertEquals(
        st.generated(),
        st.rejected() + st.evaluated() + st.failed() + st.pending() + st.inFlight(),
        st.toString());
  }

  /** Leases in random batch sizes and answers in random order until the search is finished. */
  private static void drive(SearchState s, Random order) {
    List<EvaluationRequest> out = new ArrayList<>();
    int guard = 0;
    while (!s.finished()) {
      out.addAll(s.lease(1 + order.nextInt(16), "w", 0));
      assertAccounted(s);
      Collections.shuffle(out, order);
      int answer = out.isEmpty() ? 0 : 1 + order.nextInt(out.size());
      for (int k = 0; k < answer; k++) {
        assertEquals(
            SearchState.Outcome.ACCEPTED, s.complete(ok(out.remove(out.size() - 1))).outcome());
      }
      assertTrue(guard++ < 100_000, "the search must finish");
    }
  }

  @Test
  void generationalModeReplaysWhateverOrderResultsArriveIn() {
    SearchState a = generational(3, 7);
    SearchState b = generational(3, 7);
    List<Individual> evaluatedA = streamed(a);
    List<Individual> evaluatedB = streamed(b);
    drive(a, new Random(1));
    drive(b, new Random(2));
    assertEquals(a.result().evaluated(), b.result().evaluated());
    List<String> keysA = new ArrayList<>();
    List<String> keysB = new ArrayList<>();
    evaluatedA.forEach(i -> keysA.add(i.candidate().id() + " " + i.key()));
    evaluatedB.forEach(i -> keysB.add(i.candidate().id() + " " + i.key()));
    Collections.sort(keysA);
    Collections.sort(keysB);
    assertEquals(keysA, keysB);
    assertEquals(a.result().best(), b.result().best());
    assertEquals(20 + 3 * 15, a.result().evaluated());
    assertEquals(20 + 3 * 15, evaluatedA.size());
    assertEquals(a.result().leaders(), b.result().leaders());
    assertEquals(SearchPhase.DONE, a.status(0).state());
  }

  @Test
  void generationalModeFindsWhatTheSynchronousDriverFinds() {
    SearchState s = generational(2, 11);
    List<Individual> evaluated = streamed(s);
    drive(s, new Random(3));
    GenerationalSearch.Result sync =
        new GenerationalSearch(new GenerationalStep(screen(LIMIT), SMALL_EVOLUTION))
            .run(11, 2, SearchStateTest::loss);
    Set<String> viaState = new HashSet<>();
    evaluated.forEach(i -> viaState.add(i.key()));
    Set<String> viaDriver = new HashSet<>();
    sync.evaluated().forEach(i -> viaDriver.add(i.key()));
    assertEquals(viaDriver, viaState);
    assertEquals(sync.best().key(), s.result().best().orElseThrow().key());
  }

  @Test
  void asyncModeSpendsExactlyItsBudgetOnDistinctArchitecturesWithoutABarrier() {
    SearchState s = async(60, 5);
    List<Individual> evaluated = streamed(s);
    // Half the population is still in flight, and work can still be pulled: no barrier.
    List<EvaluationRequest> held = s.lease(10, "slow", 0);
    for (int i = 0; i < 4; i++) {
      for (EvaluationRequest r : s.lease(16, "fast", 0)) {
        s.complete(ok(r, "fast"));
      }
    }
    assertTrue(s.status(0).evaluated() > 20, "bred past the population while 10 were held");
    held.forEach(r -> s.complete(ok(r, "slow")));
    drive(s, new Random(4));
    assertEquals(60, s.result().evaluated());
    assertEquals(60, evaluated.size());
    Set<String> keys = new HashSet<>();
    evaluated.forEach(i -> assertTrue(keys.add(i.key()), "twice: " + i.key()));
    evaluated.forEach(i -> assertTrue(i.candidate().cost().flops() <= 80_000_000L));
    assertEquals(
        evaluated.stream().sorted(TopKSelection.BY_LOSS).toList(),
        s.result().leaders(),
        "fewer than the leaders' cap: every evaluated one, best first");
    assertAccounted(s);
    assertTrue(s.lease(16, "w", 0).isEmpty(), "nothing beyond the budget");
  }

  @Test
  void aDeadEvaluatorsLeaseIsHandedOutAgainAndItsLateResultIgnored() {
    SearchState s = async(5, 1);
    EvaluationRequest first = s.lease(1, "dies", 0).get(0);
    assertEquals(1, s.release("dies"));
    EvaluationRequest again = s.lease(1, "lives", 0).get(0);
    assertEquals(first.candidate().id(), again.candidate().id(), "re-queued at the front");
    assertEquals(2, again.lease().attempt());
    assertEquals(SearchState.Outcome.IGNORED, s.complete(ok(first, "dies")).outcome());
    assertEquals(
        SearchState.Outcome.IGNORED,
        s.complete(ok(again, "dies")).outcome(),
        "the current attempt, but not from its holder");
    assertEquals(SearchState.Outcome.ACCEPTED, s.complete(ok(again, "lives")).outcome());
    assertEquals(
        SearchState.Outcome.IGNORED,
        s.complete(ok(again, "lives")).outcome(),
        "a duplicate is ignored");
    assertEquals(1, s.status(0).evaluated());
    assertEquals(1, s.status(0).requeued());
    assertAccounted(s);
  }

  @Test
  void aLeasePastItsDeadlineIsHandedOutAgain() {
    SearchState s = async(5, 2);
    long lease = SearchState.Settings.defaults().leaseMillis();
    EvaluationRequest r = s.lease(1, "w1", 1_000).get(0);
    assertEquals(1_000 + lease, r.lease().deadlineEpochMs());
    assertEquals(0, s.expire(1_000 + lease), "not late at the deadline itself");
    assertEquals(1, s.expire(1_001 + lease));
    assertEquals(SearchState.Outcome.IGNORED, s.complete(ok(r)).outcome(), "the late result");
    assertEquals(0, s.leases().size());
    assertEquals(r.candidate().id(), s.lease(1, "w2", 2_000_000).get(0).candidate().id());
  }

  @Test
  void aCandidateFailingEveryAttemptCountsAsFailed() {
    SearchState s = async(1, 3);
    for (int attempt = 1; attempt <= 3; attempt++) {
      String worker = "w" + attempt; // each attempt on another evaluator, as the book prefers
      EvaluationRequest r = s.lease(1, worker, 0).get(0);
      assertEquals(attempt, r.lease().attempt());
      SearchState.Outcome o =
          s.complete(
                  EvaluationResult.failed(r.candidate().id(), attempt, "out of memory", worker, 1))
              .outcome();
      assertEquals(attempt < 3 ? SearchState.Outcome.RETRY : SearchState.Outcome.FAILED, o);
    }
    assertEquals(1, s.status(0).failed());
    assertTrue(s.finished());
    assertTrue(s.result().best().isEmpty());
    assertAccounted(s);
  }

  @Test
  void anAcceptedResultCarriesTheIndividualItMade() {
    SearchState s = async(5, 1);
    List<EvaluationRequest> work = s.lease(2, "w", 0);
    SearchState.Recorded accepted = s.complete(ok(work.get(0)));
    assertEquals(SearchState.Outcome.ACCEPTED, accepted.outcome());
    assertEquals(work.get(0).candidate(), accepted.accepted().orElseThrow().candidate());
    assertEquals(loss(work.get(0).candidate()), accepted.accepted().orElseThrow().validationLoss());
    SearchState.Recorded retry =
        s.complete(EvaluationResult.failed(work.get(1).candidate().id(), 1, "oom", "w", 1));
    assertEquals(SearchState.Outcome.RETRY, retry.outcome());
    assertTrue(retry.accepted().isEmpty());
    assertTrue(s.complete(ok(work.get(0))).accepted().isEmpty(), "ignored");
  }

  @Test
  void anUnboundedSearchNeverFinishesOnItsOwn() {
    SearchJobSpec spec =
        new SearchJobSpec(
            "u", SMALL, SearchMode.ASYNC, LIMIT, SMALL_EVOLUTION, new SearchLength.Unbounded(), 9);
    SearchState s = new SearchState(spec, screen(LIMIT), SearchState.Settings.defaults());
    for (int pull = 0; pull < 20; pull++) {
      List<EvaluationRequest> work = s.lease(16, "w", 0);
      assertEquals(16, work.size(), "work to hand out on pull " + pull);
      work.forEach(r -> s.complete(ok(r)));
      assertFalse(s.finished());
    }
    assertEquals(320, s.status(0).evaluated());
    assertEquals(SearchPhase.RUNNING, s.status(0).state());
    assertAccounted(s);
  }

  @Test
  void unsatisfiableConstraintsFailTheSearchSayingWhy() {
    Constraints impossible =
        new Constraints(OptionalDouble.empty(), OptionalLong.of(1L), OptionalLong.empty());
    SearchJobSpec spec =
        new SearchJobSpec(
            "x",
            SMALL,
            SearchMode.ASYNC,
            impossible,
            new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 10),
            new SearchLength.Budget(10),
            1);
    SearchState s = new SearchState(spec, screen(impossible), SearchState.Settings.defaults());
    assertTrue(s.lease(4, "w", 0).isEmpty());
    SearchStatus st = s.status(0);
    assertEquals(SearchPhase.FAILED, st.state());
    assertTrue(st.failure().orElseThrow().contains("met the constraints"), st.toString());
    assertFalse(st.failure().isEmpty());
    assertTrue(s.finished());
  }

  /** Breeds one round the way the generator and predictor actors do, outside the state. */
  private static void breedOutside(SearchState s, int wanted) {
    BreedingRound round = s.openRound(wanted).orElseThrow();
    ChildMaker maker =
        new ChildMaker(
            new GenomeLayout(SMALL),
            SMALL_EVOLUTION,
            SearchState.Settings.defaults().tournamentSize());
    var children = round.draws().stream().map(d -> maker.make(d, round.parents())).toList();
    var archs = children.stream().map(new GenomeLayout(SMALL)::decode).toList();
    s.closeRound(round, children, archs, LatencyEstimator.NONE.predictMs(archs));
  }

  @Test
  void roundsBredOutsideGiveTheCandidatesInlineBreedingGives() {
    SearchState inline = async(60, 11);
    SearchState outside = async(60, 11);
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int pull = 0; pull < 6; pull++) {
      for (EvaluationRequest r : inline.lease(10, "w", 0)) {
        a.add(r.candidate().architecture().key() + "@" + r.candidate().seed());
        inline.complete(ok(r));
      }
      breedOutside(outside, 10);
      for (EvaluationRequest r : outside.leasePending(10, "w", 0)) {
        b.add(r.candidate().architecture().key() + "@" + r.candidate().seed());
        outside.complete(ok(r));
      }
    }
    assertEquals(60, a.size());
    assertEquals(a, b);
    assertAccounted(outside);
    assertTrue(outside.openRound(5).isEmpty(), "the budget is bred");
  }

  @Test
  void oneRoundAtATimeAndOnlyTheOpenOneCloses() {
    SearchState s = async(60, 3);
    BreedingRound first = s.openRound(8).orElseThrow();
    assertEquals(24, first.draws().size(), "three draws per child wanted");
    assertTrue(first.draws().stream().allMatch(d -> d.operator() == BreedingOperator.RANDOM));
    assertTrue(s.openRound(8).isEmpty(), "one round open at a time");
    assertTrue(s.leasePending(8, "w", 0).isEmpty(), "leasing pending work never breeds");
    BreedingRound stale = new BreedingRound(99, first.draws(), List.of(), 8);
    Assertions.assertThrows(
        IllegalStateException.class,
        () -> s.closeRound(stale, List.of(), List.of(), new double[0]));
    s.failRound(first, "the predictor stopped");
    assertEquals(SearchPhase.FAILED, s.status(0).state());
    assertTrue(s.status(0).failure().orElseThrow().contains("the predictor stopped"));
    assertTrue(s.finished());
  }

  @Test
  void roundsAfterTheFirstPopulationMutateAndCrossTheSurvivors() {
    SearchState s = async(200, 8);
    while (s.status(0).evaluated() < SMALL_EVOLUTION.population()) {
      breedOutside(s, 10);
      s.leasePending(16, "w", 0).forEach(r -> s.complete(ok(r)));
    }
    BreedingRound r = s.openRound(16).orElseThrow();
    assertEquals(SMALL_EVOLUTION.population(), r.parents().size());
    Set<BreedingOperator> ops = new HashSet<>();
    r.draws().forEach(d -> ops.add(d.operator()));
    assertEquals(Set.of(BreedingOperator.MUTATION, BreedingOperator.CROSSOVER), ops);
  }
}
