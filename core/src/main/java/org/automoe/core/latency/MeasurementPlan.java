package org.automoe.core.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.SearchSpace;

/**
 * Which architectures a latency dataset measures: half uniform draws from the space, half
 * stratified by FLOPs (equal-width FLOPs bands from the smallest to the largest architecture, one
 * draw per band), so small and large models are both well covered; uniform draws alone crowd the
 * middle. The list comes shuffled, so drift of the machine over a long measurement spreads over all
 * sizes. The same space, count and seed give the same list in the same order, which is what lets an
 * interrupted measurement resume.
 */
public final class MeasurementPlan {
  private MeasurementPlan() {}

  public static List<Architecture> of(SearchSpace space, int count, long seed) {
    if (count < 1) {
      throw new InvalidInputException("samples must be at least 1, but was " + count);
    }
    GenomeLayout layout = new GenomeLayout(space);
    RandomSampler sampler = new RandomSampler(layout);
    CostModel cost = new CostModel(CostSettings.of(space));
    Map<String, Architecture> chosen = new LinkedHashMap<>();
    RandomGenerator uniform = Seeds.rng(Seeds.derive(seed, 1));
    int uniformCount = count - count / 2;
    for (int tries = 0; chosen.size() < uniformCount && tries < 100 * count; tries++) {
      Architecture a = layout.decode(sampler.sample(uniform));
      chosen.putIfAbsent(a.key(), a);
    }
    // A large pool leaning towards every size in turn, then the first unused member of each
    // FLOPs band: uniform draws alone rarely reach the largest models.
    RandomGenerator poolRng = Seeds.rng(Seeds.derive(seed, 2));
    List<Architecture> pool = new ArrayList<>();
    for (int i = 0; i < 30 * count; i++) {
      pool.add(layout.decode(leaning(layout, (i % 11) / 10.0, poolRng)));
    }
    pool.add(Extremes.smallest(space));
    pool.add(Extremes.largest(space, false));
    double lo = cost.cost(Extremes.smallest(space)).flops();
    double hi = cost.cost(Extremes.largest(space, false)).flops();
    int bands = count - chosen.size();
    List<List<Architecture>> byBand = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      byBand.add(new ArrayList<>());
    }
    for (Architecture a : pool) {
      double f = cost.cost(a).flops();
      int b = (int) Math.min(bands - 1, Math.max(0, (f - lo) / (hi - lo + 1e-9) * bands));
      byBand.get(b).add(a);
    }
    // Empty bands (the extremes are sparse) borrow from the nearest band that has spares.
    for (int b = 0; b < bands && chosen.size() < count; b++) {
      for (int offset = 0; offset < bands; offset++) {
        Architecture pick = firstUnused(byBand, b - offset, chosen);
        if (pick == null) {
          pick = firstUnused(byBand, b + offset, chosen);
        }
        if (pick != null) {
          chosen.put(pick.key(), pick);
          break;
        }
      }
    }
    List<Architecture> out = new ArrayList<>(chosen.values());
    if (out.size() < count) {
      throw new InvalidInputException(
          "space '" + space.name() + "' has fewer than " + count + " distinct architectures");
    }
    // Measured in a seeded random order: a machine that drifts during a long measurement (other
    // load, clock changes) must not bias small or large models, as it would in band order.
    Collections.shuffle(out, new Random(Seeds.derive(seed, 3)));
    return out;
  }

  /**
   * A genome whose genes and expert widths take, with probability 0.7 each, the choice at {@code
   * level} of their range (0 the smallest, 1 the largest), else a uniform one.
   */
  static Genome leaning(GenomeLayout layout, double level, RandomGenerator rng) {
    List<Integer> genes = new ArrayList<>(layout.geneCount());
    for (int i = 0; i < layout.geneCount(); i++) {
      genes.add(lean(layout.choices(i), level, rng));
    }
    List<List<Integer>> widths = new ArrayList<>(layout.widthListCount());
    for (int j = 0; j < layout.widthListCount(); j++) {
      List<Integer> list = new ArrayList<>();
      for (int e = 0; e < genes.get(layout.expertCountGene(j)); e++) {
        list.add(lean(layout.widthChoices(j), level, rng));
      }
      widths.add(list);
    }
    return new Genome(genes, widths);
  }

  private static int lean(List<Integer> choices, double level, RandomGenerator rng) {
    return rng.nextDouble() < 0.7
        ? choices.get((int) Math.round(level * (choices.size() - 1)))
        : choices.get(rng.nextInt(choices.size()));
  }

  private static Architecture firstUnused(
      List<List<Architecture>> byBand, int band, Map<String, Architecture> chosen) {
    if (band < 0 || band >= byBand.size()) {
      return null;
    }
    return byBand.get(band).stream()
        .filter(a -> !chosen.containsKey(a.key()))
        .findFirst()
        .orElse(null);
  }
}
