package org.automoe.cluster.latency;

import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.ArchitectureKey;
import org.automoe.core.latency.Hardware;
import org.automoe.core.latency.LatencyMeter;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.latency.LatencyProtocol;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.supernet.Supernet;

/**
 * Measures an architecture's real latency so it compares with a prediction. A predictor trained on
 * drift-corrected data predicts the machine at its typical speed, so the reference architecture is
 * timed first and the measurement scaled by the training data's median reference over it.
 */
public final class LatencyCheck {
  private LatencyCheck() {}

  /**
   * @param sample the raw measurement
   * @param referenceMs the reference's latency just before it (NaN when the predictor has none)
   * @param typicalMs the measurement at the machine's typical speed (raw when no reference)
   */
  public record Measured(LatencySample sample, double referenceMs, double typicalMs) {}

  public static Measured measure(
      Supernet net,
      List<int[]> sentences,
      Architecture a,
      LatencyPredictor.Metadata predictor,
      int runs,
      int beam,
      int threads) {
    String referenceKey = predictor == null ? null : predictor.referenceArch();
    LatencyMeter meter = new LatencyMeter(net, sentences, LatencyProtocol.hat(runs, beam));
    if (referenceKey == null) {
      LatencySample s = meter.measure(a, Hardware.describe(), threads);
      return new Measured(s, Double.NaN, s.totalMs());
    }
    Architecture reference = ArchitectureKey.parse(referenceKey);
    LatencyMeter referenceMeter =
        new LatencyMeter(net, sentences, LatencyProtocol.hat(LatencyDataset.REFERENCE_RUNS, beam));
    double before = referenceMeter.measure(reference, Hardware.describe(), threads).totalMs();
    LatencySample s = meter.measure(a, Hardware.describe(), threads);
    double after = referenceMeter.measure(reference, Hardware.describe(), threads).totalMs();
    // Slowdowns come in bursts that can double one short reference timing; the faster of the
    // two around the measurement is the steadier estimate of the machine's speed.
    double referenceNow = Math.min(before, after);
    double typical = s.totalMs() * predictor.referenceMs() / referenceNow;
    return new Measured(s, referenceNow, typical);
  }
}
