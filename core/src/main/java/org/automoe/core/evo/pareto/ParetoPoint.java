package org.automoe.core.evo.pareto;

import org.automoe.core.arch.Architecture;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;

/**
 * One point of the front over validation loss, predicted latency and FLOPs.
 *
 * @param candidateId the candidate
 * @param architecture its architecture
 * @param validationLoss validation loss with inherited weights
 * @param predictedLatencyMs predicted latency, NaN when unknown
 * @param flops FLOPs (HAT convention)
 */
public record ParetoPoint(
    long candidateId,
    Architecture architecture,
    double validationLoss,
    double predictedLatencyMs,
    long flops) {

  public static ParetoPoint of(Individual i) {
    Candidate c = i.candidate();
    return new ParetoPoint(
        c.id(), c.architecture(), i.validationLoss(), c.predictedLatencyMs(), c.cost().flops());
  }
}
