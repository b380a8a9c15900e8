package org.automoe.core.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Bpe;
import org.automoe.core.supernet.IncrementalDecoder;
import org.automoe.core.supernet.Supernet;

/**
 * Measures a subnet's latency on this machine with {@link LatencyProtocol}. Sources are real text:
 * the validation sentences' tokens cut into windows of the protocol's length, one window per run in
 * turn, so heterogeneous experts see the routing real sentences give them.
 */
public final class LatencyMeter {
  private final Supernet net;
  private final List<int[]> sources;
  private final LatencyProtocol protocol;
  private int next;

  public LatencyMeter(Supernet net, List<int[]> sentences, LatencyProtocol protocol) {
    this.net = net;
    this.protocol = protocol;
    this.sources = windows(sentences, protocol.sourceTokens());
  }

  /** Sentences' tokens one after another, cut into windows of {@code length - 1} plus EOS. */
  static List<int[]> windows(List<int[]> sentences, int length) {
    List<int[]> out = new ArrayList<>();
    int[] window = new int[length];
    int filled = 0;
    for (int[] s : sentences) {
      for (int token : s) {
        window[filled++] = token;
        if (filled == length - 1) {
          window[filled] = Bpe.EOS;
          out.add(window);
          window = new int[length];
          filled = 0;
        }
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(
          "latency measurement needs at least " + (length - 1) + " tokens of source text");
    }
    return out;
  }

  /**
   * Runs {@code a} untimed for about {@code seconds}: the JIT compiles the decoding path and the
   * allocator settles before the first timed architecture (the first rows of a dataset measured
   * without this were about 15 % slow).
   */
  public void warmUp(Architecture a, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    try (IncrementalDecoder d = IncrementalDecoder.open(net, a)) {
      while (System.nanoTime() < end) {
        int[] source = sources.get(next);
        next = (next + 1) % sources.size();
        d.encode(List.of(source), 1);
        decode(d);
      }
    }
  }

  /** Windows of real text available (runs cycle through them). */
  public int sourceCount() {
    return sources.size();
  }

  public LatencySample measure(Architecture a, String hardware, int threads) {
    double[] encoder = new double[protocol.runs()];
    double[] decoder = new double[protocol.runs()];
    try (IncrementalDecoder d = IncrementalDecoder.open(net, a)) {
      for (int run = -protocol.warmups(); run < protocol.runs(); run++) {
        int[] source = sources.get(next);
        next = (next + 1) % sources.size();
        long t0 = System.nanoTime();
        d.encode(List.of(source), 1);
        long t1 = System.nanoTime();
        decode(d);
        long t2 = System.nanoTime();
        if (run >= 0) {
          encoder[run] = (t1 - t0) / 1e6;
          decoder[run] = (t2 - t1) / 1e6;
        }
      }
    }
    double[] enc = LatencyProtocol.trimmedMeanStd(encoder, protocol.trim());
    double[] dec = LatencyProtocol.trimmedMeanStd(decoder, protocol.trim());
    return new LatencySample(
        a, enc[0], enc[1], dec[0], dec[1], protocol.runs(), threads, protocol.beam(), hardware);
  }

  /** The decoder steps: greedy, or a beam search whose caches follow the surviving beams. */
  private void decode(IncrementalDecoder d) {
    int beam = protocol.beam();
    if (beam == 1) {
      long[] tokens = {Bpe.BOS};
      for (int step = 0; step < protocol.decoderSteps(); step++) {
        tokens = d.stepGreedy(tokens);
      }
      return;
    }
    d.reorder(new long[beam]); // beam copies of the one encoded source
    long[] tokens = new long[beam];
    Arrays.fill(tokens, Bpe.BOS);
    double[] scores = new double[beam];
    Arrays.fill(scores, 1, beam, Double.NEGATIVE_INFINITY); // only one live start
    for (int step = 0; step < protocol.decoderSteps(); step++) {
      float[] logp = d.stepLogProbs(tokens);
      int vocab = logp.length / beam;
      record Choice(int parent, int token, double score) {}
      PriorityQueue<Choice> best = new PriorityQueue<>(Comparator.comparingDouble(Choice::score));
      for (int r = 0; r < beam; r++) {
        for (int v = 0; v < vocab; v++) {
          double s = scores[r] + logp[r * vocab + v];
          if (best.size() < beam || s > best.peek().score()) {
            best.add(new Choice(r, v, s));
            if (best.size() > beam) {
              best.poll();
            }
          }
        }
      }
      long[] parents = new long[beam];
      int i = 0;
      for (Choice c : best) {
        parents[i] = c.parent();
        tokens[i] = c.token();
        scores[i] = c.score();
        i++;
      }
      d.reorder(parents);
    }
  }
}
