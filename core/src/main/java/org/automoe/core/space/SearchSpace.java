package org.automoe.core.space;

import java.util.List;
import java.util.Objects;
import org.automoe.core.InvalidInputException;

/**
 * A search space of heterogeneous MoE Transformers: every choice an architecture may take.
 *
 * <p>The supernet is the space's maximum in every dimension, with its maximum expert count in every
 * layer; subnets use the first k rows and columns of its weights (AutoMoE, section 3).
 *
 * @param name how users refer to the space
 * @param qkvDim fixed projection width of every attention; heads only reshape it
 * @param vocabSize vocabulary size assumed by cost reports until a real BPE vocabulary exists
 * @param encoder encoder choices
 * @param decoder decoder choices
 */
public record SearchSpace(
    String name, int qkvDim, int vocabSize, StackSpace encoder, StackSpace decoder) {

  /** The largest vocabulary a space may assume. */
  public static final int MAX_VOCAB = 1_000_000;

  public SearchSpace {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name: must not be blank");
    }
    if (qkvDim <= 0 || qkvDim > StackSpace.MAX_WIDTH) {
      throw new InvalidInputException(
          "qkv-dim: must be in [1, " + StackSpace.MAX_WIDTH + "], but was " + qkvDim);
    }
    if (vocabSize <= 0 || vocabSize > MAX_VOCAB) {
      throw new InvalidInputException(
          "vocab-size: must be in [1, " + MAX_VOCAB + "], but was " + vocabSize);
    }
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(decoder, "decoder");
    if (encoder.isDecoder()) {
      throw new InvalidInputException(
          "encoder: cross-heads and enc-dec-attention belong to the decoder");
    }
    if (!decoder.isDecoder()) {
      throw new InvalidInputException("decoder: needs cross-heads and enc-dec-attention");
    }
    requireHeadsDivideQkv("encoder.self-heads", encoder.selfHeads(), qkvDim);
    requireHeadsDivideQkv("decoder.self-heads", decoder.selfHeads(), qkvDim);
    requireHeadsDivideQkv("decoder.cross-heads", decoder.crossHeads(), qkvDim);
    int deepestReach =
        attendedLayers(decoder.encDecAttention().get(decoder.encDecAttention().size() - 1));
    if (deepestReach > encoder.minLayers()) {
      throw new InvalidInputException(
          "decoder.enc-dec-attention: code "
              + decoder.encDecAttention().get(decoder.encDecAttention().size() - 1)
              + " attends to the last "
              + deepestReach
              + " encoder layers, but the encoder may have only "
              + encoder.minLayers());
    }
  }

  /** Number of encoder layers a decoder layer attends to for an arbitrary-attention code. */
  public static int attendedLayers(int encDecCode) {
    return switch (encDecCode) {
      case -1 -> 1;
      case 1 -> 2;
      case 2 -> 3;
      default ->
          throw new InvalidInputException(
              "enc-dec-attention code must be -1, 1 or 2, but was " + encDecCode);
    };
  }

  private static void requireHeadsDivideQkv(String key, List<Integer> heads, int qkv) {
    for (int h : heads) {
      if (qkv % h != 0) {
        throw new InvalidInputException(key + ": " + h + " heads do not divide qkv-dim " + qkv);
      }
    }
  }
}
