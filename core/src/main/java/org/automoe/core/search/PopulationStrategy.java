package org.automoe.core.search;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.constraint.Screen;

/**
 * How a search breeds and which individuals breed on: the paper's generations ({@link
 * GenerationalPopulation}) or steady-state aging ({@link AgingPopulation}). {@link SearchState}
 * holds one, chosen once from the mode, so its transitions never ask which mode they run in; the
 * strategy never sees leases, and hands what it bred back as a {@link Brood} for the state to take
 * in.
 *
 * <p>Only the aging population breeds in rounds; the generational one never opens one, so its
 * {@link #openRound} is always empty.
 */
interface PopulationStrategy {

  /**
   * What one breeding step produced.
   *
   * @param children the new candidates, in the order their ids are given
   * @param generation the generation they belong to (0 in steady state)
   * @param rejected draws that broke a constraint or repeated an architecture
   * @param failure why breeding cannot go on, if it cannot: the search fails
   */
  record Brood(
      List<Breeder.Child> children, int generation, long rejected, Optional<String> failure) {
    static final Brood NONE = new Brood(List.of(), 0, 0, Optional.empty());

    public Brood {
      children = List.copyOf(children);
      if (generation < 0 || rejected < 0) {
        throw new IllegalArgumentException(
            "generation and rejected draws must not be negative, but were "
                + generation
                + " and "
                + rejected);
      }
    }
  }

  /** The strategy for {@code spec}'s mode. */
  static PopulationStrategy of(SearchJobSpec spec, Screen screen) {
    return switch (spec.mode()) {
      case GENERATIONAL -> GenerationalPopulation.of(spec, screen);
      case ASYNC -> AgingPopulation.of(spec, screen);
    };
  }

  /** The candidates a search starts with, before any work is pulled. */
  Brood start(Predicate<String> isNew);

  /** An evaluated individual joins the population. */
  void accept(Individual individual);

  /** A candidate is done, evaluated or failed; may breed what comes next. */
  Brood settled(Predicate<String> isNew);

  /** Opens a round of breeding for up to {@code wanted} children; empty when none can open now. */
  Optional<BreedingRound> openRound(int wanted);

  /**
   * Closes the open round with its children (one per draw, in order) and their predicted latency;
   * throws {@link IllegalStateException} when {@code round} is not the open one.
   */
  Brood closeRound(
      BreedingRound round,
      List<Genome> children,
      List<Architecture> archs,
      double[] latencyMs,
      Predicate<String> isNew);

  /** Closes {@code round} without children; true when it was the open one. */
  boolean failRound(BreedingRound round);

  /** True while a round is open. */
  boolean breeding();

  /** True when nothing more will be bred: the search ends once its last candidates are answered. */
  boolean exhausted();

  /** The strategy's state as values, for a snapshot of the search. */
  SearchSnapshot.Population snapshot();

  /**
   * Takes the state of a {@link #snapshot} in, instead of {@link #start}ing.
   *
   * @throws IllegalStateException when it is another strategy's
   */
  void restore(SearchSnapshot.Population snapshot);

  /** The generation bred last (0 for the initial population, and always in steady state). */
  int generation();
}
