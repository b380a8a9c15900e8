package org.automoe.core.evo.pareto;

/** Pareto dominance over objective vectors that are all minimised. */
public final class Dominance {
  private Dominance() {}

  /** True when {@code a} is no worse than {@code b} everywhere and better somewhere. */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      if (a[i] < b[i]) {
        better = true;
      }
    }
    return better;
  }

  /** True when {@code a} is no worse than {@code b} in every objective. */
  public static boolean weaklyDominates(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
    }
    return true;
  }
}
