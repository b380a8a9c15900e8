package org.automoe.core.evo.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {
  @Test
  void sortsPointsIntoFronts() {
    List<double[]> points =
        List.of(
            new double[] {1, 5}, // 0: front 0
            new double[] {2, 2}, // 1: front 0
            new double[] {5, 1}, // 2: front 0
            new double[] {3, 3}, // 3: dominated by 1
            new double[] {4, 4}, // 4: dominated by 1 and 3
            new double[] {2, 2}); // 5: equal to 1, so front 0 too
    assertEquals(
        List.of(List.of(0, 1, 2, 5), List.of(3), List.of(4)), NonDominatedSorting.fronts(points));
  }

  @Test
  void dominanceNeedsOneStrictImprovement() {
    assertTrue(Dominance.dominates(new double[] {1, 2}, new double[] {1, 3}));
    assertFalse(Dominance.dominates(new double[] {1, 2}, new double[] {1, 2}));
    assertFalse(Dominance.dominates(new double[] {0, 3}, new double[] {1, 2}));
  }

  @Test
  void archiveKeepsOnlyTheNonDominatedAndTheFirstOfEqualPoints() {
    ParetoArchive<double[]> archive = new ParetoArchive<>(p -> p);
    double[] a = {3, 3};
    double[] b = {1, 5};
    double[] c = {2, 2};
    assertTrue(archive.offer(a));
    assertTrue(archive.offer(b));
    assertTrue(archive.offer(c), "c dominates a");
    assertEquals(List.of(b, c), archive.front());
    assertFalse(archive.offer(new double[] {2, 2}), "equal to c");
    assertFalse(archive.offer(new double[] {4, 4}));
    assertEquals(2, archive.size());
  }
}
