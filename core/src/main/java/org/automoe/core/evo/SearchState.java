package org.automoe.core.evo;

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
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Genome;

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
  private final Breeder breeder;
  private final RandomSampler sampler;
  private final Mutation mutation;
  private final Crossover crossover;
  private final Selection tournament;

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

  public SearchState(SearchJobSpec spec, Screen screen, Settings settings) {
    this.spec = spec;
    this.settings = settings;
    this.step = new GenerationalStep(screen, spec.evolution());
    this.breeder = new Breeder(screen, spec.evolution().maxDrawsPerChild(), SCREEN_ROUND);
    this.sampler = new RandomSampler(screen.layout());
    this.mutation = new ResamplingMutation(screen.layout(), spec.evolution().mutationProbability());
    this.crossover = new UniformCrossover(screen.layout(), spec.evolution().crossoverProbability());
    this.tournament = new TournamentSelection(settings.tournamentSize());
    if (spec.mode() == SearchMode.GENERATIONAL) {
      guarded(() -> enqueue(step.initial(spec.seed(), this::isNew), 0));
    }
  }

  public SearchJobSpec spec() {
    return spec;
  }

  /**
   * Leases up to {@code max} candidates to {@code worker}, breeding them first in async mode. Empty
   * when nothing can be handed out now (a generation barrier, the budget spent, or a failure).
   */
  public List<EvaluationRequest> lease(int max, String worker, long nowMs) {
    int n = Math.min(max, settings.maxLeasesPerPull());
    if (spec.mode() == SearchMode.ASYNC) {
      guarded(() -> breedAsync(n - pending.size()));
    }
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

  /**
   * Breeds up to {@code wanted} children in batches (one latency-predictor call per batch): random
   * ones until the first population is drawn, then mutants and crossovers of tournament winners of
   * the current population.
   */
  private void breedAsync(int wanted) {
    int populationSize = spec.evolution().population();
    while (wanted > 0 && entries.size() < spec.budget()) {
      int count = Math.min(wanted, spec.budget() - entries.size());
      int initialLeft = populationSize - entries.size();
      Breeder.Recipe recipe;
      if (initialLeft > 0 || population.size() < 2) {
        count = initialLeft > 0 ? Math.min(count, initialLeft) : count;
        recipe = sampler::sample;
      } else {
        List<Individual> members = List.copyOf(population);
        recipe = rng -> rng.nextBoolean() ? mutate(members, rng) : cross(members, rng);
      }
      Breeder.Batch b =
          breeder.breed(count, Seeds.derive(spec.seed(), 3, entries.size()), recipe, this::isNew);
      rejected += b.rejectedByConstraint() + b.duplicates();
      draws += b.rejectedByConstraint() + b.duplicates();
      b.children().forEach(child -> add(child, 0));
      wanted -= count;
    }
  }

  private Genome mutate(List<Individual> members, RandomGenerator rng) {
    return mutation.mutate(tournament.select(members, 1, rng).get(0).genome(), rng);
  }

  private Genome cross(List<Individual> members, RandomGenerator rng) {
    List<Individual> two = tournament.select(members, 2, rng);
    return crossover.cross(two.get(0).genome(), two.get(1).genome(), rng);
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
