package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

/**
 * First-k slicing of supernet weights: a subnet uses rows [:out] and columns [:in] of a linear
 * weight, [:out] of its bias and [:d] of LayerNorm parameters. Slices are views, so gradients flow
 * into exactly those entries of the full parameters.
 */
final class Elastic {
  static final float LN_EPS = 1e-5f;

  private Elastic() {}

  /** x[..., in] times W[:out, :in] transposed, plus b[:out]. */
  static NDArray linear(ParamSource p, String name, NDArray x, int out, int in) {
    NDArray w = p.get(name + ".w").get(new NDIndex(":{}, :{}", out, in));
    NDArray b = p.get(name + ".b").get(new NDIndex(":{}", out));
    return x.matMul(w.transpose()).add(b);
  }

  static NDArray layerNorm(ParamSource p, String name, NDArray x, int d) {
    NDArray g = p.get(name + ".g").get(new NDIndex(":{}", d));
    NDArray b = p.get(name + ".b").get(new NDIndex(":{}", d));
    return LayerNorm.layerNorm(x, new Shape(d), g, b, LN_EPS).singletonOrThrow();
  }

  static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate <= 0) {
      return x;
    }
    return Dropout.dropout(x, rate, true).singletonOrThrow();
  }
}
