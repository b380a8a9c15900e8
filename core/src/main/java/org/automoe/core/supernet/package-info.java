/**
 * The weight-sharing MoE supernet in DJL (AutoMoE, Jawahar et al. 2023, section 3; HAT, Wang et al.
 * 2020): elastic embedding, attention, FFN, LayerNorm and depth by first-k slicing; MoE layers with
 * top-1 routing over the first n experts of individual widths. The forward pass is a pure function
 * of (weights, architecture, batch), so many evaluators can share one read-only weight set.
 */
package org.automoe.core.supernet;
