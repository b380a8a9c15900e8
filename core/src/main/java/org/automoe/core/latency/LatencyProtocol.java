package org.automoe.core.latency;

import java.util.Arrays;
import org.automoe.core.InvalidInputException;

/**
 * HAT's measurement protocol (REFERENCE section 4): batch 1, a source of {@code sourceTokens}, the
 * encoder once, then {@code decoderSteps} incremental decoder steps; {@code warmups} untimed runs,
 * then {@code runs} timed ones, {@code trim} of them dropped at each end before the mean.
 *
 * @param sourceTokens source length, EOS included (HAT: 30)
 * @param decoderSteps decoder steps, run to the end whatever is decoded (HAT: 30)
 * @param warmups untimed runs first (HAT: 5)
 * @param runs timed runs (HAT: 20 for datasets, 100 for verification)
 * @param trim share dropped at each end (HAT: 0.1)
 * @param beam hypotheses per step (1 = greedy; HAT: 5)
 */
public record LatencyProtocol(
    int sourceTokens, int decoderSteps, int warmups, int runs, double trim, int beam) {

  public LatencyProtocol {
    if (sourceTokens < 2 || decoderSteps < 1 || warmups < 0 || runs < 1 || beam < 1) {
      throw new InvalidInputException(
          "latency protocol: source of at least 2 tokens, at least 1 decoder step, 1 run and"
              + " beam 1");
    }
    if (!(trim >= 0 && trim < 0.5)) {
      throw new InvalidInputException("latency protocol: trim must be in [0, 0.5)");
    }
  }

  /** HAT's dataset protocol with the given runs and beam. */
  public static LatencyProtocol hat(int runs, int beam) {
    return new LatencyProtocol(30, 30, 5, runs, 0.1, beam);
  }

  /** Trimmed mean and standard deviation of the kept timings (ms). */
  static double[] trimmedMeanStd(double[] timings, double trim) {
    double[] sorted = timings.clone();
    Arrays.sort(sorted);
    int drop = (int) Math.floor(sorted.length * trim);
    int from = drop;
    int to = sorted.length - drop;
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += sorted[i];
    }
    double mean = sum / (to - from);
    double squares = 0;
    for (int i = from; i < to; i++) {
      squares += (sorted[i] - mean) * (sorted[i] - mean);
    }
    double std = to - from > 1 ? Math.sqrt(squares / (to - from - 1)) : 0;
    return new double[] {mean, std};
  }
}
