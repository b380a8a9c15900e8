package org.automoe.core.arch;

import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * One encoder layer: self-attention heads and the FFN width of each expert.
 *
 * @param selfHeads self-attention head count
 * @param expertWidths FFN hidden width of each expert, in expert order; one entry is a dense layer
 */
public record EncoderLayer(int selfHeads, List<Integer> expertWidths) {
  public EncoderLayer {
    if (selfHeads <= 0) {
      throw new InvalidInputException(
          "self-attention heads must be positive, but was " + selfHeads);
    }
    expertWidths = LayerChecks.widths(expertWidths);
  }

  public int experts() {
    return expertWidths.size();
  }
}
