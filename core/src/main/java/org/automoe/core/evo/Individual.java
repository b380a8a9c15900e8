package org.automoe.core.evo;

import org.automoe.core.arch.Genome;

/**
 * An evaluated member of the population: the candidate, its genome (kept by the coordinator, never
 * sent to evaluators) and its validation loss; lower is better.
 */
public record Individual(Candidate candidate, Genome genome, double validationLoss) {
  public String key() {
    return candidate.architecture().key();
  }
}
