package org.automoe.core.latency;

import java.util.List;
import java.util.stream.Stream;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;

/**
 * The one feature function of the latency predictor, used when a dataset is written, when a
 * predictor trains and when it predicts (REFERENCE section 4). The first ten features are HAT's, in
 * HAT's order and with HAT's column names; four MoE features follow.
 *
 * <p>A layer's FFN width is the sum of its experts' widths: all the hidden units the layer holds,
 * which for a dense layer is HAT's FFN width. The mean expert width is the mean over all experts of
 * the stack: what one token pays when routing is uniform. Means are over active layers.
 */
public final class LatencyFeatures {
  /** HAT's ten feature columns, in HAT's order. */
  public static final List<String> HAT_NAMES =
      List.of(
          "encoder_embed_dim",
          "encoder_layer_num",
          "encoder_ffn_embed_dim_avg",
          "encoder_self_attention_heads_avg",
          "decoder_embed_dim",
          "decoder_layer_num",
          "decoder_ffn_embed_dim_avg",
          "decoder_self_attention_heads_avg",
          "decoder_ende_attention_heads_avg",
          "decoder_arbitrary_ende_attn_avg");

  /** The MoE features that follow HAT's. */
  public static final List<String> MOE_NAMES =
      List.of(
          "encoder_experts_avg",
          "decoder_experts_avg",
          "encoder_expert_width_avg",
          "decoder_expert_width_avg");

  /** All fourteen, HAT's first. */
  public static final List<String> NAMES =
      Stream.concat(HAT_NAMES.stream(), MOE_NAMES.stream()).toList();

  private LatencyFeatures() {}

  /** The fourteen raw (unnormalised) features of an architecture, in {@link #NAMES} order. */
  public static double[] of(Architecture a) {
    List<EncoderLayer> enc = a.encoderLayers();
    List<DecoderLayer> dec = a.decoderLayers();
    return new double[] {
      a.encoderEmbedDim(),
      enc.size(),
      enc.stream().mapToDouble(l -> sum(l.expertWidths())).average().orElseThrow(),
      enc.stream().mapToDouble(EncoderLayer::selfHeads).average().orElseThrow(),
      a.decoderEmbedDim(),
      dec.size(),
      dec.stream().mapToDouble(l -> sum(l.expertWidths())).average().orElseThrow(),
      dec.stream().mapToDouble(DecoderLayer::selfHeads).average().orElseThrow(),
      dec.stream().mapToDouble(DecoderLayer::crossHeads).average().orElseThrow(),
      dec.stream().mapToDouble(DecoderLayer::attendedEncoderLayers).average().orElseThrow(),
      enc.stream().mapToDouble(EncoderLayer::experts).average().orElseThrow(),
      dec.stream().mapToDouble(DecoderLayer::experts).average().orElseThrow(),
      enc.stream()
          .flatMap(l -> l.expertWidths().stream())
          .mapToDouble(w -> w)
          .average()
          .orElseThrow(),
      dec.stream()
          .flatMap(l -> l.expertWidths().stream())
          .mapToDouble(w -> w)
          .average()
          .orElseThrow()
    };
  }

  /**
   * The per-layer variant: both embedding widths, then for every encoder layer slot (up to {@code
   * maxEncoder}) present, heads, experts, FFN width and mean expert width, then for every decoder
   * slot present, self heads, cross heads, attended encoder layers, experts, FFN width and mean
   * expert width. Absent layers are zeros.
   */
  public static double[] perLayer(Architecture a, int maxEncoder, int maxDecoder) {
    double[] out = new double[perLayerSize(maxEncoder, maxDecoder)];
    out[0] = a.encoderEmbedDim();
    out[1] = a.decoderEmbedDim();
    int i = 2;
    for (int k = 0; k < maxEncoder; k++, i += ENCODER_SLOT) {
      if (k < a.encoderLayerCount()) {
        EncoderLayer l = a.encoderLayers().get(k);
        double[] slot = {
          1, l.selfHeads(), l.experts(), sum(l.expertWidths()), mean(l.expertWidths())
        };
        System.arraycopy(slot, 0, out, i, ENCODER_SLOT);
      }
    }
    for (int k = 0; k < maxDecoder; k++, i += DECODER_SLOT) {
      if (k < a.decoderLayerCount()) {
        DecoderLayer l = a.decoderLayers().get(k);
        double[] slot = {
          1,
          l.selfHeads(),
          l.crossHeads(),
          l.attendedEncoderLayers(),
          l.experts(),
          sum(l.expertWidths()),
          mean(l.expertWidths())
        };
        System.arraycopy(slot, 0, out, i, DECODER_SLOT);
      }
    }
    return out;
  }

  /** Names of {@link #totals}, per stack. */
  public static final List<String> TOTAL_NAMES =
      List.of(
          "encoder_moe_layers",
          "encoder_experts_total",
          "encoder_ffn_width_total",
          "encoder_largest_expert_total",
          "decoder_moe_layers",
          "decoder_experts_total",
          "decoder_ffn_width_total",
          "decoder_largest_expert_total");

  /**
   * Totals over each stack's layers, which the means above cannot express: layers with more than
   * one expert (each pays for routing), experts, FFN width (sum of expert widths) and the width of
   * every layer's largest expert. An op-bound decoder's latency follows totals, not means.
   */
  public static double[] totals(Architecture a) {
    List<List<Integer>> enc = a.encoderLayers().stream().map(EncoderLayer::expertWidths).toList();
    List<List<Integer>> dec = a.decoderLayers().stream().map(DecoderLayer::expertWidths).toList();
    double[] out = new double[TOTAL_NAMES.size()];
    stackTotals(enc, out, 0);
    stackTotals(dec, out, 4);
    return out;
  }

  private static void stackTotals(List<List<Integer>> layers, double[] out, int at) {
    for (List<Integer> widths : layers) {
      out[at] += widths.size() > 1 ? 1 : 0;
      out[at + 1] += widths.size();
      out[at + 2] += sum(widths);
      out[at + 3] += widths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
  }

  static final int ENCODER_SLOT = 5;
  static final int DECODER_SLOT = 7;

  static int perLayerSize(int maxEncoder, int maxDecoder) {
    return 2 + ENCODER_SLOT * maxEncoder + DECODER_SLOT * maxDecoder;
  }

  private static double sum(List<Integer> widths) {
    return widths.stream().mapToInt(Integer::intValue).sum();
  }

  private static double mean(List<Integer> widths) {
    return sum(widths) / widths.size();
  }
}
