package org.automoe.core.latency;

import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;

/**
 * One measured architecture: HAT's protocol (batch 1, encoder once, then incremental decoder steps;
 * warm-ups, then timed runs trimmed by 10 % at both ends).
 *
 * @param architecture the architecture measured
 * @param encoderMeanMs trimmed mean encoder latency
 * @param encoderStdMs standard deviation of the kept encoder timings
 * @param decoderMeanMs trimmed mean decoder latency over all steps
 * @param decoderStdMs standard deviation of the kept decoder timings
 * @param timedRuns timed runs before trimming
 * @param threads intra-op threads used
 * @param beam beam size of the decoder steps (1 = greedy)
 * @param hardware description of the hardware
 */
public record LatencySample(
    Architecture architecture,
    double encoderMeanMs,
    double encoderStdMs,
    double decoderMeanMs,
    double decoderStdMs,
    int timedRuns,
    int threads,
    int beam,
    String hardware) {

  public LatencySample {
    if (!(encoderMeanMs >= 0) || !(decoderMeanMs >= 0)) {
      throw new InvalidInputException(
          "latencies must be non-negative numbers, but were "
              + encoderMeanMs
              + " and "
              + decoderMeanMs);
    }
    if (timedRuns < 1 || threads < 1 || beam < 1) {
      throw new InvalidInputException("timed runs, threads and beam must be at least 1");
    }
  }

  /** Latency as the paper reports it: encoder plus decoder. */
  public double totalMs() {
    return encoderMeanMs + decoderMeanMs;
  }
}
