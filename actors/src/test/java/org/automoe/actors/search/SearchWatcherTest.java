package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.automoe.actors.node.NodeGuardian;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever awaits a search hears when its coordinator stops first (as {@code automoe search} does,
 * through the node guardian), instead of waiting forever.
 */
class SearchWatcherTest {
  private ActorTestKit kit;
  private ActorRef<NodeGuardian.Command> guardian;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("watch", SearchFixtures.SERIALIZE_ALL);
    guardian = kit.spawn(NodeGuardian.create(), "guardian");
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  /** Starts the watcher through the guardian, as a node does. */
  private void watch(Behavior<SearchCoordinator.Command> coordinator, CompletableFuture<?> done) {
    TestProbe<StatusReply<ActorRef<Void>>> spawned = kit.createTestProbe();
    guardian.tell(
        new NodeGuardian.Spawn<>(
            SearchWatcher.create(coordinator, done),
            "search",
            NodeGuardian.Supervision.STOP,
            spawned.getRef()));
    assertTrue(spawned.receiveMessage().isSuccess());
  }

  /** A coordinator that hands out its reference, then answers a status query as told. */
  private static Behavior<SearchCoordinator.Command> fake(
      ActorRef<ActorRef<SearchCoordinator.Command>> started,
      Supplier<Behavior<SearchCoordinator.Command>> onStatus) {
    return Behaviors.setup(
        ctx -> {
          started.tell(ctx.getSelf());
          return Behaviors.receive(SearchCoordinator.Command.class)
              .onMessage(SearchCoordinator.GetStatus.class, m -> onStatus.get())
              .build();
        });
  }

  private ActorRef<SearchCoordinator.StatusReply> asker() {
    return kit.<SearchCoordinator.StatusReply>createTestProbe().getRef();
  }

  private static Behavior<SearchCoordinator.Command> throwing() {
    throw new IllegalStateException("the search state is broken");
  }

  private static String failure(CompletableFuture<?> done) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    return e.getCause().getMessage();
  }

  private ActorRef<SearchCoordinator.Command> startFake(
      CompletableFuture<?> done, Supplier<Behavior<SearchCoordinator.Command>> onStatus) {
    TestProbe<ActorRef<SearchCoordinator.Command>> started = kit.createTestProbe();
    watch(fake(started.getRef(), onStatus), done);
    return started.receiveMessage(Duration.ofSeconds(10));
  }

  @Test
  void aCoordinatorThatThrowsFailsTheSearchWithTheReason() {
    CompletableFuture<SearchState.Result> done = new CompletableFuture<>();
    ActorRef<SearchCoordinator.Command> coordinator = startFake(done, SearchWatcherTest::throwing);
    coordinator.tell(new SearchCoordinator.GetStatus(asker()));
    assertEquals(
        "the search coordinator stopped before the search finished:"
            + " java.lang.IllegalStateException: the search state is broken",
        failure(done));
  }

  @Test
  void aCoordinatorThatCannotStartFailsTheSearchWithTheReason() {
    CompletableFuture<SearchState.Result> done = new CompletableFuture<>();
    watch(Behaviors.setup(ctx -> throwing()), done);
    assertEquals(
        "the search coordinator stopped before the search finished:"
            + " java.lang.IllegalStateException: the search state is broken",
        failure(done));
  }

  @Test
  void aCoordinatorStoppedBeforeTheEndFailsTheSearch() {
    CompletableFuture<SearchState.Result> done = new CompletableFuture<>();
    ActorRef<SearchCoordinator.Command> coordinator = startFake(done, Behaviors::stopped);
    coordinator.tell(new SearchCoordinator.GetStatus(asker()));
    assertEquals(
        "the search coordinator stopped before the search finished: it was stopped", failure(done));
  }

  @Test
  void aSearchThatFinishedStaysFinishedWhenItsCoordinatorStops() throws Exception {
    CompletableFuture<String> done = new CompletableFuture<>();
    ActorRef<SearchCoordinator.Command> coordinator =
        startFake(
            done,
            () -> {
              done.complete("finished");
              return Behaviors.stopped();
            });
    TestProbe<Object> watcher = kit.createTestProbe();
    coordinator.tell(new SearchCoordinator.GetStatus(asker()));
    watcher.expectTerminated(coordinator);
    assertEquals("finished", done.get(10, TimeUnit.SECONDS));
  }

  @Test
  void theNodeShuttingDownFailsASearchStillRunning() {
    CompletableFuture<SearchState.Result> done = new CompletableFuture<>();
    startFake(done, Behaviors::same);
    kit.shutdownTestKit();
    assertEquals(
        "the search coordinator stopped before the search finished: the node shut down",
        failure(done));
  }

  @Test
  void theRealCoordinatorStopsInsteadOfRestartingWhenItFails() {
    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    SearchCoordinator.Listener broken =
        new SearchCoordinator.Listener() {
          @Override
          public void progress(SearchStatus status) {
            throw new IllegalStateException("progress could not be reported");
          }

          @Override
          public void finished(SearchState.Result result, SearchStatus status) {
            outcome.finished(result, status);
          }
        };
    watch(
        SearchCoordinator.create(
            SearchFixtures.async(20, 7, SearchState.Settings.defaults()),
            new SearchCoordinator.Settings(Duration.ofMillis(20), Duration.ofMillis(20)),
            Clock.systemUTC(),
            broken),
        outcome.result);
    // No evaluator: the first tick's progress report is what throws.
    assertEquals(
        "the search coordinator stopped before the search finished:"
            + " java.lang.IllegalStateException: progress could not be reported",
        failure(outcome.result));
  }
}
