package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with bias correction, updating only the parameters a step used (like PyTorch skipping
 * parameters without gradient), with a step count per parameter. Its moments live beside the
 * weights so a checkpoint can save them and a resumed run continues exactly.
 */
final class Adam {
  final float beta1;
  final float beta2;
  final float epsilon;
  final Map<String, NDArray> first = new LinkedHashMap<>();
  final Map<String, NDArray> second = new LinkedHashMap<>();
  final Map<String, Long> steps = new HashMap<>();

  /** Moments start at zero; they are allocated up front, outside any step scope. */
  Adam(SupernetWeights w, float beta1, float beta2, float epsilon) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    for (String name : w.names()) {
      first.put(name, w.manager().zeros(w.get(name).getShape()));
      second.put(name, w.manager().zeros(w.get(name).getShape()));
    }
  }

  /** True when every gradient of the used parameters is finite (one sum per parameter). */
  boolean gradientsFinite(SupernetWeights w, Set<String> used) {
    for (String name : used) {
      if (!Float.isFinite(w.get(name).getGradient().sum().getFloat())) {
        return false;
      }
    }
    return true;
  }

  /** Zeroes the gradients of a step that is not applied. */
  void discardGradients(SupernetWeights w, Set<String> used) {
    for (String name : used) {
      // Assigned, not subtracted: the gradient may hold NaN, and NaN - NaN is NaN.
      w.get(name).getGradient().set(new NDIndex(":"), 0f);
    }
  }

  /** One update of the used parameters; their gradients are zeroed afterwards. */
  void update(SupernetWeights w, Set<String> used, float lr) {
    for (String name : used) {
      NDArray weight = w.get(name);
      NDArray g = weight.getGradient();
      long t = steps.merge(name, 1L, Long::sum);
      NDArray m = first.get(name);
      NDArray v = second.get(name);
      m.muli(beta1).addi(g.mul(1 - beta1));
      v.muli(beta2).addi(g.square().mul(1 - beta2));
      double c1 = 1 - Math.pow(beta1, t);
      double c2 = 1 - Math.pow(beta2, t);
      NDArray step = m.div(c1).div(v.div(c2).sqrt().add(epsilon)).mul(lr);
      weight.subi(step);
      g.subi(g);
    }
  }
}
