package org.automoe.core.supernet.train;

import org.automoe.core.InvalidInputException;
import org.automoe.core.supernet.Regularization;

/**
 * How the supernet trains.
 *
 * @param maxLr peak learning rate after warm-up (paper: 1e-3)
 * @param initLr learning rate at step 0 and at the end of the cosine (paper: 1e-7)
 * @param warmupSteps linear warm-up length (paper: 10k of 40k)
 * @param totalSteps steps of the whole schedule
 * @param labelSmoothing label smoothing (paper: 0.1)
 * @param balanceCoefficient weight of the load-balancing loss (AutoMoE: 0.01)
 * @param maxTokens padded tokens per batch
 * @param regularization dropout rates at full width
 */
public record TrainingSettings(
    float maxLr,
    float initLr,
    int warmupSteps,
    int totalSteps,
    float labelSmoothing,
    float balanceCoefficient,
    int maxTokens,
    Regularization regularization) {

  public TrainingSettings {
    if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new InvalidInputException(
          "steps must be at least 1 and warm-up within them, but were "
              + totalSteps
              + " and "
              + warmupSteps);
    }
    if (!(maxLr > 0) || !(initLr >= 0) || initLr > maxLr) {
      throw new InvalidInputException("learning rates must satisfy 0 <= init <= max, max > 0");
    }
    if (maxTokens < 16) {
      throw new InvalidInputException(
          "max tokens per batch must be at least 16, but was " + maxTokens);
    }
  }

  /** Linear warm-up from initLr to maxLr, then cosine decay back to initLr (fairseq's cosine). */
  public float learningRate(long step) {
    if (step < warmupSteps) {
      return initLr + (maxLr - initLr) * (step + 1) / (float) warmupSteps;
    }
    int decay = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (step - warmupSteps) / (double) decay);
    return (float) (initLr + 0.5 * (maxLr - initLr) * (1 + Math.cos(Math.PI * progress)));
  }
}
