package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * The FFN of one layer: dense with one expert, else AutoMoE's heterogeneous MoE. The router is a
 * bias-free linear layer sliced to the first n experts; each token goes to its top-1 expert (no
 * capacity limit, no dropped token) and the expert output is scaled by the gate probability. Expert
 * i of width F uses the first F hidden units of supernet expert i.
 */
final class MoeLayer {
  /**
   * @param y output [batch, time, d]
   * @param balanceLoss Switch load-balancing loss of this layer, n * sum_i f_i p_i, over real
   *     tokens; null for a dense layer
   * @param expertOfToken chosen expert per token [batch * time]; null for a dense layer
   */
  record Output(NDArray y, NDArray balanceLoss, NDArray expertOfToken) {}

  private MoeLayer() {}

  /**
   * @param x [batch, time, d]
   * @param tokenMask [batch * time], 1 for real tokens and 0 for padding
   */
  static Output forward(
      ParamSource p,
      String layer,
      NDArray x,
      int d,
      List<Integer> widths,
      NDArray tokenMask,
      float activationDropout,
      boolean training) {
    if (widths.size() == 1) {
      return new Output(
          expert(p, layer + ".expert0", x, d, widths.get(0), activationDropout, training),
          null,
          null);
    }
    Shape shape = x.getShape();
    int n = widths.size();
    NDArray flat = x.reshape(-1, d);
    NDArray router = p.get(layer + ".router.w").get(new NDIndex(":{}, :{}", n, d));
    NDArray probs = flat.matMul(router.transpose()).softmax(-1);
    NDArray choice = probs.argMax(1);
    NDArray gate = probs.gather(choice.expandDims(1), 1);
    NDList outputs = new NDList();
    NDList positions = new NDList();
    for (int e = 0; e < n; e++) {
      NDArray selected = choice.eq(e).nonzero().squeeze(1);
      if (selected.getShape().get(0) == 0) {
        continue;
      }
      outputs.add(
          expert(
              p,
              layer + ".expert" + e,
              flat.get(selected),
              d,
              widths.get(e),
              activationDropout,
              training));
      positions.add(selected);
    }
    // Put the expert outputs back in token order with the inverse permutation.
    NDArray order = NDArrays.concat(positions).argSort();
    NDArray y = NDArrays.concat(outputs).get(order).mul(gate);
    return new Output(y.reshape(shape), balance(probs, choice, tokenMask, n), choice);
  }

  private static NDArray expert(
      ParamSource p,
      String name,
      NDArray x,
      int d,
      int width,
      float activationDropout,
      boolean training) {
    NDArray h = Activation.relu(Elastic.linear(p, name + ".fc1", x, width, d));
    h = Elastic.dropout(h, activationDropout, training);
    return Elastic.linear(p, name + ".fc2", h, d, width);
  }

  /** n * sum_i f_i p_i with f the routed fraction and p the mean probability over real tokens. */
  private static NDArray balance(NDArray probs, NDArray choice, NDArray tokenMask, int n) {
    NDArray m = tokenMask.expandDims(1);
    NDArray real = tokenMask.sum().maximum(1f);
    NDArray fraction =
        choice.oneHot(n).toType(DataType.FLOAT32, false).mul(m).sum(new int[] {0}).div(real);
    NDArray meanProb = probs.mul(m).sum(new int[] {0}).div(real);
    return fraction.mul(meanProb).sum().mul(n);
  }
}
