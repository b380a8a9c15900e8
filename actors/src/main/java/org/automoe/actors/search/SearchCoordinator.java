package org.automoe.actors.search;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.automoe.actors.WireMessage;
import org.automoe.actors.breeding.GeneratorActor;
import org.automoe.actors.breeding.LatencyPredictorActor;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchSnapshot;
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
public final class SearchCoordinator {
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
  record EvaluatorsListed(Receptionist.Listing listing)
      implements Command, NoSerializationVerificationNeeded {}

  /** A watched evaluator stopped, or its node left the cluster. */
  record EvaluatorGone(ActorRef<EvaluatorActor.Command> worker)
      implements Command, NoSerializationVerificationNeeded {}

  /** A generator's children for the open breeding round (local: generators are children). */
  record ChildrenBred(GeneratorActor.Bred bred)
      implements Command, NoSerializationVerificationNeeded {}

  /** The predictor actor's latency for the open round's children (local). */
  record LatencyPredicted(LatencyPredictorActor.Predicted predicted)
      implements Command, NoSerializationVerificationNeeded {}

  /** Periodic: expire late leases, report progress. */
  enum Tick implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /**
   * A durable coordinator's own: journal the events of the commands handled since the last write,
   * in one write (sent to itself after the first of them, so every command already in its mailbox
   * joins the write).
   */
  enum Flush implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** Hears about the search from the coordinator's own thread; keep it quick. */
  public interface Listener {
    /** Called on every tick. */
    void progress(SearchStatus status);

    /**
     * Called once a durable coordinator has recovered its search from the journal (or begun a new
     * one), with where it stands, before any command.
     */
    default void recovered(SearchStatus status) {}

    /** Called for every accepted result, so the owner can keep it on disk as it comes. */
    default void evaluated(Individual individual) {}

    /**
     * Called while a durable coordinator recovers, for every result it replays from the journal
     * (after the last snapshot's own last results), with its number (the search's first result is
     * 1), in the order they were first accepted: the owner appends those its file missed.
     */
    default void replayed(long number, Individual individual) {}

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

  private SearchCoordinator() {}

  public static Behavior<Command> create(
      SearchState state, Settings settings, Clock clock, Listener listener) {
    return create(state, settings, clock, listener, "");
  }

  /**
   * A coordinator that keeps its search in memory only, and stops when it fails (an exception from
   * the search state or the listener), the error logged: a restart would start from the state the
   * failure left behind, so whoever awaits the search watches the coordinator instead ({@link
   * SearchWatcher}).
   *
   * @param supernet fingerprint of the supernet searched; evaluators holding another one stay out
   */
  public static Behavior<Command> create(
      SearchState state, Settings settings, Clock clock, Listener listener, String supernet) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                ctx ->
                    Behaviors.withTimers(
                        timers -> {
                          Coordination c =
                              new Coordination(
                                  ctx, timers, state, settings, clock, listener, supernet);
                          return Behaviors.receive(Command.class)
                              .onMessage(
                                  Command.class,
                                  m -> {
                                    c.handle(m);
                                    c.takeEvents(); // kept nowhere: this search lives in memory
                                    c.takeOutbox().run();
                                    return Behaviors.same();
                                  })
                              .build();
                        })))
        .onFailure(SupervisorStrategy.stop());
  }

  /**
   * How a durable coordinator keeps its search.
   *
   * @param snapshotEvery events between snapshots of the state (0: none, every restart replays the
   *     whole journal)
   * @param replayWholeJournal recover from the events alone, snapshots unread: every result is
   *     replayed, so an owner whose file of results was lost rebuilds it
   */
  public record Durability(int snapshotEvery, boolean replayWholeJournal) {
    /** Most events between snapshots: beyond it a restart would replay for minutes. */
    public static final int MAX_SNAPSHOT_EVERY = 10_000_000;

    public Durability {
      if (snapshotEvery < 0 || snapshotEvery > MAX_SNAPSHOT_EVERY) {
        throw new InvalidInputException(
            "events between snapshots must be from 0 (none) to "
                + MAX_SNAPSHOT_EVERY
                + ", but were "
                + snapshotEvery);
      }
    }

    /** A snapshot every 10,000 events, read back on recovery. */
    public static Durability defaults() {
      return new Durability(10_000, false);
    }
  }

  /**
   * A coordinator whose search outlives it: every change is journaled (Pekko Persistence, the
   * journal and snapshot store configured for the actor system) under {@code persistenceId} before
   * anyone hears of it, and a coordinator started again with the same id restores its last
   * snapshot, replays the events after it and goes on, handing out again what was in flight. It
   * stops when it fails, as {@link #create} does; started again, it resumes from the journal.
   *
   * @param state makes the search's state: fresh (before any event), or from a snapshot; of the
   *     same job every time, since a journal is only replayed into the job that wrote it
   */
  public static Behavior<Command> durable(
      String persistenceId,
      Function<Optional<SearchSnapshot>, SearchState> state,
      Durability durability,
      Settings settings,
      Clock clock,
      Listener listener,
      String supernet) {
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                ctx ->
                    Behaviors.withTimers(
                        timers ->
                            new DurableCoordinator(
                                PersistenceId.of("search", persistenceId),
                                snapshot ->
                                    new Coordination(
                                        ctx,
                                        timers,
                                        state.apply(snapshot),
                                        settings,
                                        clock,
                                        listener,
                                        supernet),
                                durability,
                                ctx))))
        .onFailure(SupervisorStrategy.stop());
  }

  /** For the {@link BreedingCrew}'s adapter: a generator's reply as this actor's message. */
  static Command childrenBred(GeneratorActor.Bred bred) {
    return new ChildrenBred(bred);
  }

  /** For the {@link BreedingCrew}'s adapter: the predictor's reply as this actor's message. */
  static Command latencyPredicted(LatencyPredictorActor.Predicted predicted) {
    return new LatencyPredicted(predicted);
  }

  static Command evaluatorsListed(Receptionist.Listing listing) {
    return new EvaluatorsListed(listing);
  }

  static Command evaluatorGone(ActorRef<EvaluatorActor.Command> worker) {
    return new EvaluatorGone(worker);
  }

  static Command tick() {
    return Tick.INSTANCE;
  }
}
