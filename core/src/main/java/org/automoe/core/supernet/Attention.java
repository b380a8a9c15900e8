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
   * @param mask additive mask broadcastable to [batch, heads, queries, keys]
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
    long batch = query.getShape().get(0);
    long tq = query.getShape().get(1);
    long tk = keys.getShape().get(1);
    int headDim = qkv / heads;
    NDArray q =
        split(Elastic.linear(p, name + ".q", query, qkv, dQuery), batch, tq, heads, headDim);
    NDArray k = split(Elastic.linear(p, name + ".k", keys, qkv, dKey), batch, tk, heads, headDim);
    NDArray v = split(Elastic.linear(p, name + ".v", keys, qkv, dKey), batch, tk, heads, headDim);
    NDArray scores = q.mul(1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2)).add(mask);
    NDArray probs = scores.softmax(-1);
    if (training && dropout > 0) {
      probs = Dropout.dropout(probs, dropout, true).singletonOrThrow();
    }
    NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(batch, tq, qkv));
    return Elastic.linear(p, name + ".o", context, dQuery, qkv);
  }

  /** [batch, time, qkv] to [batch, heads, time, headDim]. */
  private static NDArray split(NDArray x, long batch, long time, int heads, int headDim) {
    return x.reshape(new Shape(batch, time, heads, headDim)).transpose(0, 2, 1, 3);
  }
}
