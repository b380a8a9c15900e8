package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.constraint.Screen;

/**
 * Draws children until enough pass the screen (test-and-redraw). Draw k of a batch uses its own
 * seed derived from the batch seed, so any child can be replayed from its recorded seed alone.
 */
public final class Breeder {
  /** How one child is made from a random generator. */
  @FunctionalInterface
  public interface Recipe {
    Genome make(RandomGenerator rng);
  }

  /** An accepted child and the seed it was drawn from. */
  public record Child(Screen.Screened screened, long seed) {}

  /** Accepted children, plus the draws rejected by a constraint or as duplicates. */
  public record Batch(List<Child> children, int rejectedByConstraint, int duplicates) {}

  private final Screen screen;
  private final int maxDrawsPerChild;

  /** Each round screens as many draws as children are still needed, in one predictor call. */
  public Breeder(Screen screen, int maxDrawsPerChild) {
    this.screen = screen;
    this.maxDrawsPerChild = maxDrawsPerChild;
  }

  /**
   * {@code count} children that meet the constraints, are new to {@code isNew} and differ from each
   * other. The result depends only on the seeds of the draws used, not on how they were batched.
   */
  public Batch breed(int count, long batchSeed, Recipe recipe, Predicate<String> isNew) {
    List<Child> out = new ArrayList<>(count);
    Set<String> keys = new HashSet<>();
    int rejected = 0;
    int duplicates = 0;
    long draws = 0;
    long limit = (long) maxDrawsPerChild * Math.max(count, 1);
    while (out.size() < count) {
      if (draws >= limit) {
        throw new InvalidInputException(
            "only "
                + out.size()
                + " of "
                + count
                + " children met the constraints after "
                + draws
                + " draws ("
                + rejected
                + " broke a constraint, "
                + duplicates
                + " were duplicates); loosen the limits or enlarge the space");
      }
      int round = (int) Math.min(count - out.size(), limit - draws);
      List<Long> seeds = new ArrayList<>(round);
      List<Genome> genomes = new ArrayList<>(round);
      for (int k = 0; k < round; k++) {
        long seed = Seeds.derive(batchSeed, draws + k);
        seeds.add(seed);
        genomes.add(recipe.make(Seeds.rng(seed)));
      }
      List<Screen.Screened> screened = screen.screen(genomes);
      for (int k = 0; k < round && out.size() < count; k++) {
        draws++;
        Screen.Screened s = screened.get(k);
        if (!s.accepted()) {
          rejected++;
        } else if (!isNew.test(s.key()) || !keys.add(s.key())) {
          duplicates++;
        } else {
          out.add(new Child(s, seeds.get(k)));
        }
      }
    }
    return new Batch(out, rejected, duplicates);
  }
}
