package org.automoe.core.search;

import org.automoe.core.evo.Candidate;

/** Work handed to an evaluator: a candidate under a lease. */
public record EvaluationRequest(Lease lease, Candidate candidate) {
  public EvaluationRequest {
    if (lease.candidateId() != candidate.id()) {
      throw new IllegalArgumentException(
          "lease is for candidate "
              + lease.candidateId()
              + ", but the candidate is "
              + candidate.id());
    }
  }
}
