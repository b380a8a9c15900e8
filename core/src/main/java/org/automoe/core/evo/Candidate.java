package org.automoe.core.evo;

import org.automoe.core.arch.Architecture;
import org.automoe.core.cost.CostReport;

/**
 * An architecture the search proposes for evaluation, with what is known before evaluation.
 *
 * @param id search-wide unique id
 * @param seed the seed of the draw that produced it, so the draw replays
 * @param generation its generation (0 = initial population)
 * @param architecture the architecture
 * @param cost its exact cost
 * @param predictedLatencyMs predicted latency, NaN when no predictor is used
 */
public record Candidate(
    long id,
    long seed,
    int generation,
    Architecture architecture,
    CostReport cost,
    double predictedLatencyMs) {}
