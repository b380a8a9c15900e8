package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;

/**
 * Greedy decoding of a subnet: the encoder runs once per batch, then the decoder extends every
 * sentence by its most probable token until all have ended (or a length limit of 1.5 x source +
 * 10). The decoder re-reads its whole prefix each step; the key/value cache belongs to latency
 * measurement.
 */
public final class Translator {
  private final Supernet net;
  private final Architecture arch;

  public Translator(Supernet net, Architecture arch) {
    this.net = net;
    this.arch = arch;
  }

  /** Token ids of the translation of each source, in order. */
  public List<int[]> translate(List<int[]> sources, int maxTokens) {
    // Sources longer than the position table are cut; the EOS takes one position.
    int longest = net.weights().shape().maxPositions() - 1;
    List<Example> examples =
        sources.stream()
            .map(
                s ->
                    new Example(
                        s.length > longest ? java.util.Arrays.copyOf(s, longest) : s, new int[0]))
            .toList();
    List<int[]> out = new ArrayList<>();
    for (Batch b :
        new TokenBatcher(Math.max(maxTokens, longest + 1), longest + 1).inOrder(examples)) {
      out.addAll(batch(b));
    }
    return out;
  }

  private List<int[]> batch(Batch batch) {
    NDManager m = net.weights().manager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      BatchArrays b = new BatchArrays(m, batch);
      SubnetForward f = net.forward(net.weights(), arch, Regularization.NONE, false);
      List<NDArray> encoded =
          f.encode(b.source, b.sourceMask, b.sourceTokens, new ArrayList<>(), new ArrayList<>());
      int rows = batch.size();
      int limit = (int) (batch.source()[0].length * 1.5) + 10;
      limit = Math.min(limit, net.weights().shape().maxPositions());
      List<List<Integer>> prefix = new ArrayList<>();
      boolean[] done = new boolean[rows];
      for (int r = 0; r < rows; r++) {
        prefix.add(new ArrayList<>(List.of(Bpe.BOS)));
      }
      for (int t = 0; t < limit - 1 && !allTrue(done); t++) {
        int[][] ids = new int[rows][t + 1];
        for (int r = 0; r < rows; r++) {
          for (int k = 0; k <= t; k++) {
            ids[r][k] = prefix.get(r).get(k);
          }
        }
        long[] next;
        // Each step keeps only the chosen ids; its arrays are freed before the next step.
        try (NDScope step = new NDScope()) {
          step.suppressNotUsedWarning();
          NDArray in = m.create(ids).toType(DataType.INT64, false);
          NDArray ones = m.ones(new ai.djl.ndarray.types.Shape((long) rows * (t + 1)));
          NDArray y =
              f.decode(in, encoded, b.sourceMask, ones, new ArrayList<>(), new ArrayList<>());
          next = f.project(y.get(new NDIndex(":, -1, :"))).argMax(1).toLongArray();
        }
        for (int r = 0; r < rows; r++) {
          int token = done[r] ? Bpe.PAD : (int) next[r];
          prefix.get(r).add(token);
          done[r] |= token == Bpe.EOS;
        }
      }
      List<int[]> out = new ArrayList<>();
      for (List<Integer> p : prefix) {
        int end = p.indexOf(Bpe.EOS);
        List<Integer> tokens = p.subList(1, end < 0 ? p.size() : end);
        out.add(tokens.stream().mapToInt(Integer::intValue).filter(x -> x != Bpe.PAD).toArray());
      }
      return out;
    }
  }

  private static boolean allTrue(boolean[] v) {
    for (boolean b : v) {
      if (!b) {
        return false;
      }
    }
    return true;
  }
}
