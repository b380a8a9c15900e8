package org.automoe.core.arch;

import java.util.List;

/**
 * The evolutionary encoding of an architecture: flat genes plus one expert-width list per layer.
 *
 * <p>Genes cover every layer up to the space's maximum depth, as in HAT: genes of layers beyond the
 * current depth are kept, so a later mutation of the depth brings them back. Each expert-width list
 * has as many entries as its layer's expert-count gene. {@link GenomeLayout} says what each
 * position means.
 *
 * @param genes gene values (not indexes), in {@link GenomeLayout} order
 * @param expertWidths one list per encoder layer slot, then one per decoder layer slot
 */
public record Genome(List<Integer> genes, List<List<Integer>> expertWidths) {
  public Genome {
    genes = List.copyOf(genes);
    expertWidths = expertWidths.stream().map(List::copyOf).toList();
  }
}
