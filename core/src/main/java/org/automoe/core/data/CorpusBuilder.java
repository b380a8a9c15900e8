package org.automoe.core.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.Seeds;

/**
 * Filters, de-duplicates and splits extracted pairs. The split is by group (source file, dictionary
 * line, UI chunk), decided by a seeded hash of the group name, so it does not depend on input order
 * and near-identical lines of one file stay together. Validation and test pairs whose English side
 * also occurs in an earlier split are dropped, so the three splits share no source sentence.
 *
 * @param seed seed of the split
 * @param validPermille share of groups for validation, in thousandths
 * @param testPermille share of groups for test, in thousandths
 * @param minWords fewest words a side may have
 * @param maxWords most words a side may have
 */
public record CorpusBuilder(
    long seed, int validPermille, int testPermille, int minWords, int maxWords) {
  /** 2.5 % of groups each for validation and test, 1 to 80 words. */
  public static CorpusBuilder defaults(long seed) {
    return new CorpusBuilder(seed, 25, 25, 1, 80);
  }

  public CorpusBuilder {
    if (validPermille < 0 || testPermille < 0 || validPermille + testPermille >= 1000) {
      throw new InvalidInputException("valid and test shares must leave room for training");
    }
    if (minWords < 1 || maxWords < minWords) {
      throw new InvalidInputException("word limits must satisfy 1 <= min <= max");
    }
  }

  /** What happened to the pairs of one source. */
  public record SourceCount(
      int extracted, int kept, int droppedLength, int droppedUntranslated, int droppedDuplicate) {}

  /** The split corpus and the per-source counts. */
  public record Result(Corpus corpus, Map<String, SourceCount> sources, int droppedOverlap) {}

  /** Builds the corpus from named sources, taken in the order given. */
  public Result build(Map<String, List<ParallelPair>> sources) {
    Set<String> seenPairs = new HashSet<>();
    Map<String, SourceCount> counts = new LinkedHashMap<>();
    List<ParallelPair> train = new ArrayList<>();
    List<ParallelPair> valid = new ArrayList<>();
    List<ParallelPair> test = new ArrayList<>();
    for (Map.Entry<String, List<ParallelPair>> source : sources.entrySet()) {
      int kept = 0;
      int length = 0;
      int untranslated = 0;
      int duplicate = 0;
      for (ParallelPair p : source.getValue()) {
        int ws = Texts.words(p.source());
        int wt = Texts.words(p.target());
        if (ws < minWords || wt < minWords || ws > maxWords || wt > maxWords) {
          length++;
        } else if (p.source().equals(p.target())) {
          untranslated++;
        } else if (!seenPairs.add(p.source() + "\t" + p.target())) {
          duplicate++;
        } else {
          kept++;
          switch (split(p.group())) {
            case 0 -> train.add(p);
            case 1 -> valid.add(p);
            default -> test.add(p);
          }
        }
      }
      counts.put(
          source.getKey(),
          new SourceCount(source.getValue().size(), kept, length, untranslated, duplicate));
    }
    Set<String> earlier = new HashSet<>();
    train.forEach(p -> earlier.add(p.source()));
    int before = valid.size() + test.size();
    valid = withoutSeen(valid, earlier);
    valid.forEach(p -> earlier.add(p.source()));
    test = withoutSeen(test, earlier);
    int overlap = before - valid.size() - test.size();
    return new Result(new Corpus(train, valid, test), counts, overlap);
  }

  /** 0 train, 1 valid, 2 test. */
  int split(String group) {
    long bucket = Math.floorMod(Seeds.derive(seed, fnv1a(group)), 1000L);
    if (bucket < validPermille) {
      return 1;
    }
    return bucket < validPermille + testPermille ? 2 : 0;
  }

  private static List<ParallelPair> withoutSeen(List<ParallelPair> pairs, Set<String> seen) {
    return pairs.stream().filter(p -> !seen.contains(p.source())).toList();
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: a hash fixed by definition, unlike hashCode contracts. */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
