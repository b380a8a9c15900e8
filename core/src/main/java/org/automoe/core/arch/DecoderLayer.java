package org.automoe.core.arch;

import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;

/**
 * One decoder layer: self- and cross-attention heads, arbitrary encoder-decoder attention, and the
 * FFN width of each expert.
 *
 * @param selfHeads self-attention head count
 * @param crossHeads encoder-decoder attention head count
 * @param encDecAttention HAT's code: -1, 1, 2 attend to the last 1, 2, 3 encoder layers
 * @param expertWidths FFN hidden width of each expert, in expert order; one entry is a dense layer
 */
public record DecoderLayer(
    int selfHeads, int crossHeads, int encDecAttention, List<Integer> expertWidths) {
  public DecoderLayer {
    if (selfHeads <= 0) {
      throw new InvalidInputException(
          "self-attention heads must be positive, but was " + selfHeads);
    }
    if (crossHeads <= 0) {
      throw new InvalidInputException(
          "cross-attention heads must be positive, but was " + crossHeads);
    }
    SearchSpace.attendedLayers(encDecAttention);
    expertWidths = LayerChecks.widths(expertWidths);
  }

  public int experts() {
    return expertWidths.size();
  }

  /** How many of the last encoder layers this layer attends to. */
  public int attendedEncoderLayers() {
    return SearchSpace.attendedLayers(encDecAttention);
  }
}
