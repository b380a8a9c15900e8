package org.automoe.core.search;

import org.automoe.core.InvalidInputException;

/**
 * How long a search runs: a budget of evaluations, a number of generations, or until stopped. A
 * sealed type rather than two counts with zero for "absent", so a spec cannot carry both or
 * neither.
 */
public sealed interface SearchLength {

  /** A few words for logs and error messages, such as {@code "5000 evaluations"}. */
  String describe();

  /**
   * Async mode: stop once this many candidates are bred and answered.
   *
   * @param evaluations candidates bred, from 1
   */
  record Budget(int evaluations) implements SearchLength {
    public Budget {
      if (evaluations < 1) {
        throw new InvalidInputException(
            "a budget must allow at least 1 evaluation, but was " + evaluations);
      }
    }

    @Override
    public String describe() {
      return evaluations + " evaluations";
    }
  }

  /**
   * Generational mode: stop after this many generations bred from the initial population.
   *
   * @param generations generations after the initial population, from 1
   */
  record Iterations(int generations) implements SearchLength {
    public Iterations {
      if (generations < 1) {
        throw new InvalidInputException(
            "iterations must be at least 1 generation, but was " + generations);
      }
    }

    @Override
    public String describe() {
      return generations + " generations";
    }
  }

  /**
   * Async mode, continuous search: the search never finishes on its own, its owner stops it (a
   * service that keeps refining the front as evaluators come and go).
   */
  record Unbounded() implements SearchLength {
    @Override
    public String describe() {
      return "no limit (until stopped)";
    }
  }
}
