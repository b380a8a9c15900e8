package org.automoe.core.search;

import java.util.Optional;

/**
 * What an evaluator reports: a validation loss, or why it failed.
 *
 * @param candidateId the candidate
 * @param attempt the lease attempt the result belongs to
 * @param validationLoss loss with inherited weights; NaN when failed
 * @param failure why the evaluation failed; empty on success
 * @param evaluatedBy address of the evaluator
 * @param durationMicros wall time of the evaluation
 */
public record EvaluationResult(
    long candidateId,
    int attempt,
    double validationLoss,
    Optional<String> failure,
    String evaluatedBy,
    long durationMicros) {

  public static EvaluationResult success(
      long candidateId, int attempt, double loss, String evaluatedBy, long durationMicros) {
    return new EvaluationResult(
        candidateId, attempt, loss, Optional.empty(), evaluatedBy, durationMicros);
  }

  public static EvaluationResult failed(
      long candidateId, int attempt, String why, String evaluatedBy, long durationMicros) {
    return new EvaluationResult(
        candidateId, attempt, Double.NaN, Optional.of(why), evaluatedBy, durationMicros);
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
