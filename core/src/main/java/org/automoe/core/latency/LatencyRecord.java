package org.automoe.core.latency;

import org.automoe.core.arch.Architecture;

/**
 * One row of a latency dataset: raw features (HAT's ten, or all fourteen of {@link
 * LatencyFeatures}), the measured latencies, and the architecture when the file names it (HAT's
 * published files do not).
 *
 * @param features raw features in {@link LatencyFeatures#NAMES} order, 10 or 14 of them
 * @param encoderMeanMs trimmed mean encoder latency
 * @param decoderMeanMs trimmed mean decoder latency
 * @param encoderStdMs standard deviation of the kept encoder timings
 * @param decoderStdMs standard deviation of the kept decoder timings
 * @param architecture the architecture measured, or null
 * @param referenceMs latency of the dataset's reference architecture measured just before this row
 *     (NaN when the file has none); see {@link DriftCorrection}
 */
public record LatencyRecord(
    double[] features,
    double encoderMeanMs,
    double decoderMeanMs,
    double encoderStdMs,
    double decoderStdMs,
    Architecture architecture,
    double referenceMs) {

  /** A row without a reference measurement. */
  public LatencyRecord(
      double[] features,
      double encoderMeanMs,
      double decoderMeanMs,
      double encoderStdMs,
      double decoderStdMs,
      Architecture architecture) {
    this(
        features,
        encoderMeanMs,
        decoderMeanMs,
        encoderStdMs,
        decoderStdMs,
        architecture,
        Double.NaN);
  }

  /** This row with both latencies multiplied by {@code factor}. */
  public LatencyRecord scaled(double factor) {
    return new LatencyRecord(
        features,
        encoderMeanMs * factor,
        decoderMeanMs * factor,
        encoderStdMs * factor,
        decoderStdMs * factor,
        architecture,
        referenceMs);
  }

  /** Latency as the paper reports it: encoder plus decoder. */
  public double totalMs() {
    return encoderMeanMs + decoderMeanMs;
  }

  /** True when the row carries the four MoE features. */
  public boolean hasMoeFeatures() {
    return features.length == LatencyFeatures.NAMES.size();
  }
}
