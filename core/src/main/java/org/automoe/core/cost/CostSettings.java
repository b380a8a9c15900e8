package org.automoe.core.cost;

import java.util.Objects;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;

/**
 * The conventions a cost report is computed under.
 *
 * @param qkvDim projection width of every attention
 * @param vocabSize vocabulary size (shared embedding and output projection)
 * @param sourceLength source tokens (HAT: 30)
 * @param targetLength target tokens, decoder teacher-forced (HAT: 30)
 * @param routing token shares of the experts of MoE layers
 */
public record CostSettings(
    int qkvDim, int vocabSize, int sourceLength, int targetLength, ExpertRouting routing) {

  /** HAT's sequence lengths. */
  public static final int HAT_LENGTH = 30;

  public CostSettings {
    requirePositive("qkv-dim", qkvDim);
    requirePositive("vocab size", vocabSize);
    requirePositive("source length", sourceLength);
    requirePositive("target length", targetLength);
    Objects.requireNonNull(routing, "routing");
  }

  /** HAT's conventions with the space's qkv width and vocabulary, uniform routing. */
  public static CostSettings of(SearchSpace space) {
    return new CostSettings(
        space.qkvDim(), space.vocabSize(), HAT_LENGTH, HAT_LENGTH, ExpertRouting.UNIFORM);
  }

  public CostSettings withVocabSize(int vocab) {
    return new CostSettings(qkvDim, vocab, sourceLength, targetLength, routing);
  }

  private static void requirePositive(String name, int v) {
    if (v <= 0) {
      throw new InvalidInputException(name + " must be positive, but was " + v);
    }
  }
}
