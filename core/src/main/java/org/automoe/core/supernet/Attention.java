package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;

/**
 * Multi-head attention with a fixed qkv width: heads only reshape it (head width = qkv / heads).
 * Query projections slice their input columns to the query side's width, key and value projections
 * to the key side's; the output projection slices its rows.
 */
final class Attention {
  private Attention() {}

  /**
   * @param query [batch, queries, dQuery]
   * @param keys [batch, keys, dKey]
   * @param mask additive mask broadcastable to [batch, heads, queries, keys], or null for none
   */
  static NDArray forward(
      ParamSource p,
      String name,
      NDArray query,
      NDArray keys,
      int dQuery,
      int dKey,
      int qkv,
      int heads,
      NDArray mask,
      float dropout,
      boolean training) {
    NDArray q = heads(p, name + ".q", query, qkv, dQuery, heads);
    NDArray k = heads(p, name + ".k", keys, qkv, dKey, heads);
    NDArray v = heads(p, name + ".v", keys, qkv, dKey, heads);
    return attend(p, name, q, k, v, dQuery, mask, dropout, training);
  }

  /** One projection of x split into heads: [batch, heads, time, qkv / heads]. */
  static NDArray heads(ParamSource p, String projection, NDArray x, int qkv, int dIn, int heads) {
    long batch = x.getShape().get(0);
    long time = x.getShape().get(1);
    return split(Elastic.linear(p, projection, x, qkv, dIn), batch, time, heads, qkv / heads);
  }

  /**
   * Attention of split queries over split keys and values (for example a decoder's key/value
   * cache), then the output projection.
   *
   * @return [batch, queries, dQuery]
   */
  static NDArray attend(
      ParamSource p,
      String name,
      NDArray q,
      NDArray k,
      NDArray v,
      int dQuery,
      NDArray mask,
      float dropout,
      boolean training) {
    long batch = q.getShape().get(0);
    long heads = q.getShape().get(1);
    long tq = q.getShape().get(2);
    long headDim = q.getShape().get(3);
    NDArray scores = q.mul(1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2));
    if (mask != null) {
      scores = scores.add(mask);
    }
    NDArray probs = scores.softmax(-1);
    if (training && dropout > 0) {
      probs = Dropout.dropout(probs, dropout, true).singletonOrThrow();
    }
    NDArray context =
        probs.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(batch, tq, heads * headDim));
    return Elastic.linear(p, name + ".o", context, dQuery, (int) (heads * headDim));
  }

  /** [batch, time, qkv] to [batch, heads, time, headDim]. */
  private static NDArray split(NDArray x, long batch, long time, int heads, int headDim) {
    return x.reshape(new Shape(batch, time, heads, headDim)).transpose(0, 2, 1, 3);
  }
}
