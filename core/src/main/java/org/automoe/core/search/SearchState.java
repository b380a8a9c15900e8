package org.automoe.core.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.GenerationalSearch;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.TopKSelection;
import org.automoe.core.evo.constraint.Assessment;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.evo.pareto.ParetoArchive;

/**
 * One search as a pure state machine, driven by whoever owns it (the coordinator actor, a test, a
 * benchmark): evaluators pull leases, results come back in any order, leases of dead or late
 * evaluators go back to the queue. No clocks and no threads: times are passed in, so every
 * transition is a plain function of the calls made, and a journal of those calls replays it.
 *
 * <p>It composes a {@link LeaseBook} (who holds which candidate until when) with a {@link
 * PopulationStrategy} chosen once from the mode: {@link SearchMode#GENERATIONAL} breeds the paper's
 * generations, {@link SearchMode#ASYNC} breeds in rounds from an aging population. Each public
 * mutator is one fact: leases handed out ({@link #leasePending}), a result recorded ({@link
 * #complete}), leases expired ({@link #expire}) or released ({@link #release}), a breeding round
 * opened, closed or failed.
 *
 * <p>Every draw is rejected (constraint or repeated architecture) or becomes a candidate; every
 * candidate is pending, in flight, evaluated or failed. No architecture becomes a candidate twice.
 *
 * <p>Each public mutator that changes the state emits one {@link SearchEvent} to the sink given to
 * {@link #journalTo}; {@link #apply} takes the same event back in, so a journal of them rebuilds
 * the state ({@link #replay}) and {@link #recover} hands out again what was in flight when its
 * owner stopped.
 */
public final class SearchState {
  /**
   * How work is handed out.
   *
   * @param leaseMillis how long an evaluator may hold a candidate before it is handed out again
   * @param maxAttempts leases per candidate before it counts as failed
   * @param maxLeasesPerPull cap on the candidates one pull may take (bounds the in-flight queue)
   * @param tournamentSize async mode: individuals drawn per parent selection
   */
  public record Settings(
      long leaseMillis, int maxAttempts, int maxLeasesPerPull, int tournamentSize) {
    public Settings {
      if (leaseMillis < 1 || maxAttempts < 1 || maxLeasesPerPull < 1 || tournamentSize < 1) {
        throw new InvalidInputException(
            "lease time, attempts, leases per pull and tournament size must be positive, but were "
                + leaseMillis
                + ", "
                + maxAttempts
                + ", "
                + maxLeasesPerPull
                + " and "
                + tournamentSize);
      }
    }

    /** Ten minutes per lease, three attempts, 16 leases per pull, tournaments of 10. */
    public static Settings defaults() {
      return new Settings(600_000, 3, 16, 10);
    }
  }

  /** What happened to a reported result. */
  public enum Outcome {
    /** The loss joined the population. */
    ACCEPTED,
    /** A failure; the candidate waits for another attempt. */
    RETRY,
    /** A failure on the last attempt; the candidate counts as failed. */
    FAILED,
    /** Not the current lease (late, duplicated or unknown): ignored. */
    IGNORED
  }

  /**
   * What recording a result did.
   *
   * @param outcome what happened to it
   * @param accepted the individual it made, present exactly when the outcome is {@link
   *     Outcome#ACCEPTED}
   */
  public record Recorded(Outcome outcome, Optional<Individual> accepted) {
    public Recorded {
      if (accepted.isPresent() != (outcome == Outcome.ACCEPTED)) {
        throw new IllegalArgumentException(
            "an individual comes with an accepted result only, but the outcome was "
                + outcome
                + " and the individual "
                + accepted);
      }
    }

    static Recorded of(Outcome outcome) {
      return new Recorded(outcome, Optional.empty());
    }
  }

  /**
   * The best evaluated architectures the state keeps, by validation loss: enough for the finalists
   * of any search (at most 100 are measured). Everything evaluated is streamed to the owner as it
   * comes ({@link #streamEvaluatedTo}), so memory does not grow with the search.
   */
  public static final int LEADERS = 128;

  /**
   * The last individuals evaluated that a {@link #snapshot} keeps: more than one command of an
   * owner accepts, so an owner whose file of results lagged the snapshot (a crash after the
   * snapshot was kept and before the rows of its last command were written) catches up from them.
   */
  public static final int LAST_EVALUATED = 256;

  /**
   * The answer to a finished (or stopped) search.
   *
   * @param evaluated how many candidates were evaluated
   * @param leaders the best of them by validation loss, best first, at most {@link #LEADERS}
   * @param best the best of them
   * @param front the Pareto front (loss against cost), by loss
   */
  public record Result(
      long evaluated, List<Individual> leaders, Optional<Individual> best, List<Individual> front) {
    public Result {
      leaders = List.copyOf(leaders);
      front = List.copyOf(front);
    }
  }

  /** A candidate not yet settled, with the genome its individual will carry. */
  private record Bred(Candidate candidate, Genome genome) {}

  private final SearchJobSpec spec;
  private final Settings settings;
  private final Screen screen;
  private final ChildMaker maker;
  private LeaseBook book;
  private final PopulationStrategy population;

  private final Map<Long, Bred> unsettled = new HashMap<>();
  private SeenKeys seen = new SeenKeys();
  private final List<Individual> leaders = new ArrayList<>();
  private final Deque<Individual> lastEvaluated = new ArrayDeque<>();
  private long evaluated;
  private Consumer<Individual> evaluatedSink = individual -> {};
  private ObjLongConsumer<Individual> replayedSink = (individual, number) -> {};

  /** Restored from a snapshot: its last evaluated go to the replay sink once there is one. */
  private boolean restoredTailUnsent;

  private final ParetoArchive<Individual> archive =
      new ParetoArchive<>(GenerationalSearch::objectives);

  private Optional<Individual> best = Optional.empty();
  private long nextId = 1;
  private long draws;
  private long rejected;
  private Optional<String> failure = Optional.empty();

  /** True when the failure is a {@link #stop}: a resumed search goes on. */
  private boolean stopped;

  /** Why the search was ended on request; empty while it may go on. */
  private Optional<String> halted = Optional.empty();

  /** The round opened last and not yet closed or failed (owners breeding outside the state). */
  private Optional<BreedingRound> openRound = Optional.empty();

  private Consumer<SearchEvent> journal = event -> {};
  private boolean replaying;

  public SearchState(SearchJobSpec spec, Screen screen, Settings settings) {
    this(spec, screen, settings, true);
  }

  private SearchState(SearchJobSpec spec, Screen screen, Settings settings, boolean start) {
    this.spec = spec;
    this.settings = settings;
    this.screen = screen;
    this.maker = new ChildMaker(screen.layout(), spec.evolution(), settings.tournamentSize());
    this.book = new LeaseBook(settings.leaseMillis(), settings.maxAttempts());
    this.population = PopulationStrategy.of(spec, screen);
    if (start) {
      breed(() -> population.start(this::isNew));
    }
  }

  /** The state of a job: restored from {@code snapshot} when there is one, else fresh. */
  public static SearchState of(
      SearchJobSpec spec, Screen screen, Settings settings, Optional<SearchSnapshot> snapshot) {
    return snapshot.isPresent()
        ? restore(spec, screen, settings, snapshot.get())
        : new SearchState(spec, screen, settings);
  }

  /**
   * The state a {@link #snapshot} of the same job describes, ready for the events journaled after
   * it. Its last evaluated individuals go to the first {@link #streamReplayedTo} sink.
   *
   * @throws IllegalStateException when the snapshot is of another job, or contradicts itself
   */
  public static SearchState restore(
      SearchJobSpec spec, Screen screen, Settings settings, SearchSnapshot snapshot) {
    if (!snapshot.spec().equals(spec)) {
      throw doesNotFit(
          "it holds the search "
              + describe(snapshot.spec())
              + ", not "
              + describe(spec)
              + " as asked");
    }
    SearchState s = new SearchState(spec, screen, settings, false);
    s.book = LeaseBook.restore(settings.leaseMillis(), settings.maxAttempts(), snapshot.book());
    for (SearchSnapshot.Waiting w : snapshot.book().candidates()) {
      s.unsettled.put(w.candidate().id(), new Bred(w.candidate(), w.genome()));
    }
    s.population.restore(snapshot.population());
    s.openRound =
        snapshot.population() instanceof SearchSnapshot.Aging a ? a.open() : Optional.empty();
    s.seen = SeenKeys.of(snapshot.seen().ascending());
    s.leaders.addAll(snapshot.leaders());
    snapshot.front().forEach(s.archive::offer);
    s.best = snapshot.best();
    s.lastEvaluated.addAll(snapshot.lastEvaluated());
    s.restoredTailUnsent = true;
    SearchSnapshot.Counters n = snapshot.counters();
    s.nextId = n.nextId();
    s.draws = n.draws();
    s.rejected = n.rejected();
    s.evaluated = n.evaluated();
    s.failure = snapshot.failure();
    s.stopped = snapshot.stopped();
    s.halted = snapshot.halted();
    if (s.lastEvaluated.size() > Math.min(LAST_EVALUATED, s.evaluated)
        || s.leaders.size() > LEADERS) {
      throw doesNotFit(
          "its snapshot holds "
              + s.lastEvaluated.size()
              + " last evaluated and "
              + s.leaders.size()
              + " leaders of "
              + s.evaluated
              + " evaluated");
    }
    return s;
  }

  /** Everything this state holds, as values: {@link #restore} makes it again. */
  public SearchSnapshot snapshot() {
    return new SearchSnapshot(
        spec,
        new SearchSnapshot.Counters(nextId, draws, rejected, evaluated),
        failure,
        stopped,
        halted,
        new SearchSnapshot.KeyHashes(seen.hashes()),
        leaders,
        archive.front(),
        best,
        List.copyOf(lastEvaluated),
        book.snapshot(id -> unsettled.get(id).genome()),
        population.snapshot());
  }

  public SearchJobSpec spec() {
    return spec;
  }

  /** The operators that make each draw's child; stateless, so generators may share it. */
  public ChildMaker childMaker() {
    return maker;
  }

  /** The latency predictor the constraints are checked with. */
  public LatencyEstimator latencyEstimator() {
    return screen.latency();
  }

  /**
   * Leases up to {@code max} candidates to {@code worker}, breeding rounds here first when the
   * strategy breeds in rounds: for drivers without generator actors, it is {@link #openRound},
   * {@link #closeRound} and {@link #leasePending} in one call. Empty when nothing can be handed out
   * now (a generation barrier, the budget spent, or a failure).
   */
  public List<EvaluationRequest> lease(int max, String worker, long nowMs) {
    int n = Math.min(max, settings.maxLeasesPerPull());
    breedHere(n - book.pending());
    return leasePending(n, worker, nowMs);
  }

  /**
   * Leases up to {@code max} of the candidates already bred, never breeding: for owners that breed
   * through {@link #openRound} and {@link #closeRound}.
   */
  public List<EvaluationRequest> leasePending(int max, String worker, long nowMs) {
    List<EvaluationRequest> out = leaseHere(max, worker, nowMs);
    if (!out.isEmpty()) {
      emit(new SearchEvent.Leased(max, worker, nowMs));
    }
    return out;
  }

  private List<EvaluationRequest> leaseHere(int max, String worker, long nowMs) {
    if (failure.isPresent() || halted.isPresent()) {
      return List.of();
    }
    return book.lease(Math.min(max, settings.maxLeasesPerPull()), worker, nowMs);
  }

  /**
   * Takes a result in, as signed by its evaluator ({@link EvaluationResult#evaluatedBy}): for
   * drivers whose evaluators sign with the name they lease under.
   */
  public Recorded complete(EvaluationResult r) {
    return complete(r, r.evaluatedBy());
  }

  /**
   * Takes a result in from {@code reporter}; only the current lease of a candidate, reported by the
   * worker holding it, counts, anything else is ignored.
   */
  public Recorded complete(EvaluationResult reported, String reporter) {
    // A "success" without a finite loss is a failure, and is journaled as one.
    EvaluationResult r =
        reported.succeeded() && !Double.isFinite(reported.validationLoss())
            ? EvaluationResult.failed(
                reported.candidateId(),
                reported.attempt(),
                "non-finite loss " + reported.validationLoss(),
                reported.evaluatedBy(),
                reported.durationMicros())
            : reported;
    Recorded recorded = completeHere(r, reporter);
    if (recorded.outcome() != Outcome.IGNORED) {
      emit(new SearchEvent.ResultReported(r, reporter));
    }
    return recorded;
  }

  private Recorded completeHere(EvaluationResult r, String reporter) {
    if (halted.isPresent()) {
      return Recorded.of(Outcome.IGNORED); // ended on request: its report is out
    }
    boolean ok = r.succeeded() && Double.isFinite(r.validationLoss());
    return switch (book.complete(r.candidateId(), r.attempt(), reporter, ok)) {
      case STALE -> Recorded.of(Outcome.IGNORED);
      case RETRY -> Recorded.of(Outcome.RETRY);
      case FAILED -> {
        unsettled.remove(r.candidateId());
        settled();
        yield Recorded.of(Outcome.FAILED);
      }
      case SUCCEEDED -> {
        Individual ind = accept(unsettled.remove(r.candidateId()), r.validationLoss());
        settled();
        yield new Recorded(Outcome.ACCEPTED, Optional.of(ind));
      }
    };
  }

  /** Hands out again every lease whose deadline has passed; returns how many. */
  public int expire(long nowMs) {
    int n = reclaimed(book.expire(nowMs));
    if (n > 0) {
      emit(new SearchEvent.LeasesExpired(nowMs));
    }
    return n;
  }

  /** Hands out again every lease held by {@code worker} (it died or left); returns how many. */
  public int release(String worker) {
    int n = reclaimed(book.release(worker));
    if (n > 0) {
      emit(new SearchEvent.WorkerLeft(worker));
    }
    return n;
  }

  /**
   * The owner starts again from its journal: every lease of its former evaluators is taken back and
   * handed out again (none counts as failed for it: not the candidates' fault), a breeding round
   * left open is dropped so a new one can open, and a search that was stopped or halted goes on
   * (one that finished or failed stays so). Returns how many leases.
   */
  public int recover() {
    // A round open at the stop was being bred by generators that are gone: drop it, uncounted.
    openRound.ifPresent(population::failRound);
    openRound = Optional.empty();
    // A stop (on request, or for want of evaluators) ended the owner's run, not the search.
    halted = Optional.empty();
    if (stopped) {
      failure = Optional.empty();
      stopped = false;
    }
    int n = reclaimed(book.releaseAll());
    emit(new SearchEvent.Recovered());
    return n;
  }

  /**
   * Sends every individual evaluated from now on to {@code sink}, in order (a replay sends none:
   * they were sent when they happened).
   */
  public void streamEvaluatedTo(Consumer<Individual> sink) {
    this.evaluatedSink = sink;
  }

  /**
   * Sends every individual a replay evaluates again to {@code sink}, with its number (the first
   * evaluated is 1), in the order they were first evaluated: an owner whose file of results lags
   * its journal (a crash between the two) can append what it missed. A state restored from a
   * snapshot first sends the last evaluated individuals the snapshot kept.
   */
  public void streamReplayedTo(ObjLongConsumer<Individual> sink) {
    this.replayedSink = sink;
    if (restoredTailUnsent) {
      restoredTailUnsent = false;
      long number = evaluated - lastEvaluated.size();
      for (Individual i : lastEvaluated) {
        sink.accept(i, ++number);
      }
    }
  }

  /**
   * Stops the search before its end, saying why (no evaluator left, say): nothing more is handed
   * out and it counts as failed. Does nothing once it has finished or failed.
   */
  public void stop(String why) {
    if (!finished()) {
      failure = Optional.of(why);
      stopped = true;
      emit(new SearchEvent.Stopped(why));
    }
  }

  /**
   * Ends the search on request ({@code reason}, e.g. "stopped by the user"): nothing more is handed
   * out, results still out are ignored, and what was found stands (phase {@link
   * SearchPhase#STOPPED}). The way a continuous search ends. Does nothing once it has finished.
   */
  public void halt(String reason) {
    if (!finished()) {
      halted = Optional.of(reason);
      emit(new SearchEvent.Halted(reason));
    }
  }

  /** Why the search was ended on request; empty unless it was. */
  public Optional<String> haltedBecause() {
    return halted;
  }

  /** Sends every event from now on to {@code sink} (the owner's journal). */
  public void journalTo(Consumer<SearchEvent> sink) {
    this.journal = sink;
  }

  /**
   * Takes one journaled event back in: the same transition as the call that emitted it, emitting
   * nothing.
   *
   * @throws IllegalStateException when the event cannot follow this state (a journal of another
   *     search, or events out of order)
   */
  public void apply(SearchEvent event) {
    replaying = true;
    try {
      if (event instanceof SearchEvent.Created e) {
        if (!e.spec().equals(spec)) {
          throw doesNotFit(
              "it holds the search "
                  + describe(e.spec())
                  + ", not "
                  + describe(spec)
                  + " as asked");
        }
      } else if (event instanceof SearchEvent.Leased e) {
        if (leasePending(e.max(), e.worker(), e.nowMs()).isEmpty()) {
          throw doesNotFit("nothing to lease to " + e.worker());
        }
      } else if (event instanceof SearchEvent.ResultReported e) {
        if (complete(e.result(), e.reporter()).outcome() == Outcome.IGNORED) {
          throw new IllegalStateException(
              "journal does not fit: result of candidate "
                  + e.result().candidateId()
                  + " attempt "
                  + e.result().attempt()
                  + " was not its current lease");
        }
      } else if (event instanceof SearchEvent.LeasesExpired e) {
        if (expire(e.nowMs()) == 0) {
          throw doesNotFit("no lease past its deadline at " + e.nowMs());
        }
      } else if (event instanceof SearchEvent.WorkerLeft e) {
        if (release(e.worker()) == 0) {
          throw doesNotFit(e.worker() + " held no lease");
        }
      } else if (event instanceof SearchEvent.RoundOpened e) {
        if (openRound(e.wanted()).isEmpty()) {
          throw new IllegalStateException("journal does not fit: no round could open");
        }
      } else if (event instanceof SearchEvent.RoundClosed e) {
        closeRound(journaledRound(e.roundId()), e.children(), e.archs(), e.latencyMs());
      } else if (event instanceof SearchEvent.RoundFailed e) {
        failRound(journaledRound(e.roundId()), e.why());
      } else if (event instanceof SearchEvent.Stopped e) {
        stop(e.why());
      } else if (event instanceof SearchEvent.Halted e) {
        halt(e.reason());
      } else if (event instanceof SearchEvent.Recovered) {
        recover();
      }
    } finally {
      replaying = false;
    }
  }

  /**
   * The state a journal describes: a fresh state of {@code spec} with every event applied in order.
   */
  public static SearchState replay(
      SearchJobSpec spec, Screen screen, Settings settings, List<SearchEvent> events) {
    SearchState s = new SearchState(spec, screen, settings);
    events.forEach(s::apply);
    return s;
  }

  /** The job's event that begins its journal. */
  public SearchEvent.Created created() {
    return new SearchEvent.Created(spec);
  }

  private static String describe(SearchJobSpec s) {
    return "'"
        + s.name()
        + "' ("
        + s.mode().name().toLowerCase(Locale.ROOT)
        + ", "
        + s.length().describe()
        + ", seed "
        + s.seed()
        + ")";
  }

  private static IllegalStateException doesNotFit(String why) {
    return new IllegalStateException("journal does not fit: " + why);
  }

  private BreedingRound journaledRound(long id) {
    return openRound
        .filter(r -> r.id() == id)
        .orElseThrow(
            () -> new IllegalStateException("journal does not fit: round " + id + " is not open"));
  }

  private void emit(SearchEvent event) {
    if (!replaying) {
      journal.accept(event);
    }
  }

  /** True when nothing is left to hand out or wait for, or the search failed. */
  public boolean finished() {
    return failure.isPresent() || halted.isPresent() || (book.idle() && population.exhausted());
  }

  public SearchStatus status(double elapsedSeconds) {
    Optional<SearchStatus.Best> top =
        best.map(i -> new SearchStatus.Best(i.candidate().id(), i.validationLoss()));
    SearchPhase phase =
        failure.isPresent()
            ? SearchPhase.FAILED
            : halted.isPresent()
                ? SearchPhase.STOPPED
                : finished() ? SearchPhase.DONE : SearchPhase.RUNNING;
    return new SearchStatus(
        spec.name(),
        phase,
        draws,
        evaluated,
        rejected,
        book.pending(),
        book.inFlight(),
        book.failed(),
        book.requeued(),
        top,
        elapsedSeconds,
        failure);
  }

  public Result result() {
    List<Individual> front = new ArrayList<>(archive.front());
    front.sort(Comparator.comparingDouble(Individual::validationLoss));
    return new Result(evaluated, leaders, best, front);
  }

  /** The candidates handed out and not yet answered, by id (for reports and tests). */
  public Map<Long, Lease> leases() {
    return book.leases();
  }

  public int generation() {
    return population.generation();
  }

  /**
   * Opens a round of breeding for up to {@code wanted} children (budget allowing): random draws
   * until the first population is drawn, then mutants and crossovers of tournament winners of the
   * current population, up to three draws per child so one predictor call usually yields them all.
   * Empty in generational mode, while another round is open, once the budget is bred, or after a
   * failure.
   */
  public Optional<BreedingRound> openRound(int wanted) {
    Optional<BreedingRound> round = openRoundHere(wanted);
    round.ifPresent(r -> emit(new SearchEvent.RoundOpened(wanted)));
    return round;
  }

  private Optional<BreedingRound> openRoundHere(int wanted) {
    if (failure.isPresent() || halted.isPresent()) {
      return Optional.empty();
    }
    Optional<BreedingRound> round = population.openRound(wanted);
    round.ifPresent(r -> openRound = Optional.of(r));
    return round;
  }

  /**
   * Closes the open round with its children (one per draw, in order) and their predicted latency:
   * those that meet the constraints and are new become candidates.
   */
  public void closeRound(
      BreedingRound round, List<Genome> children, List<Architecture> archs, double[] latencyMs) {
    closeRoundHere(round, children, archs, latencyMs);
    emit(new SearchEvent.RoundClosed(round.id(), children, archs, latencyMs));
  }

  private void closeRoundHere(
      BreedingRound round, List<Genome> children, List<Architecture> archs, double[] latencyMs) {
    admit(population.closeRound(round, children, archs, latencyMs, this::isNew));
    openRound = Optional.empty();
  }

  /** The open round could not be bred (a generator or the predictor failed): the search fails. */
  public void failRound(BreedingRound round, String why) {
    if (failRoundHere(round, why)) {
      emit(new SearchEvent.RoundFailed(round.id(), why));
    }
  }

  private boolean failRoundHere(BreedingRound round, String why) {
    if (population.failRound(round)) {
      failure = Optional.of("breeding failed: " + why);
      openRound = Optional.empty();
      return true;
    }
    return false;
  }

  /** True while a round is open. */
  public boolean breeding() {
    return population.breeding();
  }

  /** Breeds at least {@code wanted} children (budget allowing) round by round, right here. */
  private void breedHere(int wanted) {
    while (book.pending() < wanted) {
      Optional<BreedingRound> round = openRound(wanted - book.pending());
      if (round.isEmpty()) {
        return;
      }
      BreedingRound r = round.get();
      List<Genome> children = r.draws().stream().map(d -> maker.make(d, r.parents())).toList();
      List<Architecture> archs;
      double[] latencyMs;
      try {
        archs = screen.decode(children);
        latencyMs = screen.latency().predictMs(archs);
      } catch (RuntimeException e) {
        failRound(r, "latency prediction: " + e.getMessage());
        return;
      }
      closeRound(r, children, archs, latencyMs);
    }
  }

  private Individual accept(Bred bred, double loss) {
    Individual ind = new Individual(bred.candidate(), bred.genome(), loss);
    evaluated++;
    keepIfLeader(ind);
    lastEvaluated.addLast(ind);
    if (lastEvaluated.size() > LAST_EVALUATED) {
      lastEvaluated.pollFirst();
    }
    if (replaying) {
      replayedSink.accept(ind, evaluated);
    } else {
      evaluatedSink.accept(ind);
    }
    if (best.isEmpty() || TopKSelection.BY_LOSS.compare(ind, best.get()) < 0) {
      best = Optional.of(ind);
    }
    archive.offer(ind);
    population.accept(ind);
    return ind;
  }

  /** Keeps {@code ind} among the leaders when it is one of the best {@link #LEADERS}. */
  private void keepIfLeader(Individual ind) {
    int at = Collections.binarySearch(leaders, ind, TopKSelection.BY_LOSS);
    int insertAt = at >= 0 ? at : -at - 1;
    if (insertAt < LEADERS) {
      leaders.add(insertAt, ind);
      if (leaders.size() > LEADERS) {
        leaders.remove(leaders.size() - 1);
      }
    }
  }

  /** Leases taken back; candidates that had used their last attempt are settled as failed. */
  private int reclaimed(LeaseBook.Reclaimed back) {
    for (long id : back.failed()) {
      unsettled.remove(id);
      settled();
    }
    return back.leases();
  }

  /** A candidate is done (evaluated or failed); the strategy may breed on. */
  private void settled() {
    breed(() -> population.settled(this::isNew));
  }

  private boolean isNew(String key) {
    return !seen.contains(key);
  }

  /** Breeding fails only when the constraints cannot be met; the search then fails, saying why. */
  private void breed(Supplier<PopulationStrategy.Brood> breeding) {
    if (failure.isPresent()) {
      return;
    }
    try {
      admit(breeding.get());
    } catch (InvalidInputException e) {
      failure = Optional.of(e.getMessage());
    }
  }

  /** Takes what a strategy bred in: its children become pending candidates, in order. */
  private void admit(PopulationStrategy.Brood brood) {
    rejected += brood.rejected();
    draws += brood.rejected();
    for (Breeder.Child child : brood.children()) {
      add(child, brood.generation());
    }
    brood.failure().ifPresent(why -> failure = Optional.of(why));
  }

  private void add(Breeder.Child child, int gen) {
    Assessment a = child.screened().assessment();
    Candidate c =
        new Candidate(
            nextId++, child.seed(), gen, a.architecture(), a.cost(), a.predictedLatencyMs());
    unsettled.put(c.id(), new Bred(c, child.screened().genome()));
    seen.add(child.screened().key());
    book.add(c);
    draws++;
  }
}
