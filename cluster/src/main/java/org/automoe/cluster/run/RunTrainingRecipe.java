package org.automoe.cluster.run;

import org.automoe.core.supernet.Regularization;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * The training recipe of a run, shared by the supernet and the retrained finalists so the models
 * compared differ only in architecture: linear warm-up over a tenth of the steps, then cosine
 * decay; label smoothing 0.1, balance loss 0.01, dropout 0.1, 2048 tokens per batch; a checkpoint
 * every quarter of the steps, a validation every half.
 */
final class RunTrainingRecipe {
  private RunTrainingRecipe() {}

  static TrainingSettings settings(float learningRate, int steps) {
    return new TrainingSettings(
        learningRate,
        1e-7f,
        Math.max(1, steps / 10),
        steps,
        0.1f,
        0.01f,
        2048,
        new Regularization(0.1f, 0.1f, 0f));
  }

  /**
   * @param logEvery steps between progress lines
   * @param randomValidSubnets random subnets validated beside the largest and smallest (0 for a
   *     fixed architecture)
   */
  static SupernetTrainer.Config config(long seed, int steps, int logEvery, int randomValidSubnets) {
    return new SupernetTrainer.Config(
        seed,
        logEvery,
        Math.max(1, steps / 4),
        5.0,
        Math.max(1, steps / 2),
        500,
        randomValidSubnets,
        128);
  }
}
