package org.automoe.core.search;

/**
 * The right of one evaluator to evaluate one candidate until a deadline; a candidate handed out
 * again gets a higher attempt, and results of older attempts are ignored.
 *
 * @param candidateId the candidate
 * @param attempt attempt number, from 1
 * @param deadlineEpochMs deadline in milliseconds since the epoch
 */
public record Lease(long candidateId, int attempt, long deadlineEpochMs) {
  public Lease {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
  }
}
