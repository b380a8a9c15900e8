package org.automoe.core.supernet;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.core.arch.Extremes;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** A supernet of the tiny space over a 40-token vocabulary, and synthetic batches. */
final class TinySupernet {
  static final SearchSpace SPACE = BuiltInSpaces.tiny();
  static final int VOCAB = 40;

  private TinySupernet() {}

  static Supernet create(NDManager manager, long seed) {
    return new Supernet(
        SPACE, SupernetWeights.init(SupernetShape.of(SPACE, VOCAB, 64), seed, manager));
  }

  /** Sentences of random tokens whose translation is each token shifted by one. */
  static List<Example> shiftTask(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[3 + r.nextInt(6)];
      for (int k = 0; k < s.length; k++) {
        s[k] = 4 + r.nextInt(VOCAB - 5);
      }
      int[] t = new int[s.length];
      for (int k = 0; k < s.length; k++) {
        t[k] = s[k] + 1;
      }
      out.add(new Example(s, t));
    }
    return out;
  }

  static Batch batch(int n, long seed) {
    return TokenBatcher.pad(shiftTask(n, seed));
  }

  /** Alternates between the largest subnet and {@code a}, so both sets of slices train. */
  static Architecture largestOr(Architecture a, int step) {
    return step % 2 == 0 ? Extremes.largest(SPACE, false) : a;
  }

  /** d=32 of 64 on both sides, 2 encoder layers (heterogeneous MoE), 1 of 2 decoder layers. */
  static Architecture mixed() {
    return new Architecture(
        32,
        32,
        List.of(new EncoderLayer(2, List.of(64, 32)), new EncoderLayer(4, List.of(128))),
        List.of(new DecoderLayer(2, 4, 1, List.of(32, 128, 64))));
  }
}
