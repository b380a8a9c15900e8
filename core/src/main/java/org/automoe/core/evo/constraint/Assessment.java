package org.automoe.core.evo.constraint;

import org.automoe.core.arch.Architecture;
import org.automoe.core.cost.CostReport;

/**
 * What is known of an architecture before it is evaluated.
 *
 * @param architecture the architecture
 * @param cost its exact cost
 * @param predictedLatencyMs predicted latency, NaN when no predictor is used
 */
public record Assessment(Architecture architecture, CostReport cost, double predictedLatencyMs) {}
