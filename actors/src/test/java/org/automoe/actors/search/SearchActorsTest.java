package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.node.NodeGuardian;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.TopKSelection;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator and evaluators in one actor system, every message through the serializer. */
class SearchActorsTest {
  private ActorTestKit kit;
  private ExecutorService blocking;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("search", SearchFixtures.SERIALIZE_ALL);
    blocking = Executors.newFixedThreadPool(3);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
  }

  private void spawnEvaluators(int n) {
    for (int i = 0; i < n; i++) {
      kit.spawn(
          EvaluatorActor.create(SearchFixtures::loss, blocking, 2, Clock.systemUTC()),
          "evaluator-" + i);
    }
  }

  private static void assertEachCandidateOnce(SearchFixtures.Outcome outcome) {
    SearchStatus s = outcome.last;
    Set<Long> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    assertEquals(s.evaluated(), outcome.evaluated.size(), "each evaluated one reported once");
    for (Individual i : outcome.evaluated) {
      assertTrue(ids.add(i.candidate().id()), "evaluated twice: candidate " + i.candidate().id());
      assertTrue(keys.add(i.key()), "architecture twice: " + i.key());
    }
    assertEquals(
        s.generated(),
        s.rejected() + s.evaluated() + s.failed() + s.pending() + s.inFlight(),
        s.toString());
    assertEquals(0, s.pending() + s.inFlight());
  }

  @Test
  void evaluatorsPullEveryCandidateOfTheBudget() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    SearchState state = SearchFixtures.async(80, 1, SearchState.Settings.defaults());
    kit.spawn(
        SearchCoordinator.create(
            state, SearchCoordinator.Settings.defaults(), Clock.systemUTC(), outcome),
        "coordinator");
    spawnEvaluators(3);
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(80, r.evaluated());
    assertEquals(80, outcome.evaluated.size(), "each result reported as it came");
    assertEquals(
        outcome.evaluated.stream().sorted(TopKSelection.BY_LOSS).toList(),
        r.leaders(),
        "the leaders are the best of what was reported");
    assertEquals(SearchPhase.DONE, outcome.last.state());
    assertEachCandidateOnce(outcome);
    assertTrue(r.best().isPresent());
    assertTrue(r.front().contains(r.best().get()), "the lowest loss is on the front");
  }

  @Test
  void theLeasesOfAnEvaluatorThatStopsAreHandedToTheOthers() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    SearchState state = SearchFixtures.async(40, 2, SearchState.Settings.defaults());
    ActorRef<SearchCoordinator.Command> coordinator =
        kit.spawn(
            SearchCoordinator.create(
                state, SearchCoordinator.Settings.defaults(), Clock.systemUTC(), outcome),
            "coordinator");
    // A worker that takes three candidates and dies without answering.
    TestProbe<EvaluatorActor.Command> doomed = kit.createTestProbe("doomed");
    kit.system()
        .receptionist()
        .tell(Receptionist.register(SearchCoordinator.EVALUATORS, doomed.getRef()));
    doomed.expectMessageClass(EvaluatorActor.Join.class);
    coordinator.tell(new SearchCoordinator.RequestWork(doomed.getRef(), 3));
    EvaluatorActor.Work taken = doomed.expectMessageClass(EvaluatorActor.Work.class);
    assertEquals(3, taken.requests().size());
    doomed.stop();
    spawnEvaluators(2);
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(40, r.evaluated());
    assertEachCandidateOnce(outcome);
    assertTrue(outcome.last.requeued() >= 3, outcome.last.toString());
    Set<Long> evaluated = new HashSet<>();
    outcome.evaluated.forEach(i -> evaluated.add(i.candidate().id()));
    for (EvaluationRequest lost : taken.requests()) {
      assertTrue(evaluated.contains(lost.candidate().id()), "re-queued and evaluated");
    }
  }

  @Test
  void aLateResultOfAnExpiredLeaseIsIgnored() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    SearchState state = SearchFixtures.async(6, 3, new SearchState.Settings(100, 3, 16, 10));
    ActorRef<SearchCoordinator.Command> coordinator =
        kit.spawn(
            SearchCoordinator.create(
                state,
                new SearchCoordinator.Settings(Duration.ofMillis(20), Duration.ofMillis(20)),
                Clock.systemUTC(),
                outcome),
            "coordinator");
    TestProbe<EvaluatorActor.Command> slow = kit.createTestProbe("slow");
    coordinator.tell(new SearchCoordinator.RequestWork(slow.getRef(), 1));
    EvaluationRequest r = slow.expectMessageClass(EvaluatorActor.Work.class).requests().get(0);
    TestProbe<SearchCoordinator.StatusReply> status = kit.createTestProbe("status");
    status.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          coordinator.tell(new SearchCoordinator.GetStatus(status.getRef()));
          SearchStatus s = status.expectMessageClass(SearchCoordinator.StatusReply.class).status();
          assertEquals(1, s.requeued(), "the lease expired");
          return null;
        });
    coordinator.tell(
        new SearchCoordinator.ReportResult(
            slow.getRef(),
            EvaluationResult.success(r.candidate().id(), r.lease().attempt(), 0.5, "slow", 1)));
    spawnEvaluators(1);
    SearchState.Result result = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(6, result.evaluated());
    assertEachCandidateOnce(outcome);
    Individual same =
        outcome.evaluated.stream()
            .filter(i -> i.candidate().id() == r.candidate().id())
            .findFirst()
            .orElseThrow();
    assertEquals(SearchFixtures.loss(r.candidate()), same.validationLoss(), 0, "not the late 0.5");
  }

  @Test
  void twoSearchesShareEvaluatorsWithoutDroppingALease() throws Exception {
    SearchFixtures.Outcome first = new SearchFixtures.Outcome();
    SearchFixtures.Outcome second = new SearchFixtures.Outcome();
    spawnEvaluators(2);
    kit.spawn(
        SearchCoordinator.create(
            SearchFixtures.async(60, 5, SearchState.Settings.defaults()),
            SearchCoordinator.Settings.defaults(),
            Clock.systemUTC(),
            first),
        "first");
    // A second search finds the same evaluators while the first holds leases on them: they
    // finish the first, then serve the second (leases last ten minutes: a dropped one would
    // stall a search far beyond the timeout).
    kit.spawn(
        SearchCoordinator.create(
            SearchFixtures.async(30, 6, SearchState.Settings.defaults()),
            SearchCoordinator.Settings.defaults(),
            Clock.systemUTC(),
            second),
        "second");
    SearchState.Result a = first.result.get(30, TimeUnit.SECONDS);
    SearchState.Result b = second.result.get(30, TimeUnit.SECONDS);
    assertEquals(60, a.evaluated());
    assertEquals(30, b.evaluated());
    assertEachCandidateOnce(first);
    assertEachCandidateOnce(second);
    for (Individual i : second.evaluated) {
      assertEquals(SearchFixtures.loss(i.candidate()), i.validationLoss(), 0, "its own result");
    }
  }

  /**
   * Two continuous searches on the same evaluator: each request for work goes to the next search in
   * turn, so neither starves, although neither ever finishes.
   */
  @Test
  void continuousSearchesShareEvaluatorsFairly() throws Exception {
    AtomicInteger total = new AtomicInteger();
    List<SearchFixtures.Outcome> outcomes = new ArrayList<>();
    for (int seed : new int[] {7, 8}) {
      SearchFixtures.Outcome outcome =
          new SearchFixtures.Outcome() {
            @Override
            public void evaluated(Individual i) {
              super.evaluated(i);
              total.incrementAndGet();
            }

            @Override
            public Optional<String> stopRequested() {
              return total.get() >= 200 ? Optional.of("enough") : Optional.empty();
            }
          };
      outcomes.add(outcome);
      kit.spawn(
          SearchCoordinator.create(
              SearchFixtures.unbounded(seed),
              new SearchCoordinator.Settings(Duration.ofMillis(20), Duration.ofMillis(20)),
              Clock.systemUTC(),
              outcome),
          "continuous-" + seed);
    }
    spawnEvaluators(1); // one evaluator: it alone decides who gets its time

    for (SearchFixtures.Outcome o : outcomes) {
      o.result.get(30, TimeUnit.SECONDS);
      assertEquals(SearchPhase.STOPPED, o.last.state());
      assertEquals(
          o.evaluated.size(),
          o.evaluated.stream().map(Individual::key).distinct().count(),
          "each architecture evaluated once");
    }
    int first = outcomes.get(0).evaluated.size();
    int second = outcomes.get(1).evaluated.size();
    assertTrue(
        Math.min(first, second) >= (first + second) / 4,
        "shared: " + first + " and " + second + " evaluated");
  }

  @Test
  void aSearchNoEvaluatorServesStopsAsFailedSayingWhy() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    kit.spawn(
        SearchCoordinator.create(
            SearchFixtures.async(10, 3, SearchState.Settings.defaults()),
            new SearchCoordinator.Settings(
                Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(200)),
            Clock.systemUTC(),
            outcome),
        "unserved");
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(0, r.evaluated());
    assertEquals(SearchPhase.FAILED, outcome.last.state());
    assertEquals(
        "no evaluator for 0.2 s: every one stopped or left", outcome.last.failure().orElseThrow());
  }

  @Test
  void aContinuousSearchEndsWhenItsOwnerAsksWithWhatItFound() throws Exception {
    SearchFixtures.Outcome outcome =
        new SearchFixtures.Outcome() {
          @Override
          public Optional<String> stopRequested() {
            return evaluated.size() >= 30 ? Optional.of("enough") : Optional.empty();
          }
        };
    kit.spawn(
        SearchCoordinator.create(
            SearchFixtures.unbounded(7),
            new SearchCoordinator.Settings(Duration.ofMillis(20), Duration.ofMillis(20)),
            Clock.systemUTC(),
            outcome),
        "continuous");
    spawnEvaluators(2);
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(SearchPhase.STOPPED, outcome.last.state());
    assertTrue(r.evaluated() >= 30, "ran past its population until asked: " + r.evaluated());
    assertTrue(r.best().isPresent());
  }

  @Test
  void statusAnswersAcrossTheSerializer() {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    ActorRef<SearchCoordinator.Command> coordinator =
        kit.spawn(
            SearchCoordinator.create(
                SearchFixtures.async(10, 4, SearchState.Settings.defaults()),
                SearchCoordinator.Settings.defaults(),
                Clock.systemUTC(),
                outcome));
    TestProbe<SearchCoordinator.StatusReply> probe = kit.createTestProbe();
    coordinator.tell(new SearchCoordinator.GetStatus(probe.getRef()));
    SearchStatus s = probe.expectMessageClass(SearchCoordinator.StatusReply.class).status();
    assertEquals(SearchPhase.RUNNING, s.state());
    assertEquals("test", s.name());
    assertEquals(0, s.inFlight());
  }

  /** The system clock, except that its first reading throws: the evaluator fails in a handler. */
  private static final class FailingOnceClock extends Clock {
    private final AtomicBoolean failed = new AtomicBoolean();

    @Override
    public long millis() {
      if (failed.compareAndSet(false, true)) {
        throw new IllegalStateException("the clock failed once");
      }
      return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void anEvaluatorRestartedAfterAFailureRejoinsItsSearch() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    // Short leases: the candidates held by the evaluator when it failed come back soon.
    SearchState state = SearchFixtures.async(20, 8, new SearchState.Settings(500, 3, 16, 10));
    kit.spawn(
        SearchCoordinator.create(
            state,
            new SearchCoordinator.Settings(Duration.ofMillis(50), Duration.ofMillis(20)),
            Clock.systemUTC(),
            outcome),
        "coordinator");
    kit.spawn(
        NodeGuardian.Supervision.RESTART.apply(
            EvaluatorActor.create(SearchFixtures::loss, blocking, 2, new FailingOnceClock()),
            new NodeGuardian.Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 0)),
        "evaluator");
    // The only evaluator: the search ends only if it rejoins after its restart.
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(20, r.evaluated());
    assertEachCandidateOnce(outcome);
    assertTrue(outcome.last.requeued() >= 1, "its leases were handed out again");
  }

  @Test
  void anEvaluatorHoldingAnotherSupernetDoesNotJoinTheSearch() throws Exception {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    SearchState state = SearchFixtures.async(30, 6, SearchState.Settings.defaults());
    AtomicInteger wrong = new AtomicInteger();
    kit.spawn(
        EvaluatorActor.create(
            c -> {
              wrong.incrementAndGet();
              return SearchFixtures.loss(c);
            },
            blocking,
            2,
            Clock.systemUTC(),
            "other-weights"),
        "stale-evaluator");
    kit.spawn(
        SearchCoordinator.create(
            state,
            SearchCoordinator.Settings.defaults(),
            Clock.systemUTC(),
            outcome,
            "searched-weights"),
        "coordinator");
    kit.spawn(
        EvaluatorActor.create(
            SearchFixtures::loss, blocking, 2, Clock.systemUTC(), "searched-weights"),
        "evaluator");
    SearchState.Result r = outcome.result.get(30, TimeUnit.SECONDS);
    assertEquals(30, r.evaluated());
    assertEquals(0, wrong.get(), "the evaluator with other weights evaluated nothing");
  }
}
