package org.automoe.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.Fixtures;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Test;

class GenomeLayoutTest {
  private static final SearchSpace PAPER = BuiltInSpaces.paper(6);
  private static final GenomeLayout LAYOUT = new GenomeLayout(PAPER);

  @Test
  void hasOneGenePerGlobalChoiceAndPerLayerSlot() {
    // 4 globals + 6 encoder slots x 2 + 6 decoder slots x 4.
    assertEquals(4 + 12 + 24, LAYOUT.geneCount());
    assertEquals(12, LAYOUT.widthListCount());
  }

  @Test
  void encodeThenDecodeGivesTheArchitectureBack() {
    Architecture a = HatYamlCodec.read(Fixtures.hat("automoe-moe.yml"), PAPER);
    Genome g = LAYOUT.encode(a);
    assertEquals(a, LAYOUT.decode(g));
    assertEquals(g, LAYOUT.encode(LAYOUT.decode(g)), "encoding is deterministic");
  }

  @Test
  void genesOfLayersBeyondTheDepthDoNotChangeTheArchitecture() {
    Genome g = new RandomSampler(LAYOUT).sample(Seeds.rng(3));
    List<Integer> genes = new ArrayList<>(g.genes());
    genes.set(3, 1); // decoder depth 1
    Genome shallow = new Genome(genes, g.expertWidths());
    List<Integer> other = new ArrayList<>(genes);
    int lastDecoderSelfHeads = 4 + 12 + 5;
    other.set(lastDecoderSelfHeads, other.get(lastDecoderSelfHeads) == 4 ? 8 : 4);
    Genome otherShallow = new Genome(other, g.expertWidths());
    assertNotEquals(shallow, otherShallow);
    assertEquals(LAYOUT.decode(shallow), LAYOUT.decode(otherShallow));
  }

  @Test
  void rejectsGenesOutsideTheirChoices() {
    Genome g = LAYOUT.encode(Fixtures.dense(3072, 2, 1));
    List<Integer> genes = new ArrayList<>(g.genes());
    genes.set(0, 333);
    assertThrows(
        InvalidInputException.class, () -> LAYOUT.decode(new Genome(genes, g.expertWidths())));
  }

  @Test
  void rejectsWidthListsThatDisagreeWithTheirExpertCount() {
    Genome g = LAYOUT.encode(Fixtures.dense(3072, 2, 1));
    List<List<Integer>> widths = new ArrayList<>(g.expertWidths());
    widths.set(0, List.of(3072, 3072));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> LAYOUT.decode(new Genome(g.genes(), widths)));
    assertEquals(
        "width list 0 is [3072, 3072], but needs 1 widths from [1024, 2048, 3072]", e.getMessage());
  }
}
