package org.automoe.actors.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.automoe.actors.search.SearchCoordinator.Command;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchSnapshot;

/**
 * The coordinator as an event-sourced actor. Its state holds the {@link Coordination} (the pure
 * search state inside it changes in place), made when first needed: from the journal's last
 * snapshot, or fresh for its first event. While recovering, each journaled event is applied to it;
 * once running, a command changes it at once and the events it emitted are persisted in one atomic
 * write before the outbox runs, so work is handed out and results reported only once they are kept.
 * The first command after recovery begins the journal ({@link SearchEvent.Created}) or, when there
 * was one, hands out again what was in flight ({@link SearchEvent.Recovered}). Every so many events
 * the state is kept as a {@link SearchSnapshot}, so a restart replays only the events after it.
 *
 * <p>Writes are grouped: a command's events and outbox wait until a {@link SearchCoordinator.Flush}
 * the coordinator sends itself after the first of them, so the commands that queued up meanwhile
 * (all that arrived while the last write was under way) share one write. A crash before it loses
 * only decisions nobody has heard of. Under load that is tens of results per write instead of one.
 */
final class DurableCoordinator
    extends EventSourcedBehavior<Command, SearchEvent, DurableCoordinator.Kept> {

  /** The coordination, once one was made; mutable, as the search state inside it is. */
  static final class Kept {
    private Coordination coordination;

    private Kept(Coordination coordination) {
      this.coordination = coordination;
    }
  }

  private final Function<Optional<SearchSnapshot>, Coordination> make;
  private final SearchCoordinator.Durability durability;
  private final ActorContext<Command> ctx;

  /** True once recovery is over: events then come from commands and are already applied. */
  private boolean running;

  /** True once the first command after recovery has begun or resumed the journal. */
  private boolean begun;

  /** Recovery found neither snapshot nor event: the first command begins the journal. */
  private boolean newJournal;

  private long replayed;

  /** Events of the commands handled since the last write, in order. */
  private final List<SearchEvent> unwritten = new ArrayList<>();

  /** What others must hear of those commands, in order: run once their events are kept. */
  private final List<Runnable> unsent = new ArrayList<>();

  /** A {@link SearchCoordinator.Flush} is on its way. */
  private boolean flushSent;

  /**
   * @param make the coordination of the search: fresh, or restored from a snapshot
   */
  DurableCoordinator(
      PersistenceId persistenceId,
      Function<Optional<SearchSnapshot>, Coordination> make,
      SearchCoordinator.Durability durability,
      ActorContext<Command> ctx) {
    super(persistenceId);
    this.make = make;
    this.durability = durability;
    this.ctx = ctx;
  }

  @Override
  public Kept emptyState() {
    return new Kept(null);
  }

  @Override
  public SnapshotAdapter<Kept> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(Kept kept) {
        return kept.coordination.state().snapshot();
      }

      @Override
      public Kept fromJournal(Object snapshot) {
        return new Kept(make.apply(Optional.of((SearchSnapshot) snapshot)));
      }
    };
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Two kept, so a snapshot torn by a crash mid-write leaves the one before it.
    return durability.snapshotEvery() > 0
        ? RetentionCriteria.snapshotEvery(durability.snapshotEvery(), 2)
        : RetentionCriteria.disabled();
  }

  @Override
  public Recovery recovery() {
    return durability.replayWholeJournal()
        ? Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none())
        : Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.latest());
  }

  @Override
  public CommandHandler<Command, SearchEvent, Kept> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
  }

  private Effect<SearchEvent, Kept> handle(Kept kept, Command command) {
    if (!begun) {
      begun = true;
      if (newJournal) {
        kept.coordination.record(kept.coordination.state().created());
      } else {
        int back = kept.coordination.state().recover();
        ctx.getLog()
            .info(
                "search resumed at journal event {} ({} replayed); {} leases handed out again",
                lastSequenceNumber(ctx),
                replayed,
                back);
      }
    }
    Coordination c = kept.coordination;
    if (command != SearchCoordinator.Flush.INSTANCE) {
      c.handle(command);
    }
    unwritten.addAll(c.takeEvents());
    unsent.add(c.takeOutbox());
    if (unwritten.isEmpty()) {
      runUnsent(); // nothing to keep: what it decided may be heard at once
      return Effect().none();
    }
    if (command != SearchCoordinator.Flush.INSTANCE) {
      if (!flushSent) {
        flushSent = true;
        ctx.getSelf().tell(SearchCoordinator.Flush.INSTANCE);
      }
      return Effect().none();
    }
    flushSent = false;
    List<SearchEvent> events = List.copyOf(unwritten);
    List<Runnable> outboxes = List.copyOf(unsent);
    unwritten.clear();
    unsent.clear();
    return Effect().persist(events).thenRun(() -> outboxes.forEach(Runnable::run));
  }

  private void runUnsent() {
    List<Runnable> outboxes = List.copyOf(unsent);
    unsent.clear();
    outboxes.forEach(Runnable::run);
  }

  @Override
  public EventHandler<Kept, SearchEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent(
            (kept, event) -> {
              if (!running) {
                if (kept.coordination == null) {
                  kept.coordination = make.apply(Optional.empty());
                }
                kept.coordination.state().apply(event);
                replayed++;
              }
              return kept;
            });
  }

  @Override
  public SignalHandler<Kept> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            kept -> {
              running = true;
              if (kept.coordination == null) {
                // Made now, not on the first command: it subscribes to the evaluators and starts
                // the ticks that bring the commands.
                kept.coordination = make.apply(Optional.empty());
                newJournal = true;
              }
              kept.coordination.recovered();
            })
        .onSignal(
            SnapshotFailed.class,
            (kept, failed) ->
                // Not fatal: every event is still in the journal, the next snapshot may succeed.
                ctx.getLog()
                    .warn(
                        "could not keep a snapshot of the search: {}",
                        failed.getFailure().getMessage()))
        .build();
  }
}
