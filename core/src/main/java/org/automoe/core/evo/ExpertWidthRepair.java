package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.automoe.core.arch.GenomeLayout;

/**
 * Keeps each expert-width list as long as its layer's expert count: truncates when experts were
 * removed, pads with random widths when experts were added (REFERENCE section 5).
 */
public final class ExpertWidthRepair {
  private ExpertWidthRepair() {}

  /** Width lists adjusted to the expert counts in {@code genes}. */
  public static List<List<Integer>> repair(
      GenomeLayout layout, List<Integer> genes, List<List<Integer>> widths, RandomGenerator rng) {
    List<List<Integer>> out = new ArrayList<>(widths.size());
    for (int j = 0; j < widths.size(); j++) {
      out.add(
          fit(widths.get(j), genes.get(layout.expertCountGene(j)), layout.widthChoices(j), rng));
    }
    return out;
  }

  static List<Integer> fit(
      List<Integer> widths, int count, List<Integer> choices, RandomGenerator rng) {
    if (widths.size() == count) {
      return widths;
    }
    if (widths.size() > count) {
      return List.copyOf(widths.subList(0, count));
    }
    List<Integer> out = new ArrayList<>(widths);
    while (out.size() < count) {
      out.add(RandomSampler.pick(choices, rng));
    }
    return out;
  }

  static List<Integer> draw(List<Integer> choices, int count, RandomGenerator rng) {
    return fit(List.of(), count, choices, rng);
  }
}
