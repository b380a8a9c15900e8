package org.automoe.core.cost;

/**
 * Parameters and FLOPs of one architecture.
 *
 * @param paramsNonEmbedding parameters without embedding table and output projection (HAT's figure;
 *     every expert counted)
 * @param paramsTotal all parameters, the shared embedding table included
 * @param paramsActive parameters one token meets: one expert per MoE layer, the expected expert
 *     under the stated routing; no embedding
 * @param flops FLOPs without embedding lookup and output projection (HAT's figure)
 * @param flopsWithOutput {@code flops} plus the output projection onto the vocabulary
 * @param encoderFlops the encoder's part of {@code flops}
 * @param decoderFlops the decoder's part of {@code flops}
 * @param routing the routing the MoE figures assume
 */
public record CostReport(
    long paramsNonEmbedding,
    long paramsTotal,
    long paramsActive,
    long flops,
    long flopsWithOutput,
    long encoderFlops,
    long decoderFlops,
    String routing) {}
