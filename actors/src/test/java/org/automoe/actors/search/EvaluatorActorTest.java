package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.Evaluator;
import org.automoe.core.search.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One evaluator against a coordinator played by a test probe: how it paces itself. */
class EvaluatorActorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ActorTestKit kit;
  private ExecutorService blocking;
  private TestProbe<SearchCoordinator.Command> coordinator;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create("evaluator", SearchFixtures.SERIALIZE_ALL);
    blocking = Executors.newSingleThreadExecutor();
    coordinator = kit.createTestProbe("coordinator");
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
  }

  private ActorRef<EvaluatorActor.Command> evaluator(Evaluator e, EvaluatorActor.Timing timing) {
    ActorRef<EvaluatorActor.Command> ref =
        kit.spawn(EvaluatorActor.create(e, blocking, 1, Clock.systemUTC(), "", timing));
    ref.tell(new EvaluatorActor.Join(coordinator.getRef()));
    return ref;
  }

  private static EvaluatorActor.Work work(long id) {
    return new EvaluatorActor.Work(
        List.of(
            new EvaluationRequest(new Lease(id, 1, Long.MAX_VALUE), SearchFixtures.candidate(id))),
        false,
        0);
  }

  private EvaluationResult nextResult() {
    return coordinator.expectMessageClass(SearchCoordinator.ReportResult.class, WAIT).result();
  }

  @Test
  void pausesAfterFailuresInARowThenAsksForWorkAgain() {
    Duration pause = Duration.ofMillis(400);
    ActorRef<EvaluatorActor.Command> ev =
        evaluator(
            c -> {
              throw new IllegalStateException("broken decoder");
            },
            new EvaluatorActor.Timing(2, pause, Duration.ofMinutes(1)));
    coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    ev.tell(work(1));
    assertFalse(nextResult().succeeded());
    coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    long sentAt = System.nanoTime(); // the pause can only start after this
    ev.tell(work(2));
    EvaluationResult second = nextResult();
    assertTrue(second.failure().orElseThrow().contains("broken decoder"), second.toString());
    coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    long waited = (System.nanoTime() - sentAt) / 1_000_000;
    assertTrue(waited >= pause.toMillis(), "asked again after " + waited + " ms");
  }

  @Test
  void asksAgainWhenARequestForWorkGoesUnanswered() {
    Duration timeout = Duration.ofMillis(300);
    long joinedAt = System.nanoTime(); // the first request, and its timeout, come after this
    evaluator(SearchFixtures::loss, new EvaluatorActor.Timing(3, Duration.ZERO, timeout));
    SearchCoordinator.RequestWork first =
        coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    SearchCoordinator.RequestWork again =
        coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    long waited = (System.nanoTime() - joinedAt) / 1_000_000;
    assertEquals(first.worker(), again.worker());
    assertEquals(first.count(), again.count());
    assertEquals(first.request() + 1, again.request(), "a new request, told apart from the first");
    assertTrue(waited >= timeout.toMillis(), "asked again after " + waited + " ms");
  }

  @Test
  void ignoresAnAnswerToNoRequestOfItsOwn() {
    ActorRef<EvaluatorActor.Command> ev =
        evaluator(SearchFixtures::loss, new EvaluatorActor.Timing(3, Duration.ZERO, WAIT));
    SearchCoordinator.RequestWork asked =
        coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    // A late "finished" for an earlier request must not end its work for this coordinator.
    ev.tell(new EvaluatorActor.Work(List.of(), true, 0, asked.request() + 7, 0));
    ev.tell(new EvaluatorActor.Work(work(1).requests(), false, 0, asked.request(), 0));
    assertEquals(1, nextResult().candidateId());
    coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
  }

  @Test
  void aLeaseLastsItsLifetimeOnAnEvaluatorWhoseClockIsAnHourAhead() {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    ActorRef<EvaluatorActor.Command> ev =
        kit.spawn(
            EvaluatorActor.create(
                SearchFixtures::loss, blocking, 1, ahead, "", EvaluatorActor.Timing.defaults()));
    ev.tell(new EvaluatorActor.Join(coordinator.getRef()));
    SearchCoordinator.RequestWork asked =
        coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    long coordinatorNow = System.currentTimeMillis();
    Lease tenMinutes = new Lease(1, 1, coordinatorNow + Duration.ofMinutes(10).toMillis());
    ev.tell(
        new EvaluatorActor.Work(
            List.of(new EvaluationRequest(tenMinutes, SearchFixtures.candidate(1))),
            false,
            0,
            asked.request(),
            coordinatorNow));
    EvaluationResult r = nextResult();
    assertEquals(1, r.candidateId());
    assertTrue(r.succeeded(), "not skipped as expired by a clock that runs ahead: " + r);
  }

  @Test
  void reportsAndStopsWhenAnEvaluationRunsOutOfMemory() {
    ActorRef<EvaluatorActor.Command> ev =
        evaluator(
            c -> {
              throw new OutOfMemoryError("Java heap space");
            },
            EvaluatorActor.Timing.defaults());
    coordinator.expectMessageClass(SearchCoordinator.RequestWork.class, WAIT);
    ev.tell(work(1));
    EvaluationResult r = nextResult();
    assertEquals(1, r.candidateId());
    assertTrue(r.failure().orElseThrow().contains("OutOfMemoryError"), r.toString());
    coordinator.expectTerminated(ev, WAIT);
  }
}
