package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;

/**
 * One subnet's forward pass over supernet (or exported) parameters: post-LN Transformer layers,
 * embeddings scaled by sqrt(d) plus sinusoidal positions, arbitrary encoder-decoder attention over
 * the last k encoder outputs concatenated along time, MoE FFNs, and the shared embedding as output
 * projection. Layers beyond the subnet's depth are skipped.
 */
final class SubnetForward {
  /**
   * @param logits [batch, target, vocab]
   * @param balanceLoss mean load-balancing loss over the MoE layers (0 when there are none)
   * @param routing chosen expert per token, one array per MoE layer in layer order
   */
  record Result(NDArray logits, NDArray balanceLoss, List<NDArray> routing) {}

  private final ParamSource p;
  private final Architecture a;
  private final int qkv;
  private final int dMax;
  private final Regularization reg;
  private final boolean training;

  SubnetForward(
      ParamSource p, Architecture a, int qkv, int dMax, Regularization reg, boolean training) {
    this.p = p;
    this.a = a;
    this.qkv = qkv;
    this.dMax = dMax;
    this.reg = reg;
    this.training = training;
  }

  Result run(BatchArrays b) {
    List<NDArray> balance = new ArrayList<>();
    List<NDArray> routing = new ArrayList<>();
    List<NDArray> encoded = encode(b.source, b.sourceMask, b.sourceTokens, balance, routing);
    NDArray y = decode(b.targetIn, encoded, b.sourceMask, b.targetTokens, balance, routing);
    NDArray logits = project(y);
    NDArray lb =
        balance.isEmpty()
            ? b.source.getManager().zeros(new Shape())
            : NDArrays.stack(new NDList(balance)).mean();
    return new Result(logits, lb, routing);
  }

  /** Every encoder layer's output, first to last. */
  List<NDArray> encode(
      NDArray src,
      NDArray srcMask,
      NDArray srcTokens,
      List<NDArray> balance,
      List<NDArray> routing) {
    int d = a.encoderEmbedDim();
    float drop = reg.scaled(d, dMax);
    NDArray x = Elastic.dropout(embed(src, d), drop, training);
    List<NDArray> outputs = new ArrayList<>();
    for (int i = 0; i < a.encoderLayerCount(); i++) {
      EncoderLayer l = a.encoderLayers().get(i);
      String name = Names.encoder(i);
      NDArray attn =
          Attention.forward(
              p,
              name + ".self",
              x,
              x,
              d,
              d,
              qkv,
              l.selfHeads(),
              srcMask,
              reg.attentionDropout(),
              training);
      x = Elastic.layerNorm(p, name + ".ln1", x.add(Elastic.dropout(attn, drop, training)), d);
      MoeLayer.Output ffn =
          MoeLayer.forward(
              p, name, x, d, l.expertWidths(), srcTokens, reg.activationDropout(), training);
      collect(ffn, balance, routing);
      x = Elastic.layerNorm(p, name + ".ln2", x.add(Elastic.dropout(ffn.y(), drop, training)), d);
      outputs.add(x);
    }
    return outputs;
  }

  /** The decoder's last hidden states [batch, target, dDec]. */
  NDArray decode(
      NDArray tgtIn,
      List<NDArray> encoded,
      NDArray srcMask,
      NDArray tgtTokens,
      List<NDArray> balance,
      List<NDArray> routing) {
    int d = a.decoderEmbedDim();
    int dEnc = a.encoderEmbedDim();
    float drop = reg.scaled(d, dMax);
    int t = (int) tgtIn.getShape().get(1);
    NDArray causal = BatchArrays.causal(tgtIn.getManager(), t);
    NDArray y = Elastic.dropout(embed(tgtIn, d), drop, training);
    for (int i = 0; i < a.decoderLayerCount(); i++) {
      DecoderLayer l = a.decoderLayers().get(i);
      String name = Names.decoder(i);
      int k = Math.min(l.attendedEncoderLayers(), encoded.size());
      NDArray memory =
          k == 1
              ? encoded.get(encoded.size() - 1)
              : NDArrays.concat(new NDList(encoded.subList(encoded.size() - k, encoded.size())), 1);
      NDArray memoryMask = k == 1 ? srcMask : repeat(srcMask, k);
      NDArray self =
          Attention.forward(
              p,
              name + ".self",
              y,
              y,
              d,
              d,
              qkv,
              l.selfHeads(),
              causal,
              reg.attentionDropout(),
              training);
      y = Elastic.layerNorm(p, name + ".ln1", y.add(Elastic.dropout(self, drop, training)), d);
      NDArray cross =
          Attention.forward(
              p,
              name + ".cross",
              y,
              memory,
              d,
              dEnc,
              qkv,
              l.crossHeads(),
              memoryMask,
              reg.attentionDropout(),
              training);
      y = Elastic.layerNorm(p, name + ".ln2", y.add(Elastic.dropout(cross, drop, training)), d);
      MoeLayer.Output ffn =
          MoeLayer.forward(
              p, name, y, d, l.expertWidths(), tgtTokens, reg.activationDropout(), training);
      collect(ffn, balance, routing);
      y = Elastic.layerNorm(p, name + ".ln3", y.add(Elastic.dropout(ffn.y(), drop, training)), d);
    }
    return y;
  }

  /** Logits over the vocabulary through the shared embedding. */
  NDArray project(NDArray y) {
    int d = a.decoderEmbedDim();
    return y.matMul(p.get(Names.EMBED).get(new NDIndex(":, :{}", d)).transpose());
  }

  /** Token embeddings [batch, time, d] scaled by sqrt(d), plus positions. */
  private NDArray embed(NDArray ids, int d) {
    return embed(ids, d, 0);
  }

  /** Like {@link #embed(NDArray, int)} with positions starting at {@code first}. */
  NDArray embed(NDArray ids, int d, int first) {
    long t = ids.getShape().get(1);
    NDArray table = p.get(Names.EMBED).get(new NDIndex(":, :{}", d));
    NDArray x = table.get(ids).mul((float) Math.sqrt(d));
    return x.add(p.positions().get(new NDIndex("{}:{}, :{}", first, first + t, d)));
  }

  /** k copies of a mask along its last (time) axis, matching the concatenated encoder outputs. */
  static NDArray repeat(NDArray mask, int k) {
    NDList copies = new NDList();
    for (int i = 0; i < k; i++) {
      copies.add(mask);
    }
    return NDArrays.concat(copies, 3);
  }

  private static void collect(MoeLayer.Output ffn, List<NDArray> balance, List<NDArray> routing) {
    if (ffn.balanceLoss() != null) {
      balance.add(ffn.balanceLoss());
      routing.add(ffn.expertOfToken());
    }
  }
}
