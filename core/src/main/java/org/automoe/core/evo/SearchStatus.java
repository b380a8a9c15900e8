package org.automoe.core.evo;

import java.util.Optional;

/**
 * Progress of a search. Every generated candidate is in exactly one of evaluated, rejected, pending
 * and in flight.
 *
 * @param name job name
 * @param state lifecycle state
 * @param generated candidates bred so far
 * @param evaluated candidates with a validation loss
 * @param rejected candidates that broke a constraint or repeated an earlier architecture
 * @param pending candidates waiting for an evaluator
 * @param inFlight candidates under lease
 * @param requeued leases handed out again
 * @param best lowest validation loss so far and its candidate, if any
 * @param elapsedSeconds seconds since the start
 * @param failure why the search failed, if it did
 */
public record SearchStatus(
    String name,
    SearchState state,
    long generated,
    long evaluated,
    long rejected,
    long pending,
    long inFlight,
    long requeued,
    Optional<Best> best,
    double elapsedSeconds,
    Optional<String> failure) {

  /** The best result so far. */
  public record Best(long candidateId, double validationLoss) {}
}
