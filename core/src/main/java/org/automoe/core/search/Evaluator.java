package org.automoe.core.search;

import org.automoe.core.evo.Candidate;

/** Gives a candidate its fitness: the validation loss of the subnet with inherited weights. */
@FunctionalInterface
public interface Evaluator {
  double validationLoss(Candidate candidate);
}
