package org.automoe.actors.search;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.search.SearchCoordinator.Command;
import org.automoe.actors.search.SearchCoordinator.RequestWork;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;

/**
 * What a coordinator does with each command, apart from how it is kept: the state changes at once
 * and its events are gathered ({@link #takeEvents}); what others must see (work handed out, the
 * listener's calls) waits in an outbox ({@link #takeOutbox}) until the owner has kept the events,
 * so nobody hears of a decision a crash could undo. The in-memory coordinator runs the outbox at
 * once; the durable one after its journal has stored the events.
 */
final class Coordination {
  private final ActorContext<Command> ctx;
  private final SearchState state;
  private final SearchCoordinator.Settings settings;
  private final Clock clock;
  private final SearchCoordinator.Listener listener;
  private final String supernet;
  private final ActorRefResolver resolver;
  private final Set<ActorRef<EvaluatorActor.Command>> watched = new HashSet<>();
  private final List<SearchEvent> events = new ArrayList<>();
  private final List<Runnable> outbox = new ArrayList<>();

  /** Async mode: the generators and predictor actor; null in generational mode. */
  private final BreedingCrew crew;

  /** Async mode: pulls waiting for a breeding round, oldest first. */
  private final Deque<RequestWork> parked = new ArrayDeque<>();

  private final long startNanos = System.nanoTime();

  /** When the search last had an evaluator (or started). */
  private long servedNanos = System.nanoTime();

  private boolean reported;

  Coordination(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      SearchState state,
      SearchCoordinator.Settings settings,
      Clock clock,
      SearchCoordinator.Listener listener,
      String supernet) {
    this.ctx = ctx;
    this.state = state;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
    this.supernet = supernet;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    state.journalTo(events::add);
    state.streamEvaluatedTo(i -> outbox.add(() -> listener.evaluated(i)));
    state.streamReplayedTo((individual, number) -> listener.replayed(number, individual));
    ActorRef<Receptionist.Listing> listings =
        ctx.messageAdapter(Receptionist.Listing.class, SearchCoordinator::evaluatorsListed);
    ctx.getSystem()
        .receptionist()
        .tell(Receptionist.subscribe(SearchCoordinator.EVALUATORS, listings));
    timers.startTimerAtFixedRate(SearchCoordinator.tick(), settings.tick());
    this.crew = state.spec().mode() == SearchMode.ASYNC ? new BreedingCrew(ctx, state) : null;
  }

  SearchState state() {
    return state;
  }

  /** The events of the commands handled since the last call, in order. */
  List<SearchEvent> takeEvents() {
    List<SearchEvent> out = List.copyOf(events);
    events.clear();
    return out;
  }

  /** What others must hear of the commands handled since the last call, in order. */
  Runnable takeOutbox() {
    List<Runnable> out = List.copyOf(outbox);
    outbox.clear();
    return () -> out.forEach(Runnable::run);
  }

  /** Tells the listener where the search stands once recovered (durable coordinators). */
  void recovered() {
    listener.recovered(status());
  }

  /** Gathers an event that is the owner's, not the state's (the journal's first). */
  void record(SearchEvent event) {
    events.add(event);
  }

  void handle(Command c) {
    if (c instanceof RequestWork m) {
      onRequestWork(m);
    } else if (c instanceof SearchCoordinator.ReportResult m) {
      onReportResult(m);
    } else if (c instanceof SearchCoordinator.EvaluatorsListed m) {
      onListed(m.listing());
    } else if (c instanceof SearchCoordinator.EvaluatorGone m) {
      onGone(m.worker());
    } else if (c instanceof SearchCoordinator.GetStatus m) {
      SearchStatus now = status();
      outbox.add(() -> m.replyTo().tell(new SearchCoordinator.StatusReply(now)));
    } else if (c instanceof SearchCoordinator.ChildrenBred m) {
      if (crew.childrenBred(m.bred(), state)) {
        roundEnded();
      }
    } else if (c instanceof SearchCoordinator.LatencyPredicted m) {
      if (crew.latencyPredicted(m.predicted(), state)) {
        roundEnded();
      }
    } else if (c instanceof SearchCoordinator.Tick) {
      onTick();
    }
  }

  private void tell(RequestWork r, List<EvaluationRequest> work, boolean finished, long retryMs) {
    EvaluatorActor.Work answer = r.answer(work, finished, retryMs, clock.millis());
    outbox.add(() -> r.worker().tell(answer));
  }

  private void onRequestWork(RequestWork m) {
    watch(m.worker());
    if (crew != null) {
      parked.removeIf(p -> p.worker().equals(m.worker())); // the newer pull supersedes
      parked.addLast(m);
      serveParked();
      reportIfFinished();
      return;
    }
    if (state.finished()) {
      tell(m, List.of(), true, 0);
      reportIfFinished();
      return;
    }
    List<EvaluationRequest> work = state.lease(m.count(), key(m.worker()), clock.millis());
    if (work.isEmpty()) {
      boolean over = state.finished();
      tell(m, List.of(), over, over ? 0 : settings.retryAfter().toMillis());
      reportIfFinished();
    } else {
      tell(m, work, false, 0);
    }
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
        tell(r, List.of(), true, 0);
        continue;
      }
      List<EvaluationRequest> work = state.leasePending(r.count(), key(r.worker()), clock.millis());
      if (!work.isEmpty()) {
        parked.pollFirst();
        tell(r, work, false, 0);
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
      tell(r, List.of(), over, over ? 0 : settings.retryAfter().toMillis());
    }
  }

  private void roundEnded() {
    state.status(0).failure().ifPresent(why -> ctx.getLog().error("search failed: {}", why));
    serveParked();
    reportIfFinished();
  }

  private void onReportResult(SearchCoordinator.ReportResult m) {
    SearchState.Recorded recorded = state.complete(m.result(), key(m.worker()));
    SearchState.Outcome outcome = recorded.outcome();
    if (outcome == SearchState.Outcome.IGNORED) {
      ctx.getLog()
          .debug(
              "ignored a result for candidate {} attempt {} (not its current lease)",
              m.result().candidateId(),
              m.result().attempt());
    } else if (outcome != SearchState.Outcome.ACCEPTED) {
      ctx.getLog()
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
  }

  private void onListed(Receptionist.Listing listing) {
    for (ActorRef<EvaluatorActor.Command> e :
        listing.getServiceInstances(SearchCoordinator.EVALUATORS)) {
      if (watch(e)) {
        EvaluatorActor.Join join = new EvaluatorActor.Join(ctx.getSelf(), supernet);
        outbox.add(() -> e.tell(join));
      }
    }
  }

  private void onGone(ActorRef<EvaluatorActor.Command> worker) {
    watched.remove(worker);
    parked.removeIf(p -> p.worker().equals(worker));
    int requeued = state.release(key(worker));
    ctx.getLog().info("evaluator {} is gone; {} of its leases handed out again", worker, requeued);
  }

  private void onTick() {
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
      ctx.getLog().error("search stops: {}", why);
      state.stop(why);
    }
    int late = state.expire(clock.millis());
    if (late > 0) {
      ctx.getLog().warn("{} leases passed their deadline; handed out again", late);
    }
    if (!reported) {
      SearchStatus now = status();
      SearchState.Result result = state.result();
      outbox.add(
          () -> {
            listener.progress(now);
            listener.snapshot(result, now);
          });
    }
    reportIfFinished();
  }

  /** Watches an evaluator seen for the first time; true when it is new. */
  private boolean watch(ActorRef<EvaluatorActor.Command> worker) {
    if (!watched.add(worker)) {
      return false;
    }
    ctx.watchWith(worker, SearchCoordinator.evaluatorGone(worker));
    ctx.getLog().info("evaluator {} joined", worker.path());
    return true;
  }

  private void reportIfFinished() {
    if (!reported && state.finished()) {
      reported = true;
      SearchState.Result result = state.result();
      SearchStatus now = status();
      outbox.add(() -> listener.finished(result, now));
    }
  }

  private SearchStatus status() {
    return state.status((System.nanoTime() - startNanos) / 1e9);
  }

  private String key(ActorRef<?> worker) {
    return resolver.toSerializationFormat(worker);
  }
}
