package org.automoe.core.evo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpertWidthRepairTest {
  private static final List<Integer> CHOICES = List.of(256, 512, 768);

  @Test
  void truncatesWhenExpertsWereRemoved() {
    assertEquals(
        List.of(256, 768), ExpertWidthRepair.fit(List.of(256, 768, 512), 2, CHOICES, Seeds.rng(1)));
  }

  @Test
  void keepsExistingWidthsAndPadsWithChoicesWhenExpertsWereAdded() {
    List<Integer> out = ExpertWidthRepair.fit(List.of(768), 4, CHOICES, Seeds.rng(1));
    assertEquals(4, out.size());
    assertEquals(768, out.get(0));
    assertTrue(CHOICES.containsAll(out));
  }

  @Test
  void leavesMatchingListsAlone() {
    List<Integer> w = List.of(512, 512);
    assertSame(w, ExpertWidthRepair.fit(w, 2, CHOICES, Seeds.rng(1)));
  }
}
