package org.automoe.core.evo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.Fixtures;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;

class TournamentSelectionTest {
  private static List<Individual> population(int n) {
    CostModel cost = new CostModel(CostSettings.of(BuiltInSpaces.paper(6)));
    List<Individual> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var arch = Fixtures.dense(3072, 1, -1);
      out.add(
          new Individual(new Candidate(i + 1, 0, 0, arch, cost.cost(arch), Double.NaN), null, i));
    }
    return out;
  }

  @Test
  void aTournamentOfThePopulationSizeFavoursTheBest() {
    List<Individual> pop = population(10);
    List<Individual> picked = new TournamentSelection(50).select(pop, 5, Seeds.rng(1));
    picked.forEach(i -> assertEquals(0.0, i.validationLoss()));
  }

  @Test
  void sizeOneIsUniformAndReplays() {
    List<Individual> pop = population(10);
    List<Individual> a = new TournamentSelection(1).select(pop, 200, Seeds.rng(2));
    assertEquals(a, new TournamentSelection(1).select(pop, 200, Seeds.rng(2)));
    assertTrue(a.stream().map(Individual::validationLoss).distinct().count() == 10);
  }
}
