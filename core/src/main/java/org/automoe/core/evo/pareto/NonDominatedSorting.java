package org.automoe.core.evo.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb et al. 2002, NSGA-II): splits points into fronts, front 0 being
 * the Pareto front.
 */
public final class NonDominatedSorting {
  private NonDominatedSorting() {}

  /** Indexes of {@code points} grouped by front, each front in ascending index order. */
  public static List<List<Integer>> fronts(List<double[]> points) {
    int n = points.size();
    List<List<Integer>> dominated = new ArrayList<>(n);
    int[] dominatedBy = new int[n];
    List<Integer> current = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      dominated.add(new ArrayList<>());
      for (int q = 0; q < n; q++) {
        if (Dominance.dominates(points.get(p), points.get(q))) {
          dominated.get(p).add(q);
        } else if (Dominance.dominates(points.get(q), points.get(p))) {
          dominatedBy[p]++;
        }
      }
      if (dominatedBy[p] == 0) {
        current.add(p);
      }
    }
    List<List<Integer>> fronts = new ArrayList<>();
    while (!current.isEmpty()) {
      fronts.add(current);
      List<Integer> next = new ArrayList<>();
      for (int p : current) {
        for (int q : dominated.get(p)) {
          if (--dominatedBy[q] == 0) {
            next.add(q);
          }
        }
      }
      next.sort(Integer::compare);
      current = next;
    }
    return fronts;
  }
}
