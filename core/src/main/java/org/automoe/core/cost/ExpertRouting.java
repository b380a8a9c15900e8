package org.automoe.core.cost;

import java.util.Arrays;

/**
 * The share of tokens each expert of a layer receives. With heterogeneous experts the FLOPs of an
 * MoE layer depend on routing, so every cost report states the routing it assumed.
 */
public interface ExpertRouting {
  /** Every expert gets the same share of tokens. */
  ExpertRouting UNIFORM =
      new ExpertRouting() {
        @Override
        public double[] shares(boolean decoder, int layer, int experts) {
          double[] s = new double[experts];
          Arrays.fill(s, 1.0 / experts);
          return s;
        }

        @Override
        public String description() {
          return "uniform";
        }
      };

  /** Token shares of the experts of one layer; they sum to 1. */
  double[] shares(boolean decoder, int layer, int experts);

  /** A short name printed with every report, e.g. {@code uniform}. */
  String description();
}
