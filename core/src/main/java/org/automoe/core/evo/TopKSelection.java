package org.automoe.core.evo;

import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The paper's parent selection: the {@code count} individuals of lowest validation loss; ties go to
 * the older candidate (lower id), so the choice does not depend on list order.
 */
public final class TopKSelection implements Selection {
  public static final Comparator<Individual> BY_LOSS =
      Comparator.comparingDouble(Individual::validationLoss)
          .thenComparingLong(i -> i.candidate().id());

  /** The {@code count} best; needs no random draw. */
  public static List<Individual> best(List<Individual> population, int count) {
    return population.stream().sorted(BY_LOSS).limit(count).toList();
  }

  @Override
  public List<Individual> select(List<Individual> population, int count, RandomGenerator rng) {
    return best(population, count);
  }
}
