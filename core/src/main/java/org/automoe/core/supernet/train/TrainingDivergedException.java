package org.automoe.core.supernet.train;

import org.automoe.core.InvalidInputException;

/**
 * Training stopped because the loss kept being NaN or infinite. A one-line error for the user (the
 * settings, usually the learning rate, are what is wrong), not an internal failure.
 */
public final class TrainingDivergedException extends InvalidInputException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
