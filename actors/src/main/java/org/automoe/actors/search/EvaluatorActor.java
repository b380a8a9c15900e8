package org.automoe.actors.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.Evaluator;

/**
 * Pulls leased candidates from the coordinator and evaluates them one at a time on a blocking
 * executor (a dedicated dispatcher: one DJL thread each), reporting each result through {@code
 * pipeToSelf}. It keeps up to {@code prefetch} candidates in hand so the next one is there when an
 * evaluation ends, and skips a candidate whose lease ran out while it waited (the coordinator has
 * handed it to someone else).
 *
 * <p>It serves one search at a time: a coordinator that finds it while another search still runs is
 * remembered and joined when that one finishes or its coordinator stops, and every result goes to
 * the coordinator that leased the candidate, so no lease is dropped or answered to the wrong
 * search.
 */
public final class EvaluatorActor extends AbstractBehavior<EvaluatorCommand> {
  private final Evaluator evaluator;
  private final Executor executor;
  private final int prefetch;
  private final Clock clock;
  private final TimerScheduler<EvaluatorCommand> timers;
  private final String name;
  private final String supernet;
  private final java.util.Set<ActorRef<CoordinatorCommand>> refused = new java.util.HashSet<>();
  private final Deque<EvaluationRequest> queue = new ArrayDeque<>();
  private ActorRef<CoordinatorCommand> coordinator;
  private ActorRef<CoordinatorCommand> next;
  private ActorRef<CoordinatorCommand> leasedBy;
  private boolean busy;
  private boolean pulling;
  private boolean finished;

  public static Behavior<EvaluatorCommand> create(
      Evaluator evaluator, Executor executor, int prefetch, Clock clock) {
    return create(evaluator, executor, prefetch, clock, "");
  }

  /**
   * @param supernet fingerprint of the supernet this evaluator holds; it joins only searches of the
   *     same one (or searches and evaluators that do not say)
   */
  public static Behavior<EvaluatorCommand> create(
      Evaluator evaluator, Executor executor, int prefetch, Clock clock, String supernet) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new EvaluatorActor(
                        ctx, timers, evaluator, executor, prefetch, clock, supernet)));
  }

  private EvaluatorActor(
      ActorContext<EvaluatorCommand> ctx,
      TimerScheduler<EvaluatorCommand> timers,
      Evaluator evaluator,
      Executor executor,
      int prefetch,
      Clock clock,
      String supernet) {
    super(ctx);
    this.supernet = supernet;
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be at least 1, but was " + prefetch);
    }
    this.evaluator = evaluator;
    this.executor = executor;
    this.prefetch = prefetch;
    this.clock = clock;
    this.timers = timers;
    this.name = ctx.getSelf().path().toString();
    ctx.getSystem()
        .receptionist()
        .tell(Receptionist.register(SearchCoordinator.EVALUATORS, ctx.getSelf()));
  }

  @Override
  public Receive<EvaluatorCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(EvaluatorCommand.Join.class, this::onJoin)
        .onMessage(EvaluatorCommand.Work.class, this::onWork)
        .onMessage(EvaluatorCommand.Evaluated.class, this::onEvaluated)
        .onMessage(EvaluatorCommand.CoordinatorGone.class, this::onCoordinatorGone)
        .onMessageEquals(EvaluatorCommand.Pull.INSTANCE, this::onPull)
        .build();
  }

  private Behavior<EvaluatorCommand> onJoin(EvaluatorCommand.Join m) {
    if (!supernet.isEmpty() && !m.supernet().isEmpty() && !supernet.equals(m.supernet())) {
      // Inherited weights of another supernet would give wrong losses without any error.
      if (refused.add(m.coordinator())) {
        getContext()
            .getLog()
            .error(
                "not joining the search of {}: it searches supernet {}, this node holds {}",
                m.coordinator().path(),
                m.supernet(),
                supernet);
      }
      return this;
    }
    if (m.coordinator().equals(coordinator)) {
      pullIfRoom();
    } else if (coordinator == null || finished) {
      switchTo(m.coordinator());
    } else {
      next = m.coordinator(); // after the current search
    }
    return this;
  }

  private Behavior<EvaluatorCommand> onCoordinatorGone(EvaluatorCommand.CoordinatorGone m) {
    if (m.coordinator().equals(coordinator)) {
      queue.clear(); // its leases died with it
      coordinator = null;
      pulling = false;
      if (next != null) {
        switchTo(next);
      }
    }
    return this;
  }

  private void switchTo(ActorRef<CoordinatorCommand> c) {
    if (coordinator != null) {
      getContext().unwatch(coordinator);
    }
    coordinator = c;
    next = null;
    finished = false;
    pulling = false;
    queue.clear();
    getContext().watchWith(c, new EvaluatorCommand.CoordinatorGone(c));
    pullIfRoom();
  }

  private Behavior<EvaluatorCommand> onWork(EvaluatorCommand.Work m) {
    pulling = false;
    if (m.finished()) {
      finished = true;
      if (next != null) {
        switchTo(next);
      }
      return this;
    }
    if (m.requests().isEmpty()) {
      timers.startSingleTimer(EvaluatorCommand.Pull.INSTANCE, Duration.ofMillis(m.retryAfterMs()));
      return this;
    }
    queue.addAll(m.requests());
    startNext();
    pullIfRoom();
    return this;
  }

  private Behavior<EvaluatorCommand> onEvaluated(EvaluatorCommand.Evaluated m) {
    busy = false;
    leasedBy.tell(new CoordinatorCommand.ReportResult(getContext().getSelf(), m.result()));
    startNext();
    pullIfRoom();
    return this;
  }

  private Behavior<EvaluatorCommand> onPull() {
    pullIfRoom();
    return this;
  }

  private void startNext() {
    while (!busy && !queue.isEmpty()) {
      EvaluationRequest r = queue.pollFirst();
      if (r.lease().deadlineEpochMs() < clock.millis()) {
        continue; // already handed to another evaluator
      }
      busy = true;
      leasedBy = coordinator;
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> evaluate(r), executor),
              (result, error) ->
                  new EvaluatorCommand.Evaluated(
                      result != null
                          ? result
                          : EvaluationResult.failed(
                              r.candidate().id(),
                              r.lease().attempt(),
                              String.valueOf(error),
                              name,
                              0)));
    }
  }

  private EvaluationResult evaluate(EvaluationRequest r) {
    long t0 = System.nanoTime();
    long id = r.candidate().id();
    int attempt = r.lease().attempt();
    try {
      double loss = evaluator.validationLoss(r.candidate());
      long micros = (System.nanoTime() - t0) / 1000;
      return Double.isFinite(loss)
          ? EvaluationResult.success(id, attempt, loss, name, micros)
          : EvaluationResult.failed(id, attempt, "non-finite loss " + loss, name, micros);
    } catch (RuntimeException | OutOfMemoryError e) {
      return EvaluationResult.failed(
          id, attempt, e.toString(), name, (System.nanoTime() - t0) / 1000);
    }
  }

  private void pullIfRoom() {
    int held = queue.size() + (busy ? 1 : 0);
    // Refill at half: one pull (and one breeding round at the coordinator) per several candidates.
    if (coordinator != null && !finished && !pulling && held <= prefetch / 2) {
      pulling = true;
      coordinator.tell(new CoordinatorCommand.RequestWork(getContext().getSelf(), prefetch - held));
    }
  }
}
