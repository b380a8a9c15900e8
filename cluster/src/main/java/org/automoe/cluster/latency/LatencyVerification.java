package org.automoe.cluster.latency;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.supernet.Supernet;

/** An architecture's predicted against its really measured latency: {@code latency verify}. */
final class LatencyVerification {
  /**
   * @param model the predictor file
   * @param arch the architecture file, read against the measured model's space
   * @param supernet trained supernet folder; null for weights initialised from the seed
   * @param space space name or file; null for the supernet's (or small)
   * @param corpus corpus for source sentences without a supernet; null for the bundled one
   * @param runs timed runs
   * @param threads intra-op threads
   * @param beam beam width
   * @param seed weights without a supernet
   */
  record Settings(
      Path model,
      Path arch,
      Path supernet,
      String space,
      Path corpus,
      int runs,
      int threads,
      int beam,
      long seed) {}

  /**
   * @param sample the raw measurement
   * @param referenceArch the predictor's reference architecture; null when it has none
   * @param referenceMs the reference's latency around the measurement (NaN without one)
   * @param trainingReferenceMs the reference's latency in the predictor's training data
   * @param typicalMs the measurement at the machine's typical speed (raw without a reference)
   */
  record Result(
      Architecture arch,
      double predictedMs,
      LatencySample sample,
      String referenceArch,
      double referenceMs,
      double trainingReferenceMs,
      double typicalMs) {
    /** The prediction's error relative to the measurement at typical speed. */
    double relativeError() {
      return (predictedMs - typicalMs) / typicalMs;
    }
  }

  private LatencyVerification() {}

  static Result run(Settings s) {
    MeasurementSetup.threads(s.threads());
    try (NDManager manager = NDManager.newBaseManager();
        LatencyPredictor predictor = LatencyPredictor.load(s.model())) {
      MeasurementSetup setup =
          MeasurementSetup.open(s.supernet(), s.space(), s.corpus(), s.seed(), manager);
      try (Supernet net = setup.net()) {
        Architecture a = HatYamlCodec.read(s.arch(), net.space());
        double predicted = predictor.predictMs(List.of(a))[0];
        LatencyCheck.Measured m =
            LatencyCheck.measure(
                net, setup.sentences(), a, predictor.metadata(), s.runs(), s.beam(), s.threads());
        return new Result(
            a,
            predicted,
            m.sample(),
            predictor.metadata().referenceArch(),
            m.referenceMs(),
            predictor.metadata().referenceMs(),
            m.typicalMs());
      }
    }
  }
}
