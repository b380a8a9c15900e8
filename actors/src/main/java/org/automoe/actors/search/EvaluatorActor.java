package org.automoe.actors.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.WireMessage;
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
 * <p>It serves every search whose coordinator found it, taking turns: each request for work goes to
 * the next running search in turn (one that has nothing to hand out now passes its turn to the
 * others), so searches sharing a cluster share its evaluators fairly, and a continuous search does
 * not starve the others. Every result goes to the coordinator that leased the candidate, so no
 * lease is dropped or answered to the wrong search.
 *
 * <p>Restarted by its supervisor after an unexpected failure, it joins the coordinators it knew
 * again; the candidates it held come back to the queue when their leases run out, and an evaluation
 * still running is reported to the coordinator that leased it.
 *
 * <p>It guards the search against itself: after {@link Timing#failuresBeforePause} failed
 * evaluations in a row it neither starts nor asks for work for {@link Timing#pause} (a broken
 * evaluator would otherwise burn every candidate's attempts); a request for work that gets no
 * answer within {@link Timing#workTimeout} is sent again (messages between nodes may be lost); and
 * an evaluation that runs out of memory is reported as failed, then the evaluator stops, since its
 * node's heap can no longer be trusted.
 */
public final class EvaluatorActor extends AbstractBehavior<EvaluatorActor.Command> {
  /** What an evaluator understands. */
  public sealed interface Command {}

  /** A coordinator found this evaluator: pull work from it. */
  public record Join(ActorRef<SearchCoordinator.Command> coordinator, String supernet)
      implements Command, WireMessage {
    /** A coordinator that does not say which supernet it searches. */
    public Join(ActorRef<SearchCoordinator.Command> coordinator) {
      this(coordinator, "");
    }
  }

  /**
   * Leased candidates. Empty with {@code finished} when the search is over, or with {@code
   * retryAfterMs} when nothing can be handed out yet.
   */
  public record Work(
      List<EvaluationRequest> requests,
      boolean finished,
      long retryAfterMs,
      long request,
      long sentAtMs)
      implements Command, WireMessage {
    public Work {
      requests = List.copyOf(requests);
    }

    /** An answer to no request in particular (request 0), its sending time unknown. */
    public Work(List<EvaluationRequest> requests, boolean finished, long retryAfterMs) {
      this(requests, finished, retryAfterMs, 0, 0);
    }
  }

  /**
   * A leased candidate held for later, with its deadline on this evaluator's clock: the lease's
   * lifetime counted from when it arrived, so clocks that disagree between nodes do not matter.
   */
  private record Held(
      EvaluationRequest request, ActorRef<SearchCoordinator.Command> leasedBy, long deadlineMs) {}

  /** An evaluation on the blocking executor ended; its result goes to {@code leasedBy}. */
  private record Evaluated(
      EvaluationRequest request, ActorRef<SearchCoordinator.Command> leasedBy, Outcome outcome)
      implements Command, NoSerializationVerificationNeeded {}

  /** A coordinator this evaluator serves stopped, or its node left. */
  private record CoordinatorGone(ActorRef<SearchCoordinator.Command> coordinator)
      implements Command, NoSerializationVerificationNeeded {}

  /** Time to ask for work again. */
  private enum Pull implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** The pause after failures in a row is over. */
  private enum Resume implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** A request for work got no answer in time. */
  private enum WorkTimedOut implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /**
   * How an evaluator paces itself.
   *
   * @param failuresBeforePause failed evaluations in a row after which it pauses
   * @param pause how long it then asks for no work
   * @param workTimeout how long it waits for an answer to a request for work before asking again
   */
  public record Timing(int failuresBeforePause, Duration pause, Duration workTimeout) {
    public Timing {
      if (failuresBeforePause < 1 || pause.isNegative() || workTimeout.toMillis() < 1) {
        throw new IllegalArgumentException(
            "timing needs failures before pause >= 1, pause >= 0 and work timeout >= 1 ms, but was "
                + failuresBeforePause
                + ", "
                + pause
                + ", "
                + workTimeout);
      }
    }

    /** Pause 30 s after 3 failures in a row; ask again after 30 s without an answer. */
    public static Timing defaults() {
      return new Timing(3, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
  }

  /** What an evaluation on the executor gave: its result, and whether it ran out of memory. */
  private record Outcome(EvaluationResult result, boolean outOfMemory) {}

  private final Evaluator evaluator;
  private final Executor executor;
  private final int prefetch;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final String name;
  private final String supernet;
  private final Set<ActorRef<SearchCoordinator.Command>> refused = new HashSet<>();
  private final Deque<Held> queue = new ArrayDeque<>();

  /** The coordinators of the running searches this evaluator serves, in the order they came. */
  private final List<ActorRef<SearchCoordinator.Command>> serving = new ArrayList<>();

  /** Which of {@link #serving} the next request for work goes to (modulo its size). */
  private int turn;

  /** Empty answers in a row: once every search has said "nothing now", it waits before asking. */
  private int emptyInARow;

  /** The candidate being evaluated by this incarnation; null when idle. */
  private EvaluationRequest evaluating;

  private final Timing timing;

  /** This evaluator's requests for work still unanswered, by number, with who was asked. */
  private final Map<Long, ActorRef<SearchCoordinator.Command>> outstanding = new HashMap<>();

  /**
   * Numbers of this incarnation's requests: they start from the clock, so an answer to a request of
   * a former incarnation (restarted, its mailbox kept) never matches one of this one.
   */
  private long lastRequest = System.nanoTime();

  /** The coordinator asked for work and not yet answered; null when none is. */
  private ActorRef<SearchCoordinator.Command> pullingFrom;

  private int failuresInARow;
  private boolean paused;

  public static Behavior<Command> create(
      Evaluator evaluator, Executor executor, int prefetch, Clock clock) {
    return create(evaluator, executor, prefetch, clock, "");
  }

  /**
   * @param supernet fingerprint of the supernet this evaluator holds; it joins only searches of the
   *     same one (or searches and evaluators that do not say)
   */
  public static Behavior<Command> create(
      Evaluator evaluator, Executor executor, int prefetch, Clock clock, String supernet) {
    return create(evaluator, executor, prefetch, clock, supernet, Timing.defaults());
  }

  public static Behavior<Command> create(
      Evaluator evaluator,
      Executor executor,
      int prefetch,
      Clock clock,
      String supernet,
      Timing timing) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new EvaluatorActor(
                        ctx, timers, evaluator, executor, prefetch, clock, supernet, timing)));
  }

  private EvaluatorActor(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Evaluator evaluator,
      Executor executor,
      int prefetch,
      Clock clock,
      String supernet,
      Timing timing) {
    super(ctx);
    this.supernet = supernet;
    this.timing = timing;
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
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Work.class, this::onWork)
        .onMessage(Evaluated.class, this::onEvaluated)
        .onMessage(CoordinatorGone.class, this::onCoordinatorGone)
        .onMessageEquals(Pull.INSTANCE, this::onPull)
        .onMessageEquals(Resume.INSTANCE, this::onResume)
        .onMessageEquals(WorkTimedOut.INSTANCE, this::onWorkTimedOut)
        .onSignal(PreRestart.class, s -> onPreRestart())
        .build();
  }

  private Behavior<Command> onJoin(Join m) {
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
    if (!serving.contains(m.coordinator())) {
      serving.add(m.coordinator());
      getContext().watchWith(m.coordinator(), new CoordinatorGone(m.coordinator()));
    }
    pullIfRoom();
    return this;
  }

  private Behavior<Command> onCoordinatorGone(CoordinatorGone m) {
    leave(m.coordinator());
    queue.removeIf(h -> h.leasedBy().equals(m.coordinator())); // its leases died with it
    pullIfRoom();
    return this;
  }

  /** Serves {@code c} no more (its search ended, or it is gone); its answers are ignored. */
  private void leave(ActorRef<SearchCoordinator.Command> c) {
    if (serving.remove(c)) {
      getContext().unwatch(c);
    }
    outstanding.values().removeIf(c::equals);
    if (c.equals(pullingFrom)) {
      pullingFrom = null;
      timers.cancel(WorkTimedOut.INSTANCE);
    }
  }

  private Behavior<Command> onWork(Work m) {
    // An answer to no request in particular comes from the coordinator being asked.
    ActorRef<SearchCoordinator.Command> from =
        m.request() == 0 ? pullingFrom : outstanding.remove(m.request());
    if (from == null || !serving.contains(from)) {
      // To a request of a former incarnation, or from a search no longer served: taking it
      // would mix searches (its leases run out and go to others).
      return this;
    }
    if (from.equals(pullingFrom)) {
      pullingFrom = null;
      timers.cancel(WorkTimedOut.INSTANCE);
    }
    if (m.finished()) {
      leave(from);
      // Its leases held here are worthless now (an ended search ignores their results).
      queue.removeIf(h -> h.leasedBy().equals(from));
      pullIfRoom();
      return this;
    }
    if (m.requests().isEmpty()) {
      emptyInARow++;
      if (emptyInARow < serving.size()) {
        pullIfRoom(); // the next search in turn may have work
      } else {
        emptyInARow = 0;
        timers.startSingleTimer(Pull.INSTANCE, Duration.ofMillis(m.retryAfterMs()));
      }
      return this;
    }
    emptyInARow = 0;
    getContext().getLog().debug("leased {} candidates", m.requests().size());
    long now = clock.millis();
    for (EvaluationRequest r : m.requests()) {
      // With the sending time known, the lease lasts its lifetime from now on this clock.
      long deadline =
          m.sentAtMs() > 0
              ? now + (r.lease().deadlineEpochMs() - m.sentAtMs())
              : r.lease().deadlineEpochMs();
      queue.addLast(new Held(r, from, deadline));
    }
    startNext();
    pullIfRoom();
    return this;
  }

  private Behavior<Command> onEvaluated(Evaluated m) {
    EvaluationResult result = m.outcome().result();
    m.leasedBy().tell(new SearchCoordinator.ReportResult(getContext().getSelf(), result));
    if (m.outcome().outOfMemory()) {
      getContext()
          .getLog()
          .error(
              "evaluator stops: candidate {} ran out of memory ({}); its node needs a larger heap"
                  + " or fewer evaluators",
              result.candidateId(),
              result.failure().orElse(""));
      return Behaviors.stopped();
    }
    if (m.request() == evaluating) { // else started before a restart: this incarnation still works
      evaluating = null;
    }
    failuresInARow = result.succeeded() ? 0 : failuresInARow + 1;
    if (failuresInARow >= timing.failuresBeforePause() && !paused) {
      paused = true;
      getContext()
          .getLog()
          .warn(
              "{} evaluations in a row failed (last: {}); asking for no work for {}",
              failuresInARow,
              result.failure().orElse(""),
              timing.pause());
      timers.startSingleTimer(Resume.INSTANCE, timing.pause());
    }
    startNext();
    pullIfRoom();
    return this;
  }

  private Behavior<Command> onPull() {
    pullIfRoom();
    return this;
  }

  private Behavior<Command> onResume() {
    paused = false;
    failuresInARow = 0;
    startNext();
    pullIfRoom();
    return this;
  }

  private Behavior<Command> onWorkTimedOut() {
    if (pullingFrom != null) {
      getContext()
          .getLog()
          .debug("no answer to a request for work in {}; asking again", timing.workTimeout());
      pullingFrom = null;
      pullIfRoom();
    }
    return this;
  }

  /** The restarted evaluator starts empty: it joins again the searches it knew (mailbox kept). */
  private Behavior<Command> onPreRestart() {
    for (ActorRef<SearchCoordinator.Command> c : serving) {
      getContext().getSelf().tell(new Join(c, supernet));
    }
    return this;
  }

  private void startNext() {
    // Paused after failures in a row: what it holds waits (its leases may lapse to others).
    while (evaluating == null && !paused && !queue.isEmpty()) {
      Held held = queue.pollFirst();
      EvaluationRequest r = held.request();
      if (held.deadlineMs() < clock.millis()) {
        continue; // already handed to another evaluator
      }
      evaluating = r;
      ActorRef<SearchCoordinator.Command> leasedBy = held.leasedBy();
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> evaluate(r), executor),
              (outcome, error) ->
                  new Evaluated(
                      r,
                      leasedBy,
                      outcome != null ? outcome : new Outcome(failed(r, error), false)));
    }
  }

  /** The evaluation task itself failed (the executor refused it, say). */
  private EvaluationResult failed(EvaluationRequest r, Throwable error) {
    return EvaluationResult.failed(
        r.candidate().id(), r.lease().attempt(), String.valueOf(error), name, 0);
  }

  private Outcome evaluate(EvaluationRequest r) {
    long t0 = System.nanoTime();
    long id = r.candidate().id();
    int attempt = r.lease().attempt();
    try {
      double loss = evaluator.validationLoss(r.candidate());
      long micros = (System.nanoTime() - t0) / 1000;
      return new Outcome(
          Double.isFinite(loss)
              ? EvaluationResult.success(id, attempt, loss, name, micros)
              : EvaluationResult.failed(id, attempt, "non-finite loss " + loss, name, micros),
          false);
    } catch (RuntimeException e) {
      return new Outcome(
          EvaluationResult.failed(id, attempt, e.toString(), name, (System.nanoTime() - t0) / 1000),
          false);
    } catch (OutOfMemoryError e) {
      return new Outcome(
          EvaluationResult.failed(id, attempt, e.toString(), name, (System.nanoTime() - t0) / 1000),
          true);
    }
  }

  private void pullIfRoom() {
    int held = queue.size() + (evaluating != null ? 1 : 0);
    // Refill at half: one pull (and one breeding round at the coordinator) per several candidates.
    if (!serving.isEmpty() && pullingFrom == null && !paused && held <= prefetch / 2) {
      ActorRef<SearchCoordinator.Command> c = serving.get(Math.floorMod(turn++, serving.size()));
      pullingFrom = c;
      outstanding.put(++lastRequest, c);
      timers.startSingleTimer(WorkTimedOut.INSTANCE, timing.workTimeout());
      c.tell(
          new SearchCoordinator.RequestWork(getContext().getSelf(), prefetch - held, lastRequest));
    }
  }
}
