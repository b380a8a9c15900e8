package org.automoe.core.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.constraint.Screen;

/**
 * Steady-state aging evolution (regularized evolution, Real et al. 2019): children are bred in
 * rounds whenever work is wanted, from tournament winners of the population, and each evaluated
 * individual pushes out the oldest, however good. No evaluator waits for a generation barrier.
 *
 * <p>Draw {@code n} of the search has seed {@code Seeds.derive(seed, 3, n)}, counted across rounds,
 * so the children depend only on the seed and the results taken in, not on who bred them.
 */
final class AgingPopulation implements PopulationStrategy {
  /** Draws screened per latency-predictor call: one DJL call costs ~100 us. */
  private static final int SCREEN_ROUND = 64;

  private final Screen screen;
  private final EvolutionSettings evolution;
  private final long seed;
  private final long cap;

  /** Oldest first. */
  private final Deque<Individual> population = new ArrayDeque<>();

  private Optional<BreedingRound> open = Optional.empty();
  private long nextRoundId = 1;
  private long drawsOpened;
  private long bred;
  private long fruitlessBrokeConstraint;
  private long fruitlessDuplicates;

  /**
   * @param cap candidates bred at most ({@link Long#MAX_VALUE} for a search without limit)
   */
  AgingPopulation(Screen screen, EvolutionSettings evolution, long seed, long cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("the cap must allow 1 candidate at least, but was " + cap);
    }
    this.screen = screen;
    this.evolution = evolution;
    this.seed = seed;
    this.cap = cap;
  }

  static AgingPopulation of(SearchJobSpec spec, Screen screen) {
    long cap;
    if (spec.length() instanceof SearchLength.Budget budget) {
      cap = budget.evaluations();
    } else if (spec.length() instanceof SearchLength.Unbounded) {
      cap = Long.MAX_VALUE;
    } else {
      throw new IllegalArgumentException(
          "steady-state search needs a budget or no limit, but was given "
              + spec.length().describe());
    }
    return new AgingPopulation(screen, spec.evolution(), spec.seed(), cap);
  }

  @Override
  public Brood start(Predicate<String> isNew) {
    return Brood.NONE;
  }

  @Override
  public void accept(Individual individual) {
    population.addLast(individual);
    if (population.size() > evolution.population()) {
      population.pollFirst(); // aging: the oldest leaves, however good
    }
  }

  @Override
  public Brood settled(Predicate<String> isNew) {
    return Brood.NONE;
  }

  /**
   * Random draws until the first population is drawn, then mutants and crossovers of tournament
   * winners of the current population, up to three draws per child so one predictor call usually
   * yields them all. Empty while another round is open or once the cap is bred.
   */
  @Override
  public Optional<BreedingRound> openRound(int wanted) {
    long left = cap - bred;
    if (open.isPresent() || wanted < 1 || left < 1) {
      return Optional.empty();
    }
    int n = (int) Math.min(wanted, left);
    long initialLeft = evolution.population() - bred;
    boolean random = initialLeft > 0 || population.size() < 2;
    if (initialLeft > 0) {
      n = (int) Math.min(n, initialLeft);
    }
    int size = Math.max(n, Math.min(SCREEN_ROUND, 3 * n));
    List<BreedingRound.Draw> draws = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      long drawSeed = Seeds.derive(seed, 3, drawsOpened++);
      BreedingOperator op =
          random
              ? BreedingOperator.RANDOM
              : Seeds.rng(Seeds.derive(drawSeed, 1)).nextBoolean()
                  ? BreedingOperator.MUTATION
                  : BreedingOperator.CROSSOVER;
      draws.add(new BreedingRound.Draw(op, drawSeed));
    }
    BreedingRound round =
        new BreedingRound(nextRoundId++, draws, random ? List.of() : List.copyOf(population), n);
    open = Optional.of(round);
    return open;
  }

  /** Children that meet the constraints and are new become candidates, up to what was wanted. */
  @Override
  public Brood closeRound(
      BreedingRound round,
      List<Genome> children,
      List<Architecture> archs,
      double[] latencyMs,
      Predicate<String> isNew) {
    BreedingRound r =
        open.filter(o -> o.id() == round.id())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "breeding round " + round.id() + " is not the open one"));
    if (children.size() != r.draws().size()) {
      throw new IllegalStateException(
          "round " + r.id() + " has " + r.draws().size() + " draws, not " + children.size());
    }
    try {
      return admit(r, screen.judge(children, archs, latencyMs), isNew);
    } finally {
      open = Optional.empty();
    }
  }

  @Override
  public boolean failRound(BreedingRound round) {
    if (open.isEmpty() || open.get().id() != round.id()) {
      return false;
    }
    open = Optional.empty();
    return true;
  }

  @Override
  public boolean breeding() {
    return open.isPresent();
  }

  @Override
  public boolean exhausted() {
    return bred >= cap;
  }

  @Override
  public int generation() {
    return 0;
  }

  @Override
  public SearchSnapshot.Population snapshot() {
    return new SearchSnapshot.Aging(
        List.copyOf(population),
        open,
        nextRoundId,
        drawsOpened,
        bred,
        fruitlessBrokeConstraint,
        fruitlessDuplicates);
  }

  @Override
  public void restore(SearchSnapshot.Population snapshot) {
    if (!(snapshot instanceof SearchSnapshot.Aging a)) {
      throw new IllegalStateException(
          "snapshot does not fit: it holds generations, not a steady-state population");
    }
    population.clear();
    population.addAll(a.members());
    open = a.open();
    nextRoundId = a.nextRoundId();
    drawsOpened = a.drawsOpened();
    bred = a.bred();
    fruitlessBrokeConstraint = a.fruitlessBrokeConstraint();
    fruitlessDuplicates = a.fruitlessDuplicates();
  }

  /**
   * Takes children in draw order; once {@code maxDrawsPerChild} draws in a row (across rounds) gave
   * nothing, the constraints are taken as unsatisfiable and breeding fails, saying why.
   */
  private Brood admit(
      BreedingRound round, List<Screen.Screened> screened, Predicate<String> isNew) {
    List<Breeder.Child> kids = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    long rejected = 0;
    for (int k = 0; k < screened.size() && kids.size() < round.accept() && bred < cap; k++) {
      Screen.Screened s = screened.get(k);
      if (!s.accepted() || !isNew.test(s.key()) || taken.contains(s.key())) {
        rejected++;
        if (s.accepted()) {
          fruitlessDuplicates++;
        } else {
          fruitlessBrokeConstraint++;
        }
      } else {
        kids.add(new Breeder.Child(s, round.draws().get(k).seed()));
        taken.add(s.key());
        bred++;
        fruitlessBrokeConstraint = 0;
        fruitlessDuplicates = 0;
      }
    }
    long fruitless = fruitlessBrokeConstraint + fruitlessDuplicates;
    Optional<String> failure = Optional.empty();
    if (fruitless >= evolution.maxDrawsPerChild()) {
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
    return new Brood(kids, 0, rejected, failure);
  }
}
