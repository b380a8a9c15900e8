package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;

/**
 * Draws genomes with every gene and every expert width uniform and independent (the paper's
 * sampling).
 */
public final class RandomSampler {
  private final GenomeLayout layout;

  public RandomSampler(GenomeLayout layout) {
    this.layout = layout;
  }

  public Genome sample(RandomGenerator rng) {
    List<Integer> genes = new ArrayList<>(layout.geneCount());
    for (int i = 0; i < layout.geneCount(); i++) {
      genes.add(pick(layout.choices(i), rng));
    }
    List<List<Integer>> widths = new ArrayList<>(layout.widthListCount());
    for (int j = 0; j < layout.widthListCount(); j++) {
      widths.add(
          ExpertWidthRepair.draw(
              layout.widthChoices(j), genes.get(layout.expertCountGene(j)), rng));
    }
    return new Genome(genes, widths);
  }

  static int pick(List<Integer> choices, RandomGenerator rng) {
    return choices.get(rng.nextInt(choices.size()));
  }
}
