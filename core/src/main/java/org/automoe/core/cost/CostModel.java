package org.automoe.core.cost;

import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;

/**
 * Exact parameter and FLOP counts of an architecture under HAT's conventions.
 *
 * <p>Counted MACs: every linear layer (attention projections, output projection, FFN, router),
 * attention scores and context products, the elementwise products of attention scaling,
 * gate-probability scaling and embedding scaling, and one per LayerNorm output. Not counted: adds,
 * softmax, ReLU, dropout, embedding lookup. Layers are post-LN with no final LayerNorm; the
 * attention in-projection bias is always 3 x qkv; the router is a bias-free linear layer; a layer
 * with one expert is dense (no router, no gate). Cross-attention projects the keys and values of
 * all attended encoder layers, concatenated along time.
 */
public final class CostModel {
  private final CostSettings settings;

  public CostModel(CostSettings settings) {
    this.settings = settings;
  }

  public CostSettings settings() {
    return settings;
  }

  public CostReport cost(Architecture a) {
    int dEnc = a.encoderEmbedDim();
    int dDec = a.decoderEmbedDim();
    int s = settings.sourceLength();
    int t = settings.targetLength();
    long params = 0;
    double active = 0;
    double encMacs = (double) s * dEnc; // embedding scaling
    for (int i = 0; i < a.encoderLayerCount(); i++) {
      EncoderLayer l = a.encoderLayers().get(i);
      long attn = attentionParams(dEnc, dEnc) + layerNormParams(dEnc);
      Ffn ffn = ffn(false, i, dEnc, s, l.expertWidths());
      params += attn + ffn.params + layerNormParams(dEnc);
      active += attn + ffn.activeParams + layerNormParams(dEnc);
      encMacs += attentionMacs(dEnc, dEnc, s, s) + s * (double) dEnc + ffn.macs + s * (double) dEnc;
    }
    double decMacs = (double) t * dDec; // embedding scaling
    for (int i = 0; i < a.decoderLayerCount(); i++) {
      DecoderLayer l = a.decoderLayers().get(i);
      int attendedTokens = s * Math.min(l.attendedEncoderLayers(), a.encoderLayerCount());
      long attn =
          attentionParams(dDec, dDec) + attentionParams(dDec, dEnc) + 2 * layerNormParams(dDec);
      Ffn ffn = ffn(true, i, dDec, t, l.expertWidths());
      params += attn + ffn.params + layerNormParams(dDec);
      active += attn + ffn.activeParams + layerNormParams(dDec);
      decMacs +=
          attentionMacs(dDec, dDec, t, t)
              + attentionMacs(dDec, dEnc, t, attendedTokens)
              + 2 * t * (double) dDec
              + ffn.macs
              + t * (double) dDec;
    }
    long embedding = (long) settings.vocabSize() * Math.max(dEnc, dDec);
    double outputMacs = (double) t * dDec * settings.vocabSize();
    long encoderFlops = Math.round(2 * encMacs);
    long decoderFlops = Math.round(2 * decMacs);
    long flops = encoderFlops + decoderFlops;
    return new CostReport(
        params,
        params + embedding,
        Math.round(active),
        flops,
        flops + Math.round(2 * outputMacs),
        encoderFlops,
        decoderFlops,
        settings.routing().description());
  }

  /** Query from a {@code dQuery}-wide stream, keys and values from a {@code dKey}-wide stream. */
  private long attentionParams(int dQuery, int dKey) {
    long qkv = settings.qkvDim();
    return qkv * dQuery + 2 * qkv * dKey + 3 * qkv + dQuery * qkv + dQuery;
  }

  private double attentionMacs(int dQuery, int dKey, int queries, int keys) {
    double qkv = settings.qkvDim();
    return queries * dQuery * qkv // query projection
        + 2.0 * keys * dKey * qkv // key and value projections
        + queries * qkv // scaling of the queries
        + 2.0 * queries * keys * qkv // scores and context
        + queries * qkv * dQuery; // output projection
  }

  private static long layerNormParams(int d) {
    return 2L * d;
  }

  private Ffn ffn(boolean decoder, int layer, int d, int tokens, List<Integer> widths) {
    int n = widths.size();
    if (n == 1) {
      long p = expertParams(d, widths.get(0));
      return new Ffn(p, p, 2.0 * tokens * d * widths.get(0));
    }
    double[] share = settings.routing().shares(decoder, layer, n);
    long router = (long) d * n;
    long params = router;
    double active = router;
    double macs = (double) tokens * d * n + (double) tokens * d; // router, gate scaling
    for (int e = 0; e < n; e++) {
      long p = expertParams(d, widths.get(e));
      params += p;
      active += share[e] * p;
      macs += share[e] * 2.0 * tokens * d * widths.get(e);
    }
    return new Ffn(params, active, macs);
  }

  private static long expertParams(int d, int width) {
    return (long) d * width + width + (long) width * d + d;
  }

  private record Ffn(long params, double activeParams, double macs) {}
}
