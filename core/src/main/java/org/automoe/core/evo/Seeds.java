package org.automoe.core.evo;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Derives independent seeds from a root seed and a path (generation, child, attempt...), so each
 * draw can be replayed alone, on any node, in any order.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for {@code path} under {@code root}; distinct paths give unrelated seeds. */
  public static long derive(long root, long... path) {
    long h = mix(root ^ 0x6A09E667F3BCC909L);
    for (long p : path) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /**
   * A generator for one seed. SplittableRandom's algorithm is specified, so draws replay across
   * JVMs.
   */
  public static RandomGenerator rng(long seed) {
    return new SplittableRandom(seed);
  }

  /** SplitMix64's finaliser: spreads the bits of {@code z} over all 64. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
