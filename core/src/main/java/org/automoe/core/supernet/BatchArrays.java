package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.automoe.core.data.Batch;

/**
 * A {@link Batch} as NDArrays: token ids, the additive masks attention needs, and token masks for
 * the loss and the load-balancing statistics.
 */
final class BatchArrays {
  static final float MASKED = -1e9f;

  final NDArray source;
  final NDArray targetIn;
  final NDArray targetOut;

  /** [batch, 1, 1, source]: 0 on real tokens, -1e9 on padding. */
  final NDArray sourceMask;

  /** [batch * source] 1/0. */
  final NDArray sourceTokens;

  /** [batch * target] 1/0. */
  final NDArray targetTokens;

  final long targetTokenCount;

  BatchArrays(NDManager m, Batch b) {
    source = m.create(b.source()).toType(DataType.INT64, false);
    targetIn = m.create(b.targetIn()).toType(DataType.INT64, false);
    targetOut = m.create(b.targetOut()).toType(DataType.INT64, false);
    int rows = b.size();
    int s = b.source()[0].length;
    int t = b.targetIn()[0].length;
    float[] additive = new float[rows * s];
    float[] srcTokens = new float[rows * s];
    float[] tgtTokens = new float[rows * t];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < s; c++) {
        boolean real = c < b.sourceLengths()[r];
        additive[r * s + c] = real ? 0f : MASKED;
        srcTokens[r * s + c] = real ? 1f : 0f;
      }
      for (int c = 0; c < b.targetLengths()[r]; c++) {
        tgtTokens[r * t + c] = 1f;
      }
    }
    sourceMask = m.create(additive, new Shape(rows, 1, 1, s));
    sourceTokens = m.create(srcTokens);
    targetTokens = m.create(tgtTokens);
    targetTokenCount = b.targetTokens();
  }

  /** [1, 1, t, t]: 0 on and below the diagonal, -1e9 above, so position i sees only 0..i. */
  static NDArray causal(NDManager m, int t) {
    float[] v = new float[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        v[i * t + j] = MASKED;
      }
    }
    return m.create(v, new Shape(1, 1, t, t));
  }
}
