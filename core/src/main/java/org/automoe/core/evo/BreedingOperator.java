package org.automoe.core.evo;

/** How one child of asynchronous breeding is drawn. */
public enum BreedingOperator {
  /** A uniform random architecture (the first population). */
  RANDOM,
  /** A mutant of one tournament winner. */
  MUTATION,
  /** A crossover of two tournament winners. */
  CROSSOVER
}
