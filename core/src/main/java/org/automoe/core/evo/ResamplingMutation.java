package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;

/**
 * HAT's mutation: each gene, and each expert width, is redrawn uniformly with probability {@code
 * probability} (0.3 in the paper); width lists are then repaired to the new expert counts.
 */
public final class ResamplingMutation implements Mutation {
  private final GenomeLayout layout;
  private final double probability;

  public ResamplingMutation(GenomeLayout layout, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new InvalidInputException(
          "mutation probability must be in [0, 1], but was " + probability);
    }
    this.layout = layout;
    this.probability = probability;
  }

  @Override
  public Genome mutate(Genome parent, RandomGenerator rng) {
    List<Integer> genes = new ArrayList<>(parent.genes());
    for (int i = 0; i < genes.size(); i++) {
      if (rng.nextDouble() < probability) {
        genes.set(i, RandomSampler.pick(layout.choices(i), rng));
      }
    }
    List<List<Integer>> widths = new ArrayList<>(parent.expertWidths().size());
    for (int j = 0; j < parent.expertWidths().size(); j++) {
      List<Integer> w = new ArrayList<>(parent.expertWidths().get(j));
      for (int e = 0; e < w.size(); e++) {
        if (rng.nextDouble() < probability) {
          w.set(e, RandomSampler.pick(layout.widthChoices(j), rng));
        }
      }
      widths.add(w);
    }
    return new Genome(genes, ExpertWidthRepair.repair(layout, genes, widths, rng));
  }
}
