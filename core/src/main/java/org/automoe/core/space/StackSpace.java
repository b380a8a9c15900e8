package org.automoe.core.space;

import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * The choices for one side (encoder or decoder) of the Transformer.
 *
 * <p>Choices are per layer where the paper searches them per layer (heads, experts, widths) and
 * global otherwise (embedding width, depth). The encoder has no cross-attention choices.
 *
 * @param embedDims allowed embedding widths
 * @param layerCounts allowed depths
 * @param selfHeads allowed self-attention head counts
 * @param crossHeads allowed cross-attention head counts (decoder only, else empty)
 * @param encDecAttention allowed arbitrary encoder-decoder attention codes (decoder only, else
 *     empty)
 * @param expertCounts allowed experts per layer; 1 is a dense layer
 * @param expertWidths allowed FFN hidden width of each expert
 */
public record StackSpace(
    List<Integer> embedDims,
    List<Integer> layerCounts,
    List<Integer> selfHeads,
    List<Integer> crossHeads,
    List<Integer> encDecAttention,
    List<Integer> expertCounts,
    List<Integer> expertWidths) {

  /** Codes of HAT's arbitrary encoder-decoder attention: attend to the last 1, 2 or 3 layers. */
  public static final List<Integer> ENC_DEC_CODES = List.of(-1, 1, 2);

  /** The largest depth any space may declare; guards against typos such as 60 for 6. */
  public static final int MAX_LAYERS = 64;

  /** The widest embedding, attention or expert any space may declare. */
  public static final int MAX_WIDTH = 65_536;

  /** The most attention heads of one layer. */
  public static final int MAX_HEADS = 256;

  /** The most experts of one layer. */
  public static final int MAX_EXPERTS = 256;

  public StackSpace {
    embedDims = Choices.upTo("embed-dims", embedDims, MAX_WIDTH);
    layerCounts =
        Choices.sorted("layers", layerCounts, v -> v >= 1 && v <= MAX_LAYERS, "1.." + MAX_LAYERS);
    selfHeads = Choices.upTo("self-heads", selfHeads, MAX_HEADS);
    crossHeads =
        crossHeads.isEmpty() ? List.of() : Choices.upTo("cross-heads", crossHeads, MAX_HEADS);
    encDecAttention =
        encDecAttention.isEmpty()
            ? List.of()
            : Choices.sorted(
                "enc-dec-attention", encDecAttention, ENC_DEC_CODES::contains, "codes -1, 1, 2");
    expertCounts = Choices.upTo("experts", expertCounts, MAX_EXPERTS);
    expertWidths = Choices.upTo("expert-widths", expertWidths, MAX_WIDTH);
    if (crossHeads.isEmpty() != encDecAttention.isEmpty()) {
      throw new InvalidInputException(
          "cross-heads and enc-dec-attention must be given together (decoder) or not at all (encoder)");
    }
  }

  /** True when this side has cross-attention choices, i.e. it describes a decoder. */
  public boolean isDecoder() {
    return !crossHeads.isEmpty();
  }

  public int maxLayers() {
    return layerCounts.get(layerCounts.size() - 1);
  }

  public int minLayers() {
    return layerCounts.get(0);
  }

  public int maxEmbedDim() {
    return embedDims.get(embedDims.size() - 1);
  }

  public int maxExperts() {
    return expertCounts.get(expertCounts.size() - 1);
  }

  public int maxExpertWidth() {
    return expertWidths.get(expertWidths.size() - 1);
  }
}
