package org.automoe.core.latency;

import org.automoe.core.InvalidInputException;

/**
 * How the MLP predictor trains.
 *
 * @param name how users choose it
 * @param peakLr Adam's learning rate (the start of the cosine when {@code finalLr} differs)
 * @param finalLr learning rate at the last step
 * @param steps updates
 * @param batch rows per update
 * @param relativeLoss minimise the squared relative error instead of the squared error of latency /
 *     norm, so a 20 ms model's error counts as much as a 400 ms model's
 * @param linearSkip add a linear layer from the features to the output beside the MLP, so the MLP
 *     only learns what a linear model misses
 * @param keepBestOnValidation keep the weights with the lowest validation MAPE, checked every
 *     {@code steps / 50} updates, instead of the last ones
 */
public record PredictorRecipe(
    String name,
    float peakLr,
    float finalLr,
    int steps,
    int batch,
    boolean relativeLoss,
    boolean linearSkip,
    boolean keepBestOnValidation) {

  /** HAT's recipe (REFERENCE section 4): Adam 1e-5, batch 128, 5000 steps, MSE on lat / norm. */
  public static final PredictorRecipe PAPER =
      new PredictorRecipe("paper", 1e-5f, 1e-5f, 5000, 128, false, false, false);

  /**
   * Ours: Adam 1e-3 decaying to 1e-5 on a cosine, squared relative error, a linear skip beside the
   * MLP, and the validation split picks the weights.
   */
  public static final PredictorRecipe TUNED =
      new PredictorRecipe("tuned", 1e-3f, 1e-5f, 5000, 128, true, true, true);

  public PredictorRecipe {
    if (steps < 1 || batch < 1 || !(peakLr > 0) || !(finalLr > 0)) {
      throw new InvalidInputException("a predictor recipe needs positive steps, batch and rates");
    }
  }

  public static PredictorRecipe byName(String name) {
    return switch (name) {
      case "paper" -> PAPER;
      case "tuned" -> TUNED;
      default ->
          throw new InvalidInputException(
              "unknown predictor recipe '" + name + "': use paper or tuned");
    };
  }

  public PredictorRecipe withSteps(int steps) {
    return new PredictorRecipe(
        name, peakLr, finalLr, steps, batch, relativeLoss, linearSkip, keepBestOnValidation);
  }
}
