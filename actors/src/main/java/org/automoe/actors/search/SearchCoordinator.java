package org.automoe.actors.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.automoe.actors.WireMessage;
import org.automoe.actors.breeding.GeneratorActor;
import org.automoe.actors.breeding.LatencyPredictorActor;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;

/**
 * Owns one search: routes evaluators' pulls and results into the pure {@link SearchState}. It finds
 * evaluators through the Receptionist (any node), watches each one, and hands the leases of one
 * that stops or whose node leaves back to the queue; a periodic tick re-queues leases past their
 * deadline. Results are taken in idempotently, so a late or repeated one changes nothing.
 *
 * <p>In async mode it breeds through child actors: a pull that finds nothing bred opens a round,
 * whose draws go to the sampling, mutation and crossover generators and whose children go to the
 * latency predictor actor in one batch before the constraints admit them; the pull is answered when
 * the round closes. Breeding on demand keeps every child bred from the freshest population.
 * Generational mode breeds each generation in the state itself, so it replays exactly.
 */
public final class SearchCoordinator extends AbstractBehavior<SearchCoordinator.Command> {
  /** Evaluators of every node register under this key. */
  public static final ServiceKey<EvaluatorActor.Command> EVALUATORS =
      ServiceKey.create(EvaluatorActor.Command.class, "automoe-evaluators");

  /** What a coordinator understands. */
  public sealed interface Command {}

  /**
   * An evaluator asks for up to {@code count} candidates, in [1, {@value #MAX_COUNT}]; {@code
   * request} is its number for this request, echoed in the answer so it can tell answers apart.
   */
  public record RequestWork(ActorRef<EvaluatorActor.Command> worker, int count, long request)
      implements Command, WireMessage {
    /** The most candidates one request may ask for (a pull is further capped by the search). */
    public static final int MAX_COUNT = 1024;

    public RequestWork(ActorRef<EvaluatorActor.Command> worker, int count) {
      this(worker, count, 0);
    }

    /** The answer to this request, sent at {@code nowMs} on the coordinator's clock. */
    EvaluatorActor.Work answer(
        List<EvaluationRequest> requests, boolean finished, long retryAfterMs, long nowMs) {
      return new EvaluatorActor.Work(requests, finished, retryAfterMs, request, nowMs);
    }
  }

  /** An evaluator reports the result of one lease. */
  public record ReportResult(ActorRef<EvaluatorActor.Command> worker, EvaluationResult result)
      implements Command, WireMessage {}

  /** Asks for the search's status. */
  public record GetStatus(ActorRef<StatusReply> replyTo) implements Command, WireMessage {}

  /** The answer to {@link GetStatus}. */
  public record StatusReply(SearchStatus status) implements WireMessage {}

  /** The evaluators registered with the Receptionist changed. */
  private record EvaluatorsListed(Receptionist.Listing listing)
      implements Command, NoSerializationVerificationNeeded {}

  /** A watched evaluator stopped, or its node left the cluster. */
  private record EvaluatorGone(ActorRef<EvaluatorActor.Command> worker)
      implements Command, NoSerializationVerificationNeeded {}

  /** A generator's children for the open breeding round (local: generators are children). */
  private record ChildrenBred(GeneratorActor.Bred bred)
      implements Command, NoSerializationVerificationNeeded {}

  /** The predictor actor's latency for the open round's children (local). */
  private record LatencyPredicted(LatencyPredictorActor.Predicted predicted)
      implements Command, NoSerializationVerificationNeeded {}

  /** Periodic: expire late leases, report progress. */
  private enum Tick implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** Hears about the search from the coordinator's own thread; keep it quick. */
  public interface Listener {
    /** Called on every tick. */
    void progress(SearchStatus status);

    /** Called for every accepted result, so the owner can keep it on disk as it comes. */
    default void evaluated(Individual individual) {}

    /**
     * Called on every tick with what the search has found so far, so the owner can keep its report
     * current (a coordinator that dies loses no report).
     */
    default void snapshot(SearchState.Result result, SearchStatus status) {}

    /**
     * Asked on every tick: a reason to end the search now (it then ends as {@link
     * SearchPhase#STOPPED}, what it found standing), or empty to go on.
     */
    default Optional<String> stopRequested() {
      return Optional.empty();
    }

    /** Called once, when the search has finished or failed. */
    void finished(SearchState.Result result, SearchStatus status);
  }

  /**
   * @param tick how often late leases are looked for and progress is reported
   * @param retryAfter how long an evaluator waits before pulling again when nothing can be handed
   *     out (a generation barrier)
   * @param evaluatorWait how long the search may go without any evaluator before it stops as failed
   *     (evaluators that ran out of memory stop for good; a search nobody serves must not wait
   *     forever)
   */
  public record Settings(Duration tick, Duration retryAfter, Duration evaluatorWait) {
    public Settings(Duration tick, Duration retryAfter) {
      this(tick, retryAfter, Duration.ofMinutes(10));
    }

    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(1), Duration.ofMillis(200));
    }
  }

  private final SearchState state;
  private final Settings settings;
  private final Clock clock;
  private final Listener listener;
  private final String supernet;
  private final ActorRefResolver resolver;
  private final Set<ActorRef<EvaluatorActor.Command>> watched = new HashSet<>();

  /** Async mode: the generators and predictor actor; null in generational mode. */
  private final BreedingCrew crew;

  /** Async mode: pulls waiting for a breeding round, oldest first. */
  private final Deque<RequestWork> parked = new ArrayDeque<>();

  private final long startNanos = System.nanoTime();

  /** When the search last had an evaluator (or started). */
  private long servedNanos = System.nanoTime();

  private boolean reported;

  public static Behavior<Command> create(
      SearchState state, Settings settings, Clock clock, Listener listener) {
    return create(state, settings, clock, listener, "");
  }

  /**
   * A coordinator that stops when it fails (an exception from the search state or the listener),
   * the error logged: a restart would start from the state the failure left behind, so whoever
   * awaits the search watches the coordinator instead ({@link SearchWatcher}).
   *
   * @param supernet fingerprint of the supernet searched; evaluators holding another one stay out
   */
  public static Behavior<Command> create(
      SearchState state, Settings settings, Clock clock, Listener listener, String supernet) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                ctx ->
                    Behaviors.withTimers(
                        timers ->
                            new SearchCoordinator(
                                ctx, timers, state, settings, clock, listener, supernet))))
        .onFailure(SupervisorStrategy.stop());
  }

  private SearchCoordinator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      SearchState state,
      Settings settings,
      Clock clock,
      Listener listener,
      String supernet) {
    super(ctx);
    this.supernet = supernet;
    this.state = state;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    ActorRef<Receptionist.Listing> listings =
        ctx.messageAdapter(Receptionist.Listing.class, EvaluatorsListed::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(EVALUATORS, listings));
    timers.startTimerAtFixedRate(Tick.INSTANCE, settings.tick());
    this.crew = state.spec().mode() == SearchMode.ASYNC ? new BreedingCrew(ctx, state) : null;
  }

  /** For the {@link BreedingCrew}'s adapter: a generator's reply as this actor's message. */
  static Command childrenBred(GeneratorActor.Bred bred) {
    return new ChildrenBred(bred);
  }

  /** For the {@link BreedingCrew}'s adapter: the predictor's reply as this actor's message. */
  static Command latencyPredicted(LatencyPredictorActor.Predicted predicted) {
    return new LatencyPredicted(predicted);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RequestWork.class, this::onRequestWork)
        .onMessage(ReportResult.class, this::onReportResult)
        .onMessage(EvaluatorsListed.class, this::onListed)
        .onMessage(EvaluatorGone.class, this::onGone)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(ChildrenBred.class, this::onChildrenBred)
        .onMessage(LatencyPredicted.class, this::onLatencyPredicted)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onRequestWork(RequestWork m) {
    watch(m.worker());
    if (crew != null) {
      parked.removeIf(p -> p.worker().equals(m.worker())); // the newer pull supersedes
      parked.addLast(m);
      serveParked();
      reportIfFinished();
      return this;
    }
    if (state.finished()) {
      m.worker().tell(m.answer(List.of(), true, 0, clock.millis()));
      reportIfFinished();
      return this;
    }
    List<EvaluationRequest> work = state.lease(m.count(), key(m.worker()), clock.millis());
    if (work.isEmpty()) {
      boolean over = state.finished();
      m.worker()
          .tell(
              m.answer(
                  List.of(), over, over ? 0 : settings.retryAfter().toMillis(), clock.millis()));
      reportIfFinished();
    } else {
      m.worker().tell(m.answer(work, false, 0, clock.millis()));
    }
    return this;
  }

  /**
   * Answers parked pulls from the candidates already bred, oldest first; opens a breeding round for
   * those left empty-handed. A pull is answered "try again later" only when nothing can be bred now
   * (the budget is bred and results are still out), and "finished" once the search is.
   */
  private void serveParked() {
    while (!parked.isEmpty()) {
      RequestWork r = parked.peekFirst();
      if (state.finished()) {
        parked.pollFirst();
        r.worker().tell(r.answer(List.of(), true, 0, clock.millis()));
        continue;
      }
      List<EvaluationRequest> work = state.leasePending(r.count(), key(r.worker()), clock.millis());
      if (!work.isEmpty()) {
        parked.pollFirst();
        r.worker().tell(r.answer(work, false, 0, clock.millis()));
        continue;
      }
      if (state.breeding()) {
        return; // answered when the round closes
      }
      int wanted = parked.stream().mapToInt(RequestWork::count).sum();
      Optional<BreedingRound> round = state.openRound(wanted);
      if (round.isPresent()) {
        crew.start(round.get());
        return;
      }
      parked.pollFirst();
      boolean over = state.finished();
      r.worker()
          .tell(
              r.answer(
                  List.of(), over, over ? 0 : settings.retryAfter().toMillis(), clock.millis()));
    }
  }

  private Behavior<Command> onChildrenBred(ChildrenBred m) {
    if (crew.childrenBred(m.bred(), state)) {
      roundEnded();
    }
    return this;
  }

  private Behavior<Command> onLatencyPredicted(LatencyPredicted m) {
    if (crew.latencyPredicted(m.predicted(), state)) {
      roundEnded();
    }
    return this;
  }

  private void roundEnded() {
    state
        .status(0)
        .failure()
        .ifPresent(why -> getContext().getLog().error("search failed: {}", why));
    serveParked();
    reportIfFinished();
  }

  private Behavior<Command> onReportResult(ReportResult m) {
    SearchState.Recorded recorded = state.complete(m.result(), key(m.worker()));
    SearchState.Outcome outcome = recorded.outcome();
    if (outcome == SearchState.Outcome.IGNORED) {
      getContext()
          .getLog()
          .debug(
              "ignored a result for candidate {} attempt {} (not its current lease)",
              m.result().candidateId(),
              m.result().attempt());
    } else if (outcome == SearchState.Outcome.ACCEPTED) {
      recorded.accepted().ifPresent(listener::evaluated);
    } else {
      getContext()
          .getLog()
          .warn(
              "candidate {} attempt {} failed: {}",
              m.result().candidateId(),
              m.result().attempt(),
              m.result().failure().orElse("non-finite loss"));
    }
    if (crew != null) {
      serveParked();
    }
    reportIfFinished();
    return this;
  }

  private Behavior<Command> onListed(EvaluatorsListed m) {
    for (ActorRef<EvaluatorActor.Command> e : m.listing().getServiceInstances(EVALUATORS)) {
      if (watch(e)) {
        e.tell(new EvaluatorActor.Join(getContext().getSelf(), supernet));
      }
    }
    return this;
  }

  private Behavior<Command> onGone(EvaluatorGone m) {
    watched.remove(m.worker());
    parked.removeIf(p -> p.worker().equals(m.worker()));
    int requeued = state.release(key(m.worker()));
    getContext()
        .getLog()
        .info("evaluator {} is gone; {} of its leases handed out again", m.worker(), requeued);
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    m.replyTo().tell(new StatusReply(status()));
    return this;
  }

  private Behavior<Command> onTick() {
    if (!reported) {
      listener.stopRequested().ifPresent(state::halt);
    }
    if (!watched.isEmpty()) {
      servedNanos = System.nanoTime();
    } else if (!reported && System.nanoTime() - servedNanos >= settings.evaluatorWait().toNanos()) {
      String why =
          "no evaluator for "
              + settings.evaluatorWait().toMillis() / 1000.0
              + " s: every one stopped or left";
      getContext().getLog().error("search stops: {}", why);
      state.stop(why);
    }
    int late = state.expire(clock.millis());
    if (late > 0) {
      getContext().getLog().warn("{} leases passed their deadline; handed out again", late);
    }
    if (!reported) {
      SearchStatus now = status();
      listener.progress(now);
      listener.snapshot(state.result(), now);
    }
    reportIfFinished();
    return this;
  }

  /** Watches an evaluator seen for the first time; true when it is new. */
  private boolean watch(ActorRef<EvaluatorActor.Command> worker) {
    if (!watched.add(worker)) {
      return false;
    }
    getContext().watchWith(worker, new EvaluatorGone(worker));
    getContext().getLog().info("evaluator {} joined", worker.path());
    return true;
  }

  private void reportIfFinished() {
    if (!reported && state.finished()) {
      reported = true;
      listener.finished(state.result(), status());
    }
  }

  private SearchStatus status() {
    return state.status((System.nanoTime() - startNanos) / 1e9);
  }

  private String key(ActorRef<?> worker) {
    return resolver.toSerializationFormat(worker);
  }
}
