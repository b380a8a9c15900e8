package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.BreedingOperator;
import org.junit.jupiter.api.Test;

/** What every population strategy promises; each implementation's test extends this. */
abstract class PopulationStrategyTester {

  /** A fresh strategy for a short search from {@code seed}. */
  abstract PopulationStrategy strategy(long seed);

  /**
   * Drives a strategy synchronously the way {@link SearchState} does: breeds when nothing is
   * queued, evaluates queued children in order and settles each. Returns every child bred, as
   * {@code key@seed}, in order; fails if a child repeats an architecture or breaks the limits.
   */
  static List<String> drive(PopulationStrategy p) {
    Set<String> seen = new HashSet<>();
    Predicate<String> isNew = k -> !seen.contains(k);
    Deque<Breeder.Child> queue = new ArrayDeque<>();
    List<String> bred = new ArrayList<>();
    take(p.start(isNew), seen, queue, bred);
    long id = 1;
    while (!p.exhausted() || !queue.isEmpty()) {
      assertTrue(id < 10_000, "the search must end");
      if (queue.isEmpty()) {
        BreedingRound round =
            p.openRound(8)
                .orElseThrow(() -> new AssertionError("nothing queued, nothing to breed"));
        take(SearchSamples.close(p, round, isNew), seen, queue, bred);
        continue;
      }
      p.accept(SearchSamples.evaluated(queue.pollFirst(), id++));
      take(p.settled(isNew), seen, queue, bred);
    }
    return bred;
  }

  private static void take(
      PopulationStrategy.Brood brood,
      Set<String> seen,
      Deque<Breeder.Child> queue,
      List<String> bred) {
    assertTrue(brood.failure().isEmpty(), brood.failure().toString());
    for (Breeder.Child c : brood.children()) {
      assertTrue(c.screened().accepted(), "breaks a limit: " + c.screened().violation());
      assertTrue(seen.add(c.screened().key()), "bred twice: " + c.screened().key());
      queue.addLast(c);
      bred.add(c.screened().key() + "@" + c.seed());
    }
  }

  @Test
  void breedsNewArchitecturesWithinTheLimitsUntilItEnds() {
    PopulationStrategy p = strategy(1);
    List<String> bred = drive(p);
    assertTrue(bred.size() > SearchSamples.EVOLUTION.population(), "bred " + bred.size());
    assertTrue(p.exhausted());
    assertFalse(p.breeding());
  }

  @Test
  void replaysFromItsSeed() {
    assertEquals(drive(strategy(5)), drive(strategy(5)));
    assertNotEquals(drive(strategy(5)), drive(strategy(6)));
  }

  @Test
  void refusesToCloseARoundThatIsNotOpen() {
    PopulationStrategy p = strategy(1);
    p.start(k -> true);
    BreedingRound stranger =
        new BreedingRound(
            99, List.of(new BreedingRound.Draw(BreedingOperator.RANDOM, 1)), List.of(), 1);
    assertThrows(IllegalStateException.class, () -> SearchSamples.close(p, stranger, k -> true));
    assertFalse(p.failRound(stranger));
    assertFalse(p.breeding());
  }
}
