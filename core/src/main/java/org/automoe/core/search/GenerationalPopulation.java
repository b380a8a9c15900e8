package org.automoe.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.GenerationalStep;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.constraint.Screen;

/**
 * The paper's generations (HAT, AutoMoE): a population of random architectures, then per generation
 * the best parents with mutants and crossovers bred from them by {@link GenerationalStep}. A
 * generation is bred only once the previous one is fully evaluated, so the search replays exactly
 * from its seed whatever order results arrive in.
 */
final class GenerationalPopulation implements PopulationStrategy {
  private final GenerationalStep step;
  private final long seed;
  private final int iterations;

  /** This generation's members: the parents kept, then each child as it is evaluated. */
  private final List<Individual> members = new ArrayList<>();

  private int generation;
  private int unfinished;

  GenerationalPopulation(GenerationalStep step, long seed, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, but was " + iterations);
    }
    this.step = step;
    this.seed = seed;
    this.iterations = iterations;
  }

  static GenerationalPopulation of(SearchJobSpec spec, Screen screen) {
    if (!(spec.length() instanceof SearchLength.Iterations length)) {
      throw new IllegalArgumentException(
          "generational search needs iterations, but was given " + spec.length().describe());
    }
    return new GenerationalPopulation(
        new GenerationalStep(screen, spec.evolution()), spec.seed(), length.generations());
  }

  @Override
  public Brood start(Predicate<String> isNew) {
    return bred(step.initial(seed, isNew), 0);
  }

  @Override
  public void accept(Individual individual) {
    members.add(individual);
  }

  /** The last candidate of a generation breeds the next one from the best of this one. */
  @Override
  public Brood settled(Predicate<String> isNew) {
    unfinished--;
    if (unfinished != 0 || generation >= iterations) {
      return Brood.NONE;
    }
    List<Individual> parents = step.parents(List.copyOf(members));
    int next = generation + 1;
    GenerationalStep.Offspring kids = step.breed(parents, seed, next, isNew);
    members.clear();
    members.addAll(parents);
    return bred(kids, next);
  }

  @Override
  public Optional<BreedingRound> openRound(int wanted) {
    return Optional.empty();
  }

  @Override
  public Brood closeRound(
      BreedingRound round,
      List<Genome> children,
      List<Architecture> archs,
      double[] latencyMs,
      Predicate<String> isNew) {
    throw new IllegalStateException(
        "breeding round " + round.id() + " is not the open one: generations breed without rounds");
  }

  @Override
  public boolean failRound(BreedingRound round) {
    return false;
  }

  @Override
  public boolean breeding() {
    return false;
  }

  @Override
  public boolean exhausted() {
    return generation >= iterations && unfinished == 0;
  }

  @Override
  public int generation() {
    return generation;
  }

  @Override
  public SearchSnapshot.Population snapshot() {
    return new SearchSnapshot.Generational(List.copyOf(members), generation, unfinished);
  }

  @Override
  public void restore(SearchSnapshot.Population snapshot) {
    if (!(snapshot instanceof SearchSnapshot.Generational g)) {
      throw new IllegalStateException(
          "snapshot does not fit: it holds a steady-state population, not generations");
    }
    members.clear();
    members.addAll(g.members());
    generation = g.generation();
    unfinished = g.unfinished();
  }

  private Brood bred(GenerationalStep.Offspring offspring, int gen) {
    generation = gen;
    unfinished = offspring.children().size();
    return new Brood(
        offspring.children(),
        gen,
        offspring.rejectedByConstraint() + offspring.duplicates(),
        Optional.empty());
  }
}
