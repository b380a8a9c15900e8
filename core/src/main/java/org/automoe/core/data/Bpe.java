package org.automoe.core.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-pair-encoding vocabulary shared by source and target (Sennrich et al., 2016) and its
 * applier.
 *
 * <p>Text is split at every space; each word is prefixed with {@code ▁} and cut into symbols of the
 * alphabet, which the merges then join. Characters outside the alphabet (and a literal {@code ▁})
 * become their UTF-8 bytes as byte tokens, so {@code decode(encode(text))} returns any text
 * exactly. Ids: specials 0-3, bytes 4-259, the alphabet, then one id per merge in merge order.
 */
public final class Bpe {
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;
  static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");
  static final int FIRST_BYTE = SPECIALS.size();
  static final int FIRST_SYMBOL = FIRST_BYTE + 256;
  static final char BOUNDARY = '\u2581';

  private final List<Integer> alphabet;
  private final List<int[]> merges;
  private final String[] symbols;
  private final Map<Integer, Integer> charIds = new HashMap<>();
  private final Map<Long, Integer> mergeRank = new HashMap<>();
  private final Map<Long, Integer> mergeResult = new HashMap<>();
  private final Map<String, int[]> wordCache = new ConcurrentHashMap<>();

  /**
   * @param alphabet code points of the base symbols, in id order; must contain {@code ▁}
   * @param merges pairs of symbol ids, each creating the next id
   */
  Bpe(List<Integer> alphabet, List<int[]> merges) {
    this.alphabet = List.copyOf(alphabet);
    this.merges = merges.stream().map(int[]::clone).toList();
    int n = FIRST_SYMBOL + alphabet.size() + merges.size();
    symbols = new String[n];
    for (int i = 0; i < SPECIALS.size(); i++) {
      symbols[i] = SPECIALS.get(i);
    }
    for (int b = 0; b < 256; b++) {
      symbols[FIRST_BYTE + b] = String.format("<0x%02X>", b);
    }
    for (int i = 0; i < alphabet.size(); i++) {
      symbols[FIRST_SYMBOL + i] = Character.toString(alphabet.get(i));
      charIds.put(alphabet.get(i), FIRST_SYMBOL + i);
    }
    if (!charIds.containsKey((int) BOUNDARY)) {
      throw new IllegalArgumentException("the alphabet must contain the word boundary marker");
    }
    int next = FIRST_SYMBOL + alphabet.size();
    for (int r = 0; r < merges.size(); r++) {
      int[] m = merges.get(r);
      if (m[0] >= next || m[1] >= next || m[0] < FIRST_SYMBOL || m[1] < FIRST_SYMBOL) {
        throw new IllegalArgumentException("merge " + r + " refers to a symbol not yet defined");
      }
      long key = pair(m[0], m[1]);
      mergeRank.putIfAbsent(key, r);
      mergeResult.putIfAbsent(key, next);
      symbols[next] = symbols[m[0]] + symbols[m[1]];
      next++;
    }
  }

  public int vocabSize() {
    return symbols.length;
  }

  public List<Integer> alphabet() {
    return alphabet;
  }

  public List<int[]> merges() {
    return merges;
  }

  /** The text a token stands for ({@code <0xNN>} for byte tokens). */
  public String symbol(int id) {
    return symbols[id];
  }

  /** Token ids of a text, without BOS or EOS. */
  public int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    for (String word : text.split(" ", -1)) {
      for (int id : wordCache.computeIfAbsent(word, this::encodeWord)) {
        out.add(id);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The text of token ids; specials are skipped. Exact inverse of {@link #encode}. */
  public String decode(int[] ids) {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : ids) {
      if (id >= FIRST_BYTE && id < FIRST_SYMBOL) {
        bytes.write(id - FIRST_BYTE);
        continue;
      }
      flush(bytes, text);
      if (id >= FIRST_SYMBOL && id < symbols.length) {
        text.append(symbols[id].replace(BOUNDARY, ' '));
      }
    }
    flush(bytes, text);
    return text.length() > 0 && text.charAt(0) == ' ' ? text.substring(1) : text.toString();
  }

  private int[] encodeWord(String word) {
    List<Integer> syms = new ArrayList<>();
    syms.add(charIds.get((int) BOUNDARY));
    word.codePoints()
        .forEach(
            cp -> {
              Integer id = cp == BOUNDARY ? null : charIds.get(cp);
              if (id != null) {
                syms.add(id);
              } else {
                for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                  syms.add(FIRST_BYTE + (b & 0xff));
                }
              }
            });
    while (syms.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < syms.size(); i++) {
        Integer r = mergeRank.get(pair(syms.get(i), syms.get(i + 1)));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      syms.set(best, mergeResult.get(pair(syms.get(best), syms.get(best + 1))));
      syms.remove(best + 1);
    }
    return syms.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder text) {
    if (bytes.size() > 0) {
      text.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  static long pair(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }
}
