package org.automoe.core.supernet.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.supernet.IncrementalDecoder;
import org.automoe.core.supernet.Supernet;

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

  /** A partial translation; {@code row} is its row in the decoder's batch. */
  private record Hypothesis(List<Integer> tokens, double logProb, int row) {
    double normalized() {
      return logProb / Math.max(1, tokens.size() - 1);
    }

    int last() {
      return tokens.get(tokens.size() - 1);
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
    int[] src = source.length > longest ? Arrays.copyOf(source, longest) : source;
    Batch padded = TokenBatcher.pad(List.of(new Example(src, new int[0])));
    int[] withEos = Arrays.copyOf(padded.source()[0], padded.sourceLengths()[0]);
    int limit = Math.min((int) (src.length * 1.5) + 10, net.weights().shape().maxPositions() - 1);
    List<Hypothesis> live = List.of(new Hypothesis(List.of(Bpe.BOS), 0, 0));
    List<Hypothesis> finished = new ArrayList<>();
    try (IncrementalDecoder decoder = IncrementalDecoder.open(net, arch)) {
      decoder.encode(List.of(withEos), 1);
      for (int t = 0; t < limit && finished.size() < width && !live.isEmpty(); t++) {
        float[] logp = decoder.stepLogProbs(live.stream().mapToLong(Hypothesis::last).toArray());
        int vocab = logp.length / live.size();
        PriorityQueue<Hypothesis> next =
            new PriorityQueue<>(Comparator.comparingDouble(Hypothesis::logProb));
        for (Hypothesis h : live) {
          for (int v = Bpe.BOS + 1; v < vocab; v++) {
            double score = h.logProb() + logp[h.row() * vocab + v];
            if (next.size() < width || score > next.peek().logProb()) {
              List<Integer> tokens = new ArrayList<>(h.tokens());
              tokens.add(v);
              next.add(new Hypothesis(tokens, score, h.row()));
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
          if (h.last() == Bpe.EOS) {
            finished.add(h);
          } else {
            // The row of the cache it continues; rows are renumbered by the reorder below.
            stillLive.add(new Hypothesis(h.tokens(), h.logProb(), stillLive.size()));
          }
        }
        if (!stillLive.isEmpty()) {
          long[] parents = new long[stillLive.size()];
          int i = 0;
          for (Hypothesis h : kept) {
            if (h.last() != Bpe.EOS) {
              parents[i++] = h.row();
            }
          }
          decoder.reorder(parents);
        }
        live = stillLive;
      }
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
