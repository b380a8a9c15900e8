package org.automoe.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.Seeds;

/**
 * Packs examples into batches of at most {@code maxTokens} padded tokens (fairseq's {@code
 * --max-tokens}): examples sorted by length so padding stays small, then the batch order shuffled
 * with a seed derived from (seed, epoch), so every epoch differs and every run replays.
 */
public final class TokenBatcher {
  private final int maxTokens;
  private final int maxLength;

  /**
   * @param maxTokens padded tokens per batch, larger side
   * @param maxLength longest side allowed, EOS included; longer examples are dropped
   */
  public TokenBatcher(int maxTokens, int maxLength) {
    if (maxLength < 2 || maxTokens < maxLength) {
      throw new InvalidInputException(
          "max tokens per batch ("
              + maxTokens
              + ") must be at least the max length ("
              + maxLength
              + ")");
    }
    this.maxTokens = maxTokens;
    this.maxLength = maxLength;
  }

  /** The batches of one epoch, and how many examples were too long. */
  public record Epoch(List<Batch> batches, int droppedTooLong) {}

  public Epoch epoch(List<Example> examples, long seed, int epoch) {
    List<Integer> order = new ArrayList<>();
    int dropped = 0;
    for (int i = 0; i < examples.size(); i++) {
      if (length(examples.get(i)) <= maxLength) {
        order.add(i);
      } else {
        dropped++;
      }
    }
    RandomGenerator rng = Seeds.rng(Seeds.derive(seed, epoch));
    // Shuffle first so equal lengths are not always batched together in file order.
    Collections.shuffle(order, new Random(rng.nextLong()));
    order.sort(Comparator.comparingInt(i -> length(examples.get(i))));
    List<Batch> batches = new ArrayList<>();
    List<Example> current = new ArrayList<>();
    int longest = 0;
    for (int i : order) {
      Example e = examples.get(i);
      int len = length(e);
      if (!current.isEmpty() && (current.size() + 1) * Math.max(longest, len) > maxTokens) {
        batches.add(pad(current));
        current = new ArrayList<>();
        longest = 0;
      }
      current.add(e);
      longest = Math.max(longest, len);
    }
    if (!current.isEmpty()) {
      batches.add(pad(current));
    }
    Collections.shuffle(batches, new Random(rng.nextLong()));
    return new Epoch(batches, dropped);
  }

  /** Batches in corpus order, for evaluation (no shuffling, nothing dropped). */
  public List<Batch> inOrder(List<Example> examples) {
    List<Batch> out = new ArrayList<>();
    List<Example> current = new ArrayList<>();
    int longest = 0;
    for (Example e : examples) {
      int len = length(e);
      if (!current.isEmpty() && (current.size() + 1) * Math.max(longest, len) > maxTokens) {
        out.add(pad(current));
        current = new ArrayList<>();
        longest = 0;
      }
      current.add(e);
      longest = Math.max(longest, len);
    }
    if (!current.isEmpty()) {
      out.add(pad(current));
    }
    return out;
  }

  /** Tokens of the larger side with EOS (source) or BOS/EOS (target). */
  static int length(Example e) {
    return Math.max(e.source().length, e.target().length) + 1;
  }

  /** One padded batch of exactly these examples, in this order. */
  public static Batch pad(List<Example> rows) {
    int s = 0;
    int t = 0;
    for (Example e : rows) {
      s = Math.max(s, e.source().length + 1);
      t = Math.max(t, e.target().length + 1);
    }
    int n = rows.size();
    int[][] source = new int[n][s];
    int[][] in = new int[n][t];
    int[][] out = new int[n][t];
    int[] sourceLengths = new int[n];
    int[] targetLengths = new int[n];
    for (int r = 0; r < n; r++) {
      int[] src = rows.get(r).source();
      int[] tgt = rows.get(r).target();
      System.arraycopy(src, 0, source[r], 0, src.length);
      source[r][src.length] = Bpe.EOS;
      in[r][0] = Bpe.BOS;
      System.arraycopy(tgt, 0, in[r], 1, tgt.length);
      System.arraycopy(tgt, 0, out[r], 0, tgt.length);
      out[r][tgt.length] = Bpe.EOS;
      sourceLengths[r] = src.length + 1;
      targetLengths[r] = tgt.length + 1;
    }
    return new Batch(source, in, out, sourceLengths, targetLengths);
  }
}
