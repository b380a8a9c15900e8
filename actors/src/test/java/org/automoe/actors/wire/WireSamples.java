package org.automoe.actors.wire;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** Seeded domain values for round-trip tests. */
final class WireSamples {
  private WireSamples() {}

  static List<Architecture> architectures(SearchSpace space, int n) {
    GenomeLayout layout = new GenomeLayout(space);
    RandomSampler sampler = new RandomSampler(layout);
    List<Architecture> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(layout.decode(sampler.sample(Seeds.rng(Seeds.derive(99, i)))));
    }
    return out;
  }

  static Candidate candidate(long id) {
    SearchSpace space = BuiltInSpaces.paper(6);
    Architecture a = architectures(space, (int) id).get((int) id - 1);
    return new Candidate(
        id, Seeds.derive(1, id), 3, a, new CostModel(CostSettings.of(space)).cost(a), 12.5 * id);
  }
}
