package org.automoe.core.evo.pareto;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The non-dominated set of everything offered so far, over minimised objectives. An item equal in
 * every objective to one already kept is not added, so the first to reach a point keeps it.
 *
 * @param <T> the items kept
 */
public final class ParetoArchive<T> {
  private final Function<T, double[]> objectives;
  private final List<T> items = new ArrayList<>();
  private final List<double[]> points = new ArrayList<>();

  public ParetoArchive(Function<T, double[]> objectives) {
    this.objectives = objectives;
  }

  /** Offers an item; returns true when it joined the front (possibly evicting others). */
  public boolean offer(T item) {
    double[] p = objectives.apply(item);
    for (double[] q : points) {
      if (Dominance.weaklyDominates(q, p)) {
        return false;
      }
    }
    Iterator<T> it = items.iterator();
    Iterator<double[]> pt = points.iterator();
    while (it.hasNext()) {
      it.next();
      if (Dominance.dominates(p, pt.next())) {
        it.remove();
        pt.remove();
      }
    }
    items.add(item);
    points.add(p);
    return true;
  }

  /** The current front, in the order items joined. */
  public List<T> front() {
    return List.copyOf(items);
  }

  public int size() {
    return items.size();
  }
}
