package org.automoe.core.supernet;

import org.automoe.core.space.SearchSpace;

/**
 * The supernet's dimensions: the space's maximum in every dimension, with its maximum expert count
 * in every layer, plus the vocabulary. One embedding table of the wider side serves encoder,
 * decoder and output projection.
 */
public record SupernetShape(
    int vocab,
    int qkv,
    int encoderDim,
    int decoderDim,
    int encoderLayers,
    int decoderLayers,
    int encoderExperts,
    int decoderExperts,
    int encoderFfn,
    int decoderFfn,
    int maxPositions) {

  public static SupernetShape of(SearchSpace s, int vocab, int maxPositions) {
    return new SupernetShape(
        vocab,
        s.qkvDim(),
        s.encoder().maxEmbedDim(),
        s.decoder().maxEmbedDim(),
        s.encoder().maxLayers(),
        s.decoder().maxLayers(),
        s.encoder().maxExperts(),
        s.decoder().maxExperts(),
        s.encoder().maxExpertWidth(),
        s.decoder().maxExpertWidth(),
        maxPositions);
  }

  public int embedDim() {
    return Math.max(encoderDim, decoderDim);
  }
}
