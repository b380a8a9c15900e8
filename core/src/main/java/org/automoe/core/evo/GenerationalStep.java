package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.constraint.Screen;

/**
 * One generation of HAT/AutoMoE's evolution as a pure function: keep the best parents, breed
 * mutants and crossovers from them, redraw children that break a constraint or repeat an
 * architecture already seen. The actors drive the same step asynchronously that {@link
 * GenerationalSearch} drives synchronously.
 */
public final class GenerationalStep {
  private final EvolutionSettings settings;
  private final Breeder breeder;
  private final RandomSampler sampler;
  private final Mutation mutation;
  private final Crossover crossover;

  public GenerationalStep(Screen screen, EvolutionSettings settings) {
    this.settings = settings;
    this.breeder = new Breeder(screen, settings.maxDrawsPerChild());
    this.sampler = new RandomSampler(screen.layout());
    this.mutation = new ResamplingMutation(screen.layout(), settings.mutationProbability());
    this.crossover = new UniformCrossover(screen.layout(), settings.crossoverProbability());
  }

  public EvolutionSettings settings() {
    return settings;
  }

  /** Children of one generation, with the draws that were redrawn. */
  public record Offspring(List<Breeder.Child> children, int rejectedByConstraint, int duplicates) {}

  /** The initial population: uniform random architectures that meet the constraints. */
  public Offspring initial(long rootSeed, Predicate<String> isNew) {
    Breeder.Batch b =
        breeder.breed(settings.population(), Seeds.derive(rootSeed, 0, 0), sampler::sample, isNew);
    return new Offspring(b.children(), b.rejectedByConstraint(), b.duplicates());
  }

  /** The parents kept from an evaluated population: lowest validation loss first. */
  public List<Individual> parents(List<Individual> population) {
    return TopKSelection.best(population, settings.parents());
  }

  /**
   * Mutants, then crossovers, of generation {@code generation} (from 1) bred from {@code parents}.
   */
  public Offspring breed(
      List<Individual> parents, long rootSeed, int generation, Predicate<String> isNew) {
    if (parents.isEmpty()) {
      throw new IllegalArgumentException("cannot breed without parents");
    }
    Breeder.Batch mutants =
        breeder.breed(
            settings.mutants(),
            Seeds.derive(rootSeed, generation, 1),
            rng -> mutation.mutate(pick(parents, rng).genome(), rng),
            isNew);
    Set<String> taken = new HashSet<>();
    mutants.children().forEach(c -> taken.add(c.screened().key()));
    Breeder.Batch crosses =
        breeder.breed(
            settings.crossovers(),
            Seeds.derive(rootSeed, generation, 2),
            rng -> cross(parents, rng),
            isNew.and(k -> !taken.contains(k)));
    List<Breeder.Child> children = new ArrayList<>(mutants.children());
    children.addAll(crosses.children());
    return new Offspring(
        children,
        mutants.rejectedByConstraint() + crosses.rejectedByConstraint(),
        mutants.duplicates() + crosses.duplicates());
  }

  private Genome cross(List<Individual> parents, RandomGenerator rng) {
    int a = rng.nextInt(parents.size());
    int b = parents.size() > 1 ? rng.nextInt(parents.size() - 1) : 0;
    if (parents.size() > 1 && b >= a) {
      b++;
    }
    return crossover.cross(parents.get(a).genome(), parents.get(b).genome(), rng);
  }

  private static Individual pick(List<Individual> parents, RandomGenerator rng) {
    return parents.get(rng.nextInt(parents.size()));
  }
}
