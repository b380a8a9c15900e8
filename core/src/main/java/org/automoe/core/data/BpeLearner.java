package org.automoe.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.automoe.core.InvalidInputException;

/**
 * Learns a joint BPE vocabulary of a target size from sentences of both languages. Deterministic:
 * the most frequent pair wins, ties go to the pair of lower symbol ids, and ids follow code point
 * order, so the same text gives the same merges on any machine.
 */
public final class BpeLearner {
  /** AutoMoE's setting: characters seen only once are left to byte fallback. */
  public static final int DEFAULT_MIN_CHAR_COUNT = 2;

  private final int vocabSize;
  private final int minCharCount;

  /**
   * @param vocabSize target vocabulary size, specials and byte tokens included
   * @param minCharCount characters seen fewer times are left to byte fallback
   */
  public BpeLearner(int vocabSize, int minCharCount) {
    if (vocabSize < Bpe.FIRST_SYMBOL + 2) {
      throw new InvalidInputException(
          "BPE vocabulary must hold at least "
              + (Bpe.FIRST_SYMBOL + 2)
              + " tokens, but was "
              + vocabSize);
    }
    this.vocabSize = vocabSize;
    this.minCharCount = Math.max(1, minCharCount);
  }

  /** A joint vocabulary from both sides of the corpus's training split. */
  public Bpe learnJoint(Corpus corpus) {
    List<String> text = new ArrayList<>(2 * corpus.train().size());
    for (ParallelPair p : corpus.train()) {
      text.add(p.source());
      text.add(p.target());
    }
    return learn(text);
  }

  public Bpe learn(Iterable<String> sentences) {
    Map<String, Integer> wordCounts = new HashMap<>();
    Map<Integer, Long> charCounts = new TreeMap<>();
    for (String s : sentences) {
      for (String w : s.split(" ", -1)) {
        wordCounts.merge(w, 1, Integer::sum);
      }
    }
    wordCounts.forEach(
        (w, c) -> w.codePoints().forEach(cp -> charCounts.merge(cp, (long) c, Long::sum)));
    List<Integer> alphabet = new ArrayList<>();
    alphabet.add((int) Bpe.BOUNDARY);
    charCounts.forEach(
        (cp, c) -> {
          if (c >= minCharCount && cp != Bpe.BOUNDARY) {
            alphabet.add(cp);
          }
        });
    Map<Integer, Integer> ids = new HashMap<>();
    for (int i = 0; i < alphabet.size(); i++) {
      ids.put(alphabet.get(i), Bpe.FIRST_SYMBOL + i);
    }
    int merges = vocabSize - Bpe.FIRST_SYMBOL - alphabet.size();
    return new Bpe(
        alphabet,
        merges <= 0
            ? List.of()
            : new Merger(wordCounts, ids).run(merges, Bpe.FIRST_SYMBOL + alphabet.size()));
  }

  /** The merge loop over word types with incremental pair counts. */
  private static final class Merger {
    private final List<int[]> words = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> where = new HashMap<>();
    private final PriorityQueue<long[]> queue =
        new PriorityQueue<>(
            (x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));

    Merger(Map<String, Integer> wordCounts, Map<Integer, Integer> ids) {
      // Sorted word order keeps the learner independent of hash iteration order.
      new TreeMap<>(wordCounts)
          .forEach(
              (w, c) -> {
                int[] syms = symbols(w, ids);
                if (syms.length > 1) {
                  words.add(syms);
                  counts.add(c);
                }
              });
      for (int i = 0; i < words.size(); i++) {
        addPairs(i, +1);
      }
      pairCounts.forEach((p, c) -> queue.add(new long[] {c, p}));
    }

    /** Symbols of {@code ▁word}; -1 stands for a character left to byte fallback (never merged). */
    private static int[] symbols(String word, Map<Integer, Integer> ids) {
      List<Integer> out = new ArrayList<>();
      out.add(ids.get((int) Bpe.BOUNDARY));
      word.codePoints().forEach(cp -> out.add(cp == Bpe.BOUNDARY ? -1 : ids.getOrDefault(cp, -1)));
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    List<int[]> run(int maxMerges, int firstId) {
      List<int[]> merges = new ArrayList<>();
      int next = firstId;
      while (merges.size() < maxMerges && !queue.isEmpty()) {
        long[] top = queue.poll();
        long p = top[1];
        long current = pairCounts.getOrDefault(p, 0L);
        if (current != top[0]) {
          if (current > 0) {
            queue.add(new long[] {current, p});
          }
          continue;
        }
        if (current < 2) {
          break;
        }
        int a = (int) (p >> 32);
        int b = (int) p;
        merges.add(new int[] {a, b});
        apply(a, b, next++);
      }
      return merges;
    }

    private void apply(int a, int b, int merged) {
      Set<Integer> touched = new HashSet<>(where.getOrDefault(Bpe.pair(a, b), Set.of()));
      Set<Long> changed = new HashSet<>();
      for (int i : touched) {
        int[] w = words.get(i);
        if (!contains(w, a, b)) {
          continue;
        }
        changed.addAll(addPairs(i, -1));
        words.set(i, replace(w, a, b, merged));
        changed.addAll(addPairs(i, +1));
      }
      for (long p : changed) {
        long c = pairCounts.getOrDefault(p, 0L);
        if (c > 0) {
          queue.add(new long[] {c, p});
        }
      }
    }

    private List<Long> addPairs(int i, int sign) {
      int[] w = words.get(i);
      long c = (long) sign * counts.get(i);
      List<Long> pairs = new ArrayList<>();
      for (int k = 0; k + 1 < w.length; k++) {
        if (w[k] < 0 || w[k + 1] < 0) {
          continue;
        }
        long p = Bpe.pair(w[k], w[k + 1]);
        long n = pairCounts.merge(p, c, Long::sum);
        if (n <= 0) {
          pairCounts.remove(p);
        }
        if (sign > 0) {
          where.computeIfAbsent(p, x -> new HashSet<>()).add(i);
        }
        pairs.add(p);
      }
      return pairs;
    }

    private static boolean contains(int[] w, int a, int b) {
      for (int k = 0; k + 1 < w.length; k++) {
        if (w[k] == a && w[k + 1] == b) {
          return true;
        }
      }
      return false;
    }

    private static int[] replace(int[] w, int a, int b, int merged) {
      int[] out = new int[w.length];
      int n = 0;
      for (int k = 0; k < w.length; k++) {
        if (k + 1 < w.length && w[k] == a && w[k + 1] == b) {
          out[n++] = merged;
          k++;
        } else {
          out[n++] = w[k];
        }
      }
      return Arrays.copyOf(out, n);
    }
  }
}
