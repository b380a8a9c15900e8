package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.SpaceCheck;
import org.automoe.core.data.Bpe;

/**
 * Inference as it runs in deployment: the encoder once, then the decoder one token per step with a
 * key/value cache, so a step costs the same at position 30 as at position 1. Decoding and latency
 * measurement use it. Every step frees its temporaries; only the caches live on, until {@link
 * #close()}.
 *
 * <p>The cross-attention keys and values are computed in the first decoder step, as fairseq does,
 * so they count as decoder time.
 */
public final class IncrementalDecoder implements AutoCloseable {
  private final SubnetForward f;
  private final ParamSource p;
  private final Architecture a;
  private final int qkv;
  private final NDManager m;
  private final int maxPositions;
  private List<NDArray> memory = List.of();
  private NDArray sourceMask;
  private NDArray[] selfK;
  private NDArray[] selfV;
  private NDArray[] crossK;
  private NDArray[] crossV;
  private NDArray[] crossMask;
  private int rows;
  private int position;

  private IncrementalDecoder(Supernet net, Architecture a) {
    SpaceCheck.requireInside(net.space(), a);
    this.f = net.forward(net.weights(), a, Regularization.NONE, false);
    this.p = net.weights();
    this.a = a;
    this.qkv = net.weights().shape().qkv();
    this.m = net.weights().manager();
    this.maxPositions = net.weights().shape().maxPositions();
    int layers = a.decoderLayerCount();
    selfK = new NDArray[layers];
    selfV = new NDArray[layers];
    crossK = new NDArray[layers];
    crossV = new NDArray[layers];
    crossMask = new NDArray[layers];
  }

  /** A decoder for one subnet of {@code net} (a supernet or an exported subnet). */
  public static IncrementalDecoder open(Supernet net, Architecture a) {
    return new IncrementalDecoder(net, a);
  }

  /**
   * Runs the encoder over a batch of sources (padded on the right), each repeated {@code copies}
   * times in a row (the beams of one sentence), and resets the decoder to position 0.
   */
  public void encode(List<int[]> sources, int copies) {
    if (sources.isEmpty() || copies < 1) {
      throw new InvalidInputException("encode needs at least one source and one copy");
    }
    int longest = sources.stream().mapToInt(s -> s.length).max().orElse(0);
    if (longest < 1 || longest > maxPositions) {
      throw new InvalidInputException(
          "sources must have 1 to " + maxPositions + " tokens, but the longest has " + longest);
    }
    releaseAll();
    rows = sources.size() * copies;
    long[] ids = new long[rows * longest];
    float[] additive = new float[rows * longest];
    float[] real = new float[rows * longest];
    for (int r = 0; r < rows; r++) {
      int[] s = sources.get(r / copies);
      for (int c = 0; c < longest; c++) {
        boolean isReal = c < s.length;
        ids[r * longest + c] = isReal ? s[c] : Bpe.PAD;
        additive[r * longest + c] = isReal ? 0f : BatchArrays.MASKED;
        real[r * longest + c] = isReal ? 1f : 0f;
      }
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray src = m.create(ids, new Shape(rows, longest));
      sourceMask = keep(m.create(additive, new Shape(rows, 1, 1, longest)));
      List<NDArray> encoded =
          f.encode(src, sourceMask, m.create(real), new ArrayList<>(), new ArrayList<>());
      // Only the last three encoder outputs can be attended (code 2).
      int from = Math.max(0, encoded.size() - 3);
      memory = encoded.subList(from, encoded.size()).stream().map(this::keep).toList();
    }
    position = 0;
  }

  /** Rows in the batch: sources times copies. */
  public int rows() {
    return rows;
  }

  /** Tokens decoded so far (the position of the next step). */
  public int position() {
    return position;
  }

  /** One decoder step: feeds one token per row and returns the log-probabilities [rows * vocab]. */
  public float[] stepLogProbs(long[] tokens) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return logits(tokens).logSoftmax(-1).toFloatArray();
    }
  }

  /** One decoder step: feeds one token per row and returns each row's most probable next token. */
  public long[] stepGreedy(long[] tokens) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return logits(tokens).argMax(1).toLongArray();
    }
  }

  /** Reorders (and may repeat or drop) the rows of every cache: row i becomes old row rows[i]. */
  public void reorder(long[] order) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray index = m.create(order);
      sourceMask = replace(sourceMask, sourceMask.get(index));
      memory = memory.stream().map(x -> replace(x, x.get(index))).toList();
      for (int i = 0; i < selfK.length; i++) {
        selfK[i] = selfK[i] == null ? null : replace(selfK[i], selfK[i].get(index));
        selfV[i] = selfV[i] == null ? null : replace(selfV[i], selfV[i].get(index));
        crossK[i] = crossK[i] == null ? null : replace(crossK[i], crossK[i].get(index));
        crossV[i] = crossV[i] == null ? null : replace(crossV[i], crossV[i].get(index));
        crossMask[i] = crossMask[i] == null ? null : replace(crossMask[i], crossMask[i].get(index));
      }
    }
    rows = order.length;
  }

  /** Logits [rows, vocab] of the next token; advances the position. */
  private NDArray logits(long[] tokens) {
    if (memory.isEmpty()) {
      throw new IllegalStateException("encode a source before decoding");
    }
    if (tokens.length != rows) {
      throw new InvalidInputException(
          "a step needs one token per row (" + rows + "), but got " + tokens.length);
    }
    if (position >= maxPositions) {
      throw new InvalidInputException("decoding is limited to " + maxPositions + " positions");
    }
    int d = a.decoderEmbedDim();
    int dEnc = a.encoderEmbedDim();
    NDArray y = f.embed(m.create(tokens, new Shape(rows, 1)), d, position);
    NDArray ones = m.ones(new Shape(rows));
    for (int i = 0; i < a.decoderLayerCount(); i++) {
      DecoderLayer l = a.decoderLayers().get(i);
      String name = Names.decoder(i);
      NDArray q = Attention.heads(p, name + ".self.q", y, qkv, d, l.selfHeads());
      NDArray k = Attention.heads(p, name + ".self.k", y, qkv, d, l.selfHeads());
      NDArray v = Attention.heads(p, name + ".self.v", y, qkv, d, l.selfHeads());
      selfK[i] = replace(selfK[i], append(selfK[i], k));
      selfV[i] = replace(selfV[i], append(selfV[i], v));
      NDArray self = Attention.attend(p, name + ".self", q, selfK[i], selfV[i], d, null, 0, false);
      y = Elastic.layerNorm(p, name + ".ln1", y.add(self), d);
      if (crossK[i] == null) {
        int attended = Math.min(l.attendedEncoderLayers(), memory.size());
        List<NDArray> used = memory.subList(memory.size() - attended, memory.size());
        NDArray mem = attended == 1 ? used.get(0) : NDArrays.concat(new NDList(used), 1);
        crossK[i] = keep(Attention.heads(p, name + ".cross.k", mem, qkv, dEnc, l.crossHeads()));
        crossV[i] = keep(Attention.heads(p, name + ".cross.v", mem, qkv, dEnc, l.crossHeads()));
        crossMask[i] =
            keep(
                attended == 1
                    ? sourceMask.duplicate()
                    : SubnetForward.repeat(sourceMask, attended));
      }
      NDArray cq = Attention.heads(p, name + ".cross.q", y, qkv, d, l.crossHeads());
      NDArray cross =
          Attention.attend(p, name + ".cross", cq, crossK[i], crossV[i], d, crossMask[i], 0, false);
      y = Elastic.layerNorm(p, name + ".ln2", y.add(cross), d);
      MoeLayer.Output ffn = MoeLayer.forward(p, name, y, d, l.expertWidths(), ones, 0, false);
      y = Elastic.layerNorm(p, name + ".ln3", y.add(ffn.y()), d);
    }
    position++;
    return f.project(y).reshape(rows, -1).toType(DataType.FLOAT32, false);
  }

  private static NDArray append(NDArray cache, NDArray step) {
    return cache == null ? step : NDArrays.concat(new NDList(cache, step), 2);
  }

  /** Takes {@code x} out of the current step's scope; it lives until replaced or closed. */
  private NDArray keep(NDArray x) {
    NDScope.unregister(x);
    return x;
  }

  /** Keeps {@code next} and closes {@code old}: no cache array is shared with another. */
  private NDArray replace(NDArray old, NDArray next) {
    keep(next);
    if (old != null && old != next) {
      old.close();
    }
    return next;
  }

  private void releaseAll() {
    List<NDArray> all = new ArrayList<>(memory);
    for (NDArray[] cache : List.of(selfK, selfV, crossK, crossV, crossMask)) {
      for (int i = 0; i < cache.length; i++) {
        if (cache[i] != null) {
          all.add(cache[i]);
          cache[i] = null;
        }
      }
    }
    if (sourceMask != null) {
      all.add(sourceMask);
      sourceMask = null;
    }
    all.forEach(NDArray::close);
    memory = List.of();
  }

  @Override
  public void close() {
    releaseAll();
  }
}
