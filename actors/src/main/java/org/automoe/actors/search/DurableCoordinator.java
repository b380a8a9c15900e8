package org.automoe.actors.search;

import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.automoe.actors.search.SearchCoordinator.Command;
import org.automoe.core.search.SearchEvent;

/**
 * The coordinator as an event-sourced actor. Its state is the {@link Coordination} (the pure search
 * state inside it changes in place): while recovering, each journaled event is applied to it; once
 * running, a command changes it at once and the events it emitted are persisted in one atomic write
 * before the outbox runs, so work is handed out and results reported only once they are kept. The
 * first command after recovery begins the journal ({@link SearchEvent.Created}) or, when there was
 * one, hands out again what was in flight ({@link SearchEvent.Recovered}).
 */
final class DurableCoordinator extends EventSourcedBehavior<Command, SearchEvent, Coordination> {
  private final Supplier<Coordination> fresh;
  private final ActorContext<Command> ctx;

  /** True once recovery is over: events then come from commands and are already applied. */
  private boolean running;

  /** True once the first command after recovery has begun or resumed the journal. */
  private boolean begun;

  private long replayed;

  DurableCoordinator(
      PersistenceId persistenceId, Supplier<Coordination> fresh, ActorContext<Command> ctx) {
    super(persistenceId);
    this.fresh = fresh;
    this.ctx = ctx;
  }

  @Override
  public Coordination emptyState() {
    return fresh.get();
  }

  @Override
  public CommandHandler<Command, SearchEvent, Coordination> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
  }

  private Effect<SearchEvent, Coordination> handle(Coordination c, Command command) {
    if (!begun) {
      begun = true;
      if (replayed == 0) {
        c.record(c.state().created());
      } else {
        int back = c.state().recover();
        ctx.getLog()
            .info(
                "search resumed from {} journaled events; {} leases handed out again",
                replayed,
                back);
      }
    }
    c.handle(command);
    List<SearchEvent> events = c.takeEvents();
    Runnable outbox = c.takeOutbox();
    if (events.isEmpty()) {
      outbox.run();
      return Effect().none();
    }
    return Effect().persist(events).thenRun(outbox::run);
  }

  @Override
  public EventHandler<Coordination, SearchEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent(
            (c, event) -> {
              if (!running) {
                c.state().apply(event);
                replayed++;
              }
              return c;
            });
  }

  @Override
  public SignalHandler<Coordination> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), c -> running = true)
        .build();
  }
}
