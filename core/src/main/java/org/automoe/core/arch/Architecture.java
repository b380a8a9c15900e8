package org.automoe.core.arch;

import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * One subnet: embedding widths and the layers of encoder and decoder, each dense or MoE with
 * experts of individual widths (AutoMoE's heterogeneous experts).
 *
 * <p>Layer counts are the list lengths. Equal architectures are equal records and have equal {@link
 * #key() keys}; the search never evaluates one twice.
 *
 * @param encoderEmbedDim encoder embedding width
 * @param decoderEmbedDim decoder embedding width
 * @param encoderLayers encoder layers, first to last
 * @param decoderLayers decoder layers, first to last
 */
public record Architecture(
    int encoderEmbedDim,
    int decoderEmbedDim,
    List<EncoderLayer> encoderLayers,
    List<DecoderLayer> decoderLayers) {

  public Architecture {
    if (encoderEmbedDim <= 0) {
      throw new InvalidInputException(
          "encoder embedding width must be positive, but was " + encoderEmbedDim);
    }
    if (decoderEmbedDim <= 0) {
      throw new InvalidInputException(
          "decoder embedding width must be positive, but was " + decoderEmbedDim);
    }
    if (encoderLayers == null || encoderLayers.isEmpty()) {
      throw new InvalidInputException("an architecture needs at least one encoder layer");
    }
    if (decoderLayers == null || decoderLayers.isEmpty()) {
      throw new InvalidInputException("an architecture needs at least one decoder layer");
    }
    encoderLayers = List.copyOf(encoderLayers);
    decoderLayers = List.copyOf(decoderLayers);
  }

  public int encoderLayerCount() {
    return encoderLayers.size();
  }

  public int decoderLayerCount() {
    return decoderLayers.size();
  }

  /** True when some layer has more than one expert. */
  public boolean isMoe() {
    return encoderLayers.stream().anyMatch(l -> l.experts() > 1)
        || decoderLayers.stream().anyMatch(l -> l.experts() > 1);
  }

  /** The canonical key: a compact string equal for equal architectures and only for them. */
  public String key() {
    return ArchitectureKey.of(this);
  }
}
