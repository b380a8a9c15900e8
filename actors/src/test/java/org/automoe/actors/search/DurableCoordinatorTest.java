package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event-sourced coordinator on Pekko's in-memory journal, every event through the project's
 * serializer: a coordinator that dies mid-search and is started again with the same id goes on from
 * its journal and ends where an uninterrupted search ends.
 */
class DurableCoordinatorTest {
  private static final Config CONFIG =
      PersistenceTestKitPlugin.getInstance().config().withFallback(SearchFixtures.SERIALIZE_ALL);

  private ActorTestKit kit;
  private PersistenceTestKit journal;
  private ExecutorService blocking;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("durable", CONFIG);
    journal = PersistenceTestKit.create(kit.system());
    blocking = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 2; i++) {
      kit.spawn(
          EvaluatorActor.create(SearchFixtures::loss, blocking, 2, Clock.systemUTC()),
          "evaluator-" + i);
    }
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
  }

  private static final SearchCoordinator.Settings FAST =
      new SearchCoordinator.Settings(Duration.ofMillis(50), Duration.ofMillis(20));

  private ActorRef<SearchCoordinator.Command> spawn(
      String id, Supplier<SearchState> fresh, SearchCoordinator.Listener listener) {
    return kit.spawn(
        SearchCoordinator.durable(id, fresh, FAST, Clock.systemUTC(), listener, ""),
        id + "-" + System.nanoTime());
  }

  /** Ends with the result, or fails when the coordinator stops first. */
  private SearchState.Result run(
      ActorRef<SearchCoordinator.Command> c, SearchFixtures.Outcome outcome) throws Exception {
    return outcome.result.get(60, TimeUnit.SECONDS);
  }

  private static List<String> keys(List<Individual> l) {
    return l.stream().map(Individual::key).toList();
  }

  @Test
  void aGenerationalSearchKilledMidwayEndsAsAnUninterruptedOne() throws Exception {
    Supplier<SearchState> job = () -> SearchFixtures.generational(3, 11);
    SearchFixtures.Outcome whole = new SearchFixtures.Outcome();
    SearchState.Result expected = run(spawn("whole", job, whole), whole);
    assertEquals(65, expected.evaluated(), "20 first, then 15 children in each of 3 generations");

    // The same job under another id: its coordinator's journal write fails after 30 results,
    // so it dies with that batch lost, as a crash would lose it.
    CompletableFuture<Void> thirty = new CompletableFuture<>();
    SearchFixtures.Outcome counting =
        new SearchFixtures.Outcome() {
          @Override
          public void evaluated(Individual i) {
            super.evaluated(i);
            if (evaluated.size() == 30) {
              journal.failNextPersisted("search|broken");
              thirty.complete(null);
            }
          }
        };
    ActorRef<SearchCoordinator.Command> broken = spawn("broken", job, counting);
    thirty.get(60, TimeUnit.SECONDS);
    kit.createTestProbe().expectTerminated(broken, Duration.ofSeconds(30));
    assertTrue(!counting.result.isDone(), "it died before the end");

    List<Individual> replayed = new CopyOnWriteArrayList<>();
    SearchFixtures.Outcome resumed =
        new SearchFixtures.Outcome() {
          @Override
          public void replayed(Individual i) {
            replayed.add(i);
          }
        };
    SearchState.Result r = run(spawn("broken", job, resumed), resumed);
    assertEquals(expected.evaluated(), r.evaluated());
    assertEquals(keys(expected.leaders()), keys(r.leaders()), "the same leaders, in order");
    assertEquals(expected.best().map(Individual::key), r.best().map(Individual::key));
    assertEquals(keys(expected.front()), keys(r.front()), "the same front");
    assertEquals(SearchPhase.DONE, resumed.last.state());
    assertEquals(
        keys(counting.evaluated), keys(replayed), "the journal held the 30 results, in order");
    assertEquals(65 - 30, resumed.evaluated.size(), "only the rest was evaluated again");
    List<Object> stored = journal.persistedInStorage("search|broken");
    assertInstanceOf(SearchEvent.Created.class, stored.get(0), "the job comes first");
    assertTrue(
        stored.stream().anyMatch(SearchEvent.Recovered.class::isInstance),
        "the resume is journaled");
  }

  @Test
  void anAsyncSearchResumedLosesNothingAndCountsNothingTwice() throws Exception {
    Supplier<SearchState> job = () -> SearchFixtures.async(60, 4, SearchState.Settings.defaults());
    CompletableFuture<Void> twenty = new CompletableFuture<>();
    SearchFixtures.Outcome first =
        new SearchFixtures.Outcome() {
          @Override
          public void evaluated(Individual i) {
            super.evaluated(i);
            if (evaluated.size() == 20) {
              twenty.complete(null);
            }
          }
        };
    ActorRef<SearchCoordinator.Command> c = spawn("async", job, first);
    twenty.get(60, TimeUnit.SECONDS);
    kit.stop(c, Duration.ofSeconds(10));

    List<Individual> replayed = new CopyOnWriteArrayList<>();
    SearchFixtures.Outcome second =
        new SearchFixtures.Outcome() {
          @Override
          public void replayed(Individual i) {
            replayed.add(i);
          }
        };
    SearchState.Result r = run(spawn("async", job, second), second);
    assertEquals(60, r.evaluated(), "the budget, once");
    // A stop may land between a write and its callback: the journal then holds a result its
    // owner never heard of, and the replay names it so the owner's file can catch up.
    assertEquals(
        keys(first.evaluated),
        keys(replayed).subList(0, first.evaluated.size()),
        "what the owner heard is what the journal holds, in order");
    Set<String> keys = new HashSet<>();
    for (Individual i : replayed) {
      assertTrue(keys.add(i.key()), "journaled twice: " + i.key());
    }
    for (Individual i : second.evaluated) {
      assertTrue(keys.add(i.key()), "evaluated again after the resume: " + i.key());
    }
    assertEquals(60, keys.size(), "the journal's results, plus the rest");
    assertEquals(0, second.last.pending() + second.last.inFlight());
  }
}
