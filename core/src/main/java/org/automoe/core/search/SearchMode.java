package org.automoe.core.search;

/** How candidates are bred. */
public enum SearchMode {
  /** The paper's generations: parents, mutants and crossovers per generation. */
  GENERATIONAL,
  /** Steady state: a child is bred whenever an evaluator pulls work; no generation barrier. */
  ASYNC
}
