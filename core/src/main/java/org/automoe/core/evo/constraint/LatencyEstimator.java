package org.automoe.core.evo.constraint;

import java.util.Arrays;
import java.util.List;
import org.automoe.core.arch.Architecture;

/**
 * Predicts inference latency for a batch of architectures in one call, so a learned predictor can
 * score a whole population at once.
 */
@FunctionalInterface
public interface LatencyEstimator {
  /** Used when no predictor is configured: every latency is unknown (NaN). */
  LatencyEstimator NONE =
      archs -> {
        double[] out = new double[archs.size()];
        Arrays.fill(out, Double.NaN);
        return out;
      };

  /** Predicted latency in milliseconds, one per architecture, in order. */
  double[] predictMs(List<Architecture> archs);
}
