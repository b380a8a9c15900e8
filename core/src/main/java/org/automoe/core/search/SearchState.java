package org.automoe.core.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.GenerationalSearch;
import org.automoe.core.evo.GenerationalStep;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.TopKSelection;
import org.automoe.core.evo.constraint.Assessment;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.evo.pareto.ParetoArchive;

/**
 * One search as a pure state machine, driven by whoever owns it (the coordinator actor, a test, a
 * benchmark): evaluators pull leases, results come back in any order, leases of dead or late
 * evaluators go back to the queue. No clocks and no threads: times are passed in, so every
 * transition is a plain function of the calls made.
 *
 * <p>{@link SearchMode#GENERATIONAL} breeds the paper's generations with {@link GenerationalStep};
 * a generation is bred when the previous one is fully evaluated, so it replays exactly from the
 * seed whatever order results arrive in. {@link SearchMode#ASYNC} is steady state: a child is bred
 * whenever work is pulled, from tournament-selected parents of an aging population (regularized
 * evolution), so no evaluator waits for a generation barrier.
 *
 * <p>Every draw is rejected (constraint or repeated architecture) or becomes a candidate; every
 * candidate is pending, in flight, evaluated or failed. No architecture becomes a candidate twice.
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
            "lease time, attempts, leases per pull and tournament size must be positive");
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

  /** The answer to a finished (or stopped) search. */
  public record Result(
      List<Individual> evaluated, Optional<Individual> best, List<Individual> front) {}

  private static final class Entry {
    final Candidate candidate;
    final Genome genome;
    int attempts;
    Lease lease;
    String worker;

    Entry(Candidate candidate, Genome genome) {
      this.candidate = candidate;
      this.genome = genome;
    }
  }

  /** Draws screened per latency-predictor call in async mode: one DJL call costs ~100 us. */
  private static final int SCREEN_ROUND = 64;

  private final SearchJobSpec spec;
  private final Settings settings;
  private final GenerationalStep step;
  private final Screen screen;
  private final ChildMaker maker;

  private final Map<Long, Entry> entries = new LinkedHashMap<>();
  private final Deque<Long> pending = new ArrayDeque<>();
  private final Map<Long, Entry> inFlight = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final List<Individual> evaluated = new ArrayList<>();
  private final ParetoArchive<Individual> archive =
      new ParetoArchive<>(GenerationalSearch::objectives);

  /** Async: the aging population, oldest first. Generational: this generation's members. */
  private final Deque<Individual> population = new ArrayDeque<>();

  private Individual best;
  private long nextId = 1;
  private long draws;
  private long rejected;
  private long failed;
  private long requeued;
  private int generation;
  private int unfinishedInGeneration;
  private Optional<String> failure = Optional.empty();

  private BreedingRound open;
  private long nextRoundId = 1;
  private long drawsOpened;
  private long fruitlessBrokeConstraint;
  private long fruitlessDuplicates;

  public SearchState(SearchJobSpec spec, Screen screen, Settings settings) {
    this.spec = spec;
    this.settings = settings;
    this.step = new GenerationalStep(screen, spec.evolution());
    this.screen = screen;
    this.maker = new ChildMaker(screen.layout(), spec.evolution(), settings.tournamentSize());
    if (spec.mode() == SearchMode.GENERATIONAL) {
      guarded(() -> enqueue(step.initial(spec.seed(), this::isNew), 0));
    }
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
   * Leases up to {@code max} candidates to {@code worker}, breeding them here first in async mode
   * (for drivers without generator actors). Empty when nothing can be handed out now (a generation
   * barrier, the budget spent, or a failure).
   */
  public List<EvaluationRequest> lease(int max, String worker, long nowMs) {
    int n = Math.min(max, settings.maxLeasesPerPull());
    if (spec.mode() == SearchMode.ASYNC) {
      breedHere(n - pending.size());
    }
    return leasePending(n, worker, nowMs);
  }

  /**
   * Leases up to {@code max} of the candidates already bred, never breeding: for owners that breed
   * through {@link #openRound} and {@link #closeRound}.
   */
  public List<EvaluationRequest> leasePending(int max, String worker, long nowMs) {
    int n = Math.min(max, settings.maxLeasesPerPull());
    List<EvaluationRequest> out = new ArrayList<>();
    while (out.size() < n && !pending.isEmpty() && failure.isEmpty()) {
      Entry e = entries.get(pending.pollFirst());
      e.attempts++;
      e.lease = new Lease(e.candidate.id(), e.attempts, nowMs + settings.leaseMillis());
      e.worker = worker;
      inFlight.put(e.candidate.id(), e);
      out.add(new EvaluationRequest(e.lease, e.candidate));
    }
    return out;
  }

  /** Takes a result in; only the current lease of a candidate counts, anything else is ignored. */
  public Outcome complete(EvaluationResult r) {
    Entry e = inFlight.get(r.candidateId());
    if (e == null || e.lease.attempt() != r.attempt()) {
      return Outcome.IGNORED;
    }
    inFlight.remove(r.candidateId());
    e.lease = null;
    e.worker = null;
    if (r.succeeded() && Double.isFinite(r.validationLoss())) {
      Individual ind = new Individual(e.candidate, e.genome, r.validationLoss());
      evaluated.add(ind);
      if (best == null || TopKSelection.BY_LOSS.compare(ind, best) < 0) {
        best = ind;
      }
      archive.offer(ind);
      population.addLast(ind);
      if (spec.mode() == SearchMode.ASYNC && population.size() > spec.evolution().population()) {
        population.pollFirst(); // aging: the oldest leaves, however good
      }
      finishOne();
      return Outcome.ACCEPTED;
    }
    if (e.attempts >= settings.maxAttempts()) {
      failed++;
      finishOne();
      return Outcome.FAILED;
    }
    pending.addFirst(e.candidate.id());
    return Outcome.RETRY;
  }

  /** Hands out again every lease whose deadline has passed; returns how many. */
  public int expire(long nowMs) {
    List<Long> late = new ArrayList<>();
    inFlight.forEach(
        (id, e) -> {
          if (e.lease.deadlineEpochMs() < nowMs) {
            late.add(id);
          }
        });
    late.forEach(this::requeue);
    return late.size();
  }

  /** Hands out again every lease held by {@code worker} (it died or left); returns how many. */
  public int release(String worker) {
    List<Long> held = new ArrayList<>();
    inFlight.forEach(
        (id, e) -> {
          if (worker.equals(e.worker)) {
            held.add(id);
          }
        });
    held.forEach(this::requeue);
    return held.size();
  }

  /** True when nothing is left to hand out or wait for, or the search failed. */
  public boolean finished() {
    if (failure.isPresent()) {
      return true;
    }
    if (!pending.isEmpty() || !inFlight.isEmpty()) {
      return false;
    }
    return spec.mode() == SearchMode.ASYNC
        ? entries.size() >= spec.budget()
        : generation >= spec.iterations() && unfinishedInGeneration == 0;
  }

  public SearchStatus status(double elapsedSeconds) {
    Optional<SearchStatus.Best> best =
        best().map(i -> new SearchStatus.Best(i.candidate().id(), i.validationLoss()));
    SearchPhase phase =
        failure.isPresent()
            ? SearchPhase.FAILED
            : finished() ? SearchPhase.DONE : SearchPhase.RUNNING;
    return new SearchStatus(
        spec.name(),
        phase,
        draws,
        evaluated.size(),
        rejected,
        pending.size(),
        inFlight.size(),
        failed,
        requeued,
        best,
        elapsedSeconds,
        failure);
  }

  public Result result() {
    List<Individual> front = new ArrayList<>(archive.front());
    front.sort(Comparator.comparingDouble(Individual::validationLoss));
    return new Result(List.copyOf(evaluated), best(), List.copyOf(front));
  }

  /** The candidates handed out and not yet answered, by id (for reports and tests). */
  public Map<Long, Lease> leases() {
    Map<Long, Lease> out = new LinkedHashMap<>();
    inFlight.forEach((id, e) -> out.put(id, e.lease));
    return Collections.unmodifiableMap(out);
  }

  /** The individual the last {@link Outcome#ACCEPTED} result made, or null before any. */
  public Individual latest() {
    return evaluated.isEmpty() ? null : evaluated.get(evaluated.size() - 1);
  }

  public int generation() {
    return generation;
  }

  private Optional<Individual> best() {
    return Optional.ofNullable(best);
  }

  private void requeue(long id) {
    Entry e = inFlight.remove(id);
    e.lease = null;
    e.worker = null;
    requeued++;
    if (e.attempts >= settings.maxAttempts()) {
      failed++;
      finishOne();
    } else {
      pending.addFirst(id);
    }
  }

  private boolean isNew(String key) {
    return !seen.contains(key);
  }

  /** A candidate is done (evaluated or failed); in generational mode the last one breeds on. */
  private void finishOne() {
    if (spec.mode() != SearchMode.GENERATIONAL) {
      return;
    }
    unfinishedInGeneration--;
    if (unfinishedInGeneration == 0 && generation < spec.iterations()) {
      List<Individual> parents = step.parents(List.copyOf(population));
      int next = generation + 1;
      guarded(
          () -> {
            GenerationalStep.Offspring kids = step.breed(parents, spec.seed(), next, this::isNew);
            population.clear();
            population.addAll(parents);
            enqueue(kids, next);
          });
    }
  }

  private void enqueue(GenerationalStep.Offspring offspring, int gen) {
    generation = gen;
    rejected += offspring.rejectedByConstraint() + offspring.duplicates();
    draws += offspring.rejectedByConstraint() + offspring.duplicates();
    for (Breeder.Child child : offspring.children()) {
      add(child, gen);
    }
    unfinishedInGeneration = offspring.children().size();
  }

  /** Breeds at least {@code wanted} children (budget allowing) round by round, right here. */
  private void breedHere(int wanted) {
    while (pending.size() < wanted) {
      Optional<BreedingRound> round = openRound(wanted - pending.size());
      if (round.isEmpty()) {
        return;
      }
      BreedingRound r = round.get();
      List<Genome> children = r.draws().stream().map(d -> maker.make(d, r.parents())).toList();
      try {
        admit(r, screen.screen(children));
      } finally {
        open = null;
      }
    }
  }

  /**
   * Opens a round of asynchronous breeding for up to {@code wanted} children (budget allowing):
   * random draws until the first population is drawn, then mutants and crossovers of tournament
   * winners of the current population, up to three draws per child so one predictor call usually
   * yields them all. Empty in generational mode, while another round is open, once the budget is
   * bred, or after a failure.
   */
  public Optional<BreedingRound> openRound(int wanted) {
    int left = spec.budget() - entries.size();
    if (spec.mode() != SearchMode.ASYNC
        || open != null
        || failure.isPresent()
        || wanted < 1
        || left < 1) {
      return Optional.empty();
    }
    int n = Math.min(wanted, left);
    int initialLeft = spec.evolution().population() - entries.size();
    boolean random = initialLeft > 0 || population.size() < 2;
    if (initialLeft > 0) {
      n = Math.min(n, initialLeft);
    }
    int size = Math.max(n, Math.min(SCREEN_ROUND, 3 * n));
    List<BreedingRound.Draw> draws = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      long seed = Seeds.derive(spec.seed(), 3, drawsOpened++);
      BreedingOperator op =
          random
              ? BreedingOperator.RANDOM
              : Seeds.rng(Seeds.derive(seed, 1)).nextBoolean()
                  ? BreedingOperator.MUTATION
                  : BreedingOperator.CROSSOVER;
      draws.add(new BreedingRound.Draw(op, seed));
    }
    open = new BreedingRound(nextRoundId++, draws, random ? List.of() : List.copyOf(population), n);
    return Optional.of(open);
  }

  /**
   * Closes the open round with its children (one per draw, in order) and their predicted latency:
   * those that meet the constraints and are new become candidates.
   */
  public void closeRound(
      BreedingRound round, List<Genome> children, List<Architecture> archs, double[] latencyMs) {
    if (open == null || open.id() != round.id()) {
      throw new IllegalStateException("breeding round " + round.id() + " is not the open one");
    }
    if (children.size() != round.draws().size()) {
      throw new IllegalStateException(
          "round "
              + round.id()
              + " has "
              + round.draws().size()
              + " draws, not "
              + children.size());
    }
    try {
      admit(round, screen.judge(children, archs, latencyMs));
    } finally {
      open = null;
    }
  }

  /** The open round could not be bred (a generator or the predictor failed): the search fails. */
  public void failRound(BreedingRound round, String why) {
    if (open != null && open.id() == round.id()) {
      open = null;
      failure = Optional.of("breeding failed: " + why);
    }
  }

  /** True while a round is open. */
  public boolean breeding() {
    return open != null;
  }

  private void admit(BreedingRound round, List<Screen.Screened> screened) {
    int accepted = 0;
    for (int k = 0;
        k < screened.size() && accepted < round.accept() && entries.size() < spec.budget();
        k++) {
      Screen.Screened s = screened.get(k);
      if (!s.accepted() || !isNew(s.key())) {
        rejected++;
        draws++;
        if (s.accepted()) {
          fruitlessDuplicates++;
        } else {
          fruitlessBrokeConstraint++;
        }
      } else {
        add(new Breeder.Child(s, round.draws().get(k).seed()), 0);
        accepted++;
        fruitlessBrokeConstraint = 0;
        fruitlessDuplicates = 0;
      }
    }
    long fruitless = fruitlessBrokeConstraint + fruitlessDuplicates;
    if (fruitless >= spec.evolution().maxDrawsPerChild()) {
      failure =
          Optional.of(
              "no child met the constraints in the last "
                  + fruitless
                  + " draws ("
                  + fruitlessBrokeConstraint
                  + " broke a constraint, "
                  + fruitlessDuplicates
                  + " were duplicates); loosen the limits or enlarge the space");
    }
  }

  private void add(Breeder.Child child, int gen) {
    Assessment a = child.screened().assessment();
    Candidate c =
        new Candidate(
            nextId++, child.seed(), gen, a.architecture(), a.cost(), a.predictedLatencyMs());
    Entry e = new Entry(c, child.screened().genome());
    entries.put(c.id(), e);
    seen.add(child.screened().key());
    pending.addLast(c.id());
    draws++;
  }

  /** Breeding fails only when the constraints cannot be met; the search then fails, saying why. */
  private void guarded(Runnable breeding) {
    if (failure.isPresent()) {
      return;
    }
    try {
      breeding.run();
    } catch (InvalidInputException e) {
      failure = Optional.of(e.getMessage());
    }
  }
}
