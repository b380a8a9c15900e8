package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;

/**
 * Beam search for one subnet, sentence by sentence with its beams as one batch. Hypotheses end at
 * EOS and are ranked by log-probability divided by length (fairseq's default length penalty 1); the
 * search stops when the best live beam can no longer beat the best finished one at the length
 * limit, or when {@code width} hypotheses have finished.
 */
public final class BeamSearch {
  private final Supernet net;
  private final Architecture arch;
  private final int width;

  public BeamSearch(Supernet net, Architecture arch, int width) {
    if (width < 1) {
      throw new InvalidInputException("beam width must be at least 1, but was " + width);
    }
    this.net = net;
    this.arch = arch;
    this.width = width;
  }

  private record Hypothesis(List<Integer> tokens, double logProb) {
    double normalized() {
      return logProb / Math.max(1, tokens.size() - 1);
    }
  }

  public List<int[]> translate(List<int[]> sources) {
    List<int[]> out = new ArrayList<>();
    for (int[] s : sources) {
      out.add(one(s));
    }
    return out;
  }

  private int[] one(int[] source) {
    int longest = net.weights().shape().maxPositions() - 1;
    int[] src = source.length > longest ? java.util.Arrays.copyOf(source, longest) : source;
    NDManager m = net.weights().manager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      BatchArrays b = new BatchArrays(m, TokenBatcher.pad(List.of(new Example(src, new int[0]))));
      SubnetForward f = net.forward(net.weights(), arch, Regularization.NONE, false);
      List<NDArray> encoded =
          f.encode(b.source, b.sourceMask, b.sourceTokens, new ArrayList<>(), new ArrayList<>());
      int limit = Math.min((int) (src.length * 1.5) + 10, net.weights().shape().maxPositions() - 1);
      List<Hypothesis> live = List.of(new Hypothesis(List.of(Bpe.BOS), 0));
      List<Hypothesis> finished = new ArrayList<>();
      for (int t = 0; t < limit && finished.size() < width && !live.isEmpty(); t++) {
        int k = live.size();
        int[][] ids = new int[k][t + 1];
        for (int r = 0; r < k; r++) {
          for (int c = 0; c <= t; c++) {
            ids[r][c] = live.get(r).tokens().get(c);
          }
        }
        float[] logp;
        // Each step keeps only the log-probabilities; its arrays are freed before the next step.
        try (NDScope step = new NDScope()) {
          step.suppressNotUsedWarning();
          NDArray in = m.create(ids).toType(DataType.INT64, false);
          List<NDArray> memory = encoded.stream().map(e -> repeat(e, k)).toList();
          NDArray y =
              f.decode(
                  in,
                  memory,
                  repeat(b.sourceMask, k),
                  m.ones(new Shape((long) k * (t + 1))),
                  new ArrayList<>(),
                  new ArrayList<>());
          logp = f.project(y.get(new NDIndex(":, -1, :"))).logSoftmax(-1).toFloatArray();
        }
        int vocab = logp.length / k;
        PriorityQueue<Hypothesis> next =
            new PriorityQueue<>(Comparator.comparingDouble(Hypothesis::logProb));
        for (int r = 0; r < k; r++) {
          for (int v = Bpe.BOS + 1; v < vocab; v++) {
            double score = live.get(r).logProb() + logp[r * vocab + v];
            if (next.size() < width || score > next.peek().logProb()) {
              List<Integer> tokens = new ArrayList<>(live.get(r).tokens());
              tokens.add(v);
              next.add(new Hypothesis(tokens, score));
              if (next.size() > width) {
                next.poll();
              }
            }
          }
        }
        List<Hypothesis> kept = new ArrayList<>(next);
        kept.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
        List<Hypothesis> stillLive = new ArrayList<>();
        for (Hypothesis h : kept) {
          (h.tokens().get(h.tokens().size() - 1) == Bpe.EOS ? finished : stillLive).add(h);
        }
        live = stillLive;
      }
      finished.addAll(live);
      Hypothesis best =
          finished.stream().max(Comparator.comparingDouble(Hypothesis::normalized)).orElseThrow();
      return best.tokens().stream()
          .skip(1)
          .mapToInt(Integer::intValue)
          .filter(x -> x != Bpe.EOS)
          .toArray();
    }
  }

  private static NDArray repeat(NDArray a, int k) {
    if (k == 1) {
      return a;
    }
    NDList copies = new NDList();
    for (int i = 0; i < k; i++) {
      copies.add(a);
    }
    return NDArrays.concat(copies, 0);
  }
}
