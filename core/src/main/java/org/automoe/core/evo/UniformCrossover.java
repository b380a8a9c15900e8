package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;

/**
 * HAT's crossover: each gene comes from the first parent with probability {@code probability} (0.5
 * in the paper), else from the second. Expert widths are crossed position by position where both
 * parents have that expert; the list follows the child's expert count.
 */
public final class UniformCrossover implements Crossover {
  private final GenomeLayout layout;
  private final double probability;

  public UniformCrossover(GenomeLayout layout, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new InvalidInputException(
          "crossover probability must be in [0, 1], but was " + probability);
    }
    this.layout = layout;
    this.probability = probability;
  }

  @Override
  public Genome cross(Genome first, Genome second, RandomGenerator rng) {
    List<Integer> genes = new ArrayList<>(first.genes().size());
    for (int i = 0; i < first.genes().size(); i++) {
      genes.add(rng.nextDouble() < probability ? first.genes().get(i) : second.genes().get(i));
    }
    List<List<Integer>> widths = new ArrayList<>(first.expertWidths().size());
    for (int j = 0; j < first.expertWidths().size(); j++) {
      List<Integer> a = first.expertWidths().get(j);
      List<Integer> b = second.expertWidths().get(j);
      int count = genes.get(layout.expertCountGene(j));
      List<Integer> w = new ArrayList<>(count);
      for (int e = 0; e < count; e++) {
        boolean inA = e < a.size();
        boolean inB = e < b.size();
        if (inA && inB) {
          w.add(rng.nextDouble() < probability ? a.get(e) : b.get(e));
        } else if (inA || inB) {
          w.add(inA ? a.get(e) : b.get(e));
        }
      }
      widths.add(w);
    }
    return new Genome(genes, ExpertWidthRepair.repair(layout, genes, widths, rng));
  }
}
