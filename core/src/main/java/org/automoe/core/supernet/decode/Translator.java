package org.automoe.core.supernet.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.supernet.IncrementalDecoder;
import org.automoe.core.supernet.Supernet;

/**
 * Greedy decoding of a subnet: the encoder runs once per batch, then the decoder extends every
 * sentence by its most probable token until each has ended or reached its length limit (1.5 x its
 * source + 10 tokens, as in beam search). The decoder keeps a key/value cache ({@link
 * IncrementalDecoder}), so a step costs the same at any position.
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
            .map(s -> new Example(s.length > longest ? Arrays.copyOf(s, longest) : s, new int[0]))
            .toList();
    List<int[]> out = new ArrayList<>();
    for (Batch b :
        new TokenBatcher(Math.max(maxTokens, longest + 1), longest + 1).inOrder(examples)) {
      out.addAll(batch(b));
    }
    return out;
  }

  private List<int[]> batch(Batch batch) {
    int rows = batch.size();
    List<int[]> sources = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      sources.add(Arrays.copyOf(batch.source()[r], batch.sourceLengths()[r]));
    }
    // Each sentence's own limit, 1.5 x its source (without EOS) + 10 tokens, as beam search's: the
    // batch it shares must not lengthen a sentence that never ends.
    int[] limits = new int[rows];
    int longest = 0;
    for (int r = 0; r < rows; r++) {
      limits[r] =
          Math.min(
              (int) ((batch.sourceLengths()[r] - 1) * 1.5) + 10,
              net.weights().shape().maxPositions() - 1);
      longest = Math.max(longest, limits[r]);
    }
    List<List<Integer>> prefix = new ArrayList<>();
    boolean[] done = new boolean[rows];
    long[] last = new long[rows];
    for (int r = 0; r < rows; r++) {
      prefix.add(new ArrayList<>(List.of(Bpe.BOS)));
      last[r] = Bpe.BOS;
    }
    try (IncrementalDecoder decoder = IncrementalDecoder.open(net, arch)) {
      decoder.encode(sources, 1);
      for (int t = 0; t < longest && !allTrue(done); t++) {
        long[] next = decoder.stepGreedy(last);
        for (int r = 0; r < rows; r++) {
          int token = done[r] ? Bpe.PAD : (int) next[r];
          prefix.get(r).add(token);
          last[r] = token;
          done[r] |= token == Bpe.EOS || t + 1 >= limits[r];
        }
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

  private static boolean allTrue(boolean[] v) {
    for (boolean b : v) {
      if (!b) {
        return false;
      }
    }
    return true;
  }
}
