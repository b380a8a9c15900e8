package org.automoe.cluster.latency;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.automoe.core.latency.LatencyProtocol;
import org.automoe.core.supernet.Supernet;

/** Measures (or resumes) a latency dataset of this machine: {@code latency measure}. */
final class LatencyMeasurement {
  /**
   * @param supernet trained supernet folder; null for weights initialised from the seed
   * @param space space name or file; null for the supernet's (or small)
   * @param corpus corpus for source sentences without a supernet; null for the bundled one
   * @param samples architectures to measure
   * @param out the CSV to write or resume
   * @param threads intra-op threads
   * @param beam 1 (greedy) or a beam width
   * @param runs timed runs per architecture
   * @param seed architecture draws (and weights without a supernet)
   */
  record Settings(
      Path supernet,
      String space,
      Path corpus,
      int samples,
      Path out,
      int threads,
      int beam,
      int runs,
      long seed) {}

  private LatencyMeasurement() {}

  static LatencyDataset.Result run(Settings s) {
    MeasurementSetup.threads(s.threads());
    try (NDManager manager = NDManager.newBaseManager()) {
      MeasurementSetup setup =
          MeasurementSetup.open(s.supernet(), s.space(), s.corpus(), s.seed(), manager);
      try (Supernet net = setup.net()) {
        return LatencyDataset.measure(
            s.out(),
            net,
            setup,
            LatencyProtocol.hat(s.runs(), s.beam()),
            s.samples(),
            s.seed(),
            s.threads());
      }
    }
  }
}
