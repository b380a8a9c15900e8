package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchSnapshot;
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
      PersistenceTestKitPlugin.getInstance()
          .config()
          .withFallback(PersistenceTestKitSnapshotPlugin.config())
          .withFallback(SearchFixtures.SERIALIZE_ALL);

  /** A snapshot every 7 events: several per search, each restored through the serializer. */
  private static final SearchCoordinator.Durability OFTEN =
      new SearchCoordinator.Durability(7, false);

  private ActorTestKit kit;
  private PersistenceTestKit journal;
  private SnapshotTestKit snapshots;
  private ExecutorService blocking;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("durable", CONFIG);
    journal = PersistenceTestKit.create(kit.system());
    snapshots = SnapshotTestKit.create(kit.system());
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
      String id,
      Function<Optional<SearchSnapshot>, SearchState> job,
      SearchCoordinator.Listener listener) {
    return spawn(id, job, OFTEN, listener);
  }

  private ActorRef<SearchCoordinator.Command> spawn(
      String id,
      Function<Optional<SearchSnapshot>, SearchState> job,
      SearchCoordinator.Durability durability,
      SearchCoordinator.Listener listener) {
    return kit.spawn(
        SearchCoordinator.durable(id, job, durability, FAST, Clock.systemUTC(), listener, ""),
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
    Function<Optional<SearchSnapshot>, SearchState> job =
        snapshot -> SearchFixtures.generational(3, 11, snapshot);
    SearchFixtures.Outcome whole = new SearchFixtures.Outcome();
    SearchState.Result expected = run(spawn("whole", job, whole), whole);
    assertEquals(65, expected.evaluated(), "20 first, then 15 children in each of 3 generations");

    // The same job under another id: its coordinator's next journal write fails once 30 results
    // were heard, so it dies with that write lost, as a crash would lose it.
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
          public void replayed(long number, Individual i) {
            replayed.add(i);
          }
        };
    SearchState.Result r = run(spawn("broken", job, resumed), resumed);
    assertEquals(expected.evaluated(), r.evaluated());
    assertEquals(keys(expected.leaders()), keys(r.leaders()), "the same leaders, in order");
    assertEquals(expected.best().map(Individual::key), r.best().map(Individual::key));
    assertEquals(keys(expected.front()), keys(r.front()), "the same front");
    assertEquals(SearchPhase.DONE, resumed.last.state());
    // The write that told the 30th result may have held a few more (writes group the commands
    // queued meanwhile): the journal holds every result the owner heard, and only those.
    assertTrue(counting.evaluated.size() >= 30, "heard " + counting.evaluated.size());
    assertEquals(
        keys(counting.evaluated), keys(replayed), "the journal held the results heard, in order");
    assertEquals(
        65 - counting.evaluated.size(),
        resumed.evaluated.size(),
        "only the rest was evaluated again");
    List<Object> stored = journal.persistedInStorage("search|broken");
    assertInstanceOf(SearchEvent.Created.class, stored.get(0), "the job comes first");
    assertTrue(
        stored.stream().anyMatch(SearchEvent.Recovered.class::isInstance),
        "the resume is journaled");
    assertTrue(
        !snapshots.persistedInStorage("search|broken").isEmpty(),
        "snapshots were kept (the last two), and the resume started from one");
  }

  @Test
  void anAsyncSearchResumedLosesNothingAndCountsNothingTwice() throws Exception {
    Function<Optional<SearchSnapshot>, SearchState> job =
        snapshot -> SearchFixtures.async(60, 4, SearchState.Settings.defaults(), snapshot);
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
          public void replayed(long number, Individual i) {
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

  /**
   * A resume restores the last snapshot and replays the events after it, so the results it hands
   * back begin where the snapshot's own last results begin; asked to replay the whole journal, it
   * hands back every result from the first. Either way the search ends as an uninterrupted one.
   */
  @Test
  void aResumeStartsFromTheLastSnapshotUnlessAskedToReplayEverything() throws Exception {
    int budget = 600;
    Function<Optional<SearchSnapshot>, SearchState> job =
        snapshot -> SearchFixtures.async(budget, 9, SearchState.Settings.defaults(), snapshot);
    int stopAt = SearchState.LAST_EVALUATED + 150;
    CompletableFuture<Void> enough = new CompletableFuture<>();
    SearchFixtures.Outcome first =
        new SearchFixtures.Outcome() {
          @Override
          public void evaluated(Individual i) {
            super.evaluated(i);
            if (evaluated.size() == stopAt) {
              enough.complete(null);
            }
          }
        };
    ActorRef<SearchCoordinator.Command> c = spawn("snapshots", job, first);
    enough.get(60, TimeUnit.SECONDS);
    kit.stop(c, Duration.ofSeconds(10));
    List<Object> kept =
        snapshots.persistedInStorage("search|snapshots").stream().map(p -> p.second()).toList();
    SearchSnapshot last = (SearchSnapshot) kept.get(kept.size() - 1);
    long atSnapshot = last.counters().evaluated();
    assertTrue(atSnapshot > SearchState.LAST_EVALUATED, "the snapshot came after " + atSnapshot);

    List<Long> numbers = new CopyOnWriteArrayList<>();
    SearchFixtures.Outcome resumed =
        new SearchFixtures.Outcome() {
          @Override
          public void replayed(long number, Individual i) {
            numbers.add(number);
          }
        };
    ActorRef<SearchCoordinator.Command> again = spawn("snapshots", job, resumed);
    SearchState.Result r = run(again, resumed);
    assertEquals(budget, r.evaluated(), "the budget, once");
    assertEquals(
        atSnapshot - SearchState.LAST_EVALUATED + 1,
        numbers.get(0),
        "the first result handed back is the snapshot's oldest kept");
    for (int k = 1; k < numbers.size(); k++) {
      assertEquals(numbers.get(k - 1) + 1, numbers.get(k), "numbered without a gap");
    }
    assertTrue(numbers.get(numbers.size() - 1) >= stopAt, "up to the last journaled result");

    List<Long> all = new CopyOnWriteArrayList<>();
    SearchFixtures.Outcome whole =
        new SearchFixtures.Outcome() {
          @Override
          public void replayed(long number, Individual i) {
            all.add(number);
          }
        };
    run(spawn("snapshots", job, new SearchCoordinator.Durability(7, true), whole), whole);
    assertEquals(1L, all.get(0), "the whole journal replayed, from the first result");
    assertEquals(budget, all.size(), "every result handed back");
    assertEquals(0, whole.evaluated.size(), "a finished search evaluates nothing more");
  }
}
