package org.automoe.core.search;

import java.util.Optional;

/**
 * Progress of a search. Every draw is either rejected or became a candidate, and every candidate is
 * in exactly one of evaluated, failed, pending and in flight: {@code generated = rejected +
 * evaluated + failed + pending + inFlight}.
 *
 * @param name job name
 * @param state lifecycle state
 * @param generated draws so far (rejected ones included)
 * @param evaluated candidates with a validation loss
 * @param rejected candidates that broke a constraint or repeated an earlier architecture
 * @param pending candidates waiting for an evaluator
 * @param inFlight candidates under lease
 * @param failed candidates whose evaluation failed on every attempt
 * @param requeued leases handed out again
 * @param best lowest validation loss so far and its candidate, if any
 * @param elapsedSeconds seconds since the start
 * @param failure why the search failed, if it did
 */
public record SearchStatus(
    String name,
    SearchPhase state,
    long generated,
    long evaluated,
    long rejected,
    long pending,
    long inFlight,
    long failed,
    long requeued,
    Optional<Best> best,
    double elapsedSeconds,
    Optional<String> failure) {

  /** The best result so far. */
  public record Best(long candidateId, double validationLoss) {}
}
