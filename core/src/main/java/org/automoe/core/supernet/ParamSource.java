package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import java.util.Set;

/** Where the forward pass reads parameters: the supernet, or an exported standalone subnet. */
public interface ParamSource {
  NDArray get(String name);

  /** Sinusoidal positions, at least as wide as the subnet's embedding. */
  NDArray positions();

  /** A view that records the name of every parameter read, so only those get updated. */
  default ParamSource recording(Set<String> used) {
    ParamSource self = this;
    return new ParamSource() {
      @Override
      public NDArray get(String name) {
        used.add(name);
        return self.get(name);
      }

      @Override
      public NDArray positions() {
        return self.positions();
      }
    };
  }
}
