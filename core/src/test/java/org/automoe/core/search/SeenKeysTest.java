package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenKeysTest {
  @Test
  void remembersEveryKeyAcrossGrowthAndNothingElse() {
    SeenKeys seen = new SeenKeys();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add("arch-" + i), "new: " + i);
    }
    assertEquals(100_000, seen.size());
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.contains("arch-" + i));
      assertFalse(seen.add("arch-" + i), "a repeat: " + i);
    }
    for (int i = 100_000; i < 200_000; i++) {
      assertFalse(seen.contains("arch-" + i), "never added: " + i);
    }
    assertEquals(100_000, seen.size());
    assertTrue(seen.bytes() <= 16L * 100_000 * 2, "at most 32 bytes per key: " + seen.bytes());
  }

  @Test
  void hashesOfSimilarKeysDoNotCollide() {
    Set<Long> hashes = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      assertTrue(hashes.add(SeenKeys.hash("e512:6|h4,4,4|x1,2,1|w2048;d" + i)), "key " + i);
    }
    assertTrue(SeenKeys.hash("") != 0);
  }
}
