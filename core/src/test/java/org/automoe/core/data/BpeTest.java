package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTest {
  private static final List<String> TEXT =
      List.of(
          "low lower lowest",
          "newer wider newest widest",
          "low low low lower newest newest",
          "der die das Grüße straße",
          "the lowest newer widest");

  private static Bpe learn(int vocab, List<String> text) {
    return new BpeLearner(vocab, 1).learn(text);
  }

  @Test
  void decodeInvertsEncodeForAnyText() {
    Bpe bpe = learn(330, TEXT);
    List<String> samples =
        List.of(
            "",
            "low",
            " leading and trailing ",
            "two  spaces\tand a tab",
            "unseen: 😀 ǅ ß ẞ",
            "a literal \u2581 marker",
            "Grüße aus der Straße",
            "line\nbreak");
    for (String s : samples) {
      assertEquals(s, bpe.decode(bpe.encode(s)), () -> "round trip of [" + s + "]");
    }
  }

  @Test
  void frequentWordsBecomeSingleTokensAndRareCharactersBytes() {
    Bpe bpe = learn(330, TEXT);
    assertEquals(1, bpe.encode("low").length, "▁low is frequent enough to be one symbol");
    assertEquals("\u2581low", bpe.symbol(bpe.encode("low")[0]));
    int[] emoji = bpe.encode("😀");
    assertEquals(5, emoji.length, "boundary + 4 UTF-8 bytes");
    assertTrue(bpe.symbol(emoji[1]).startsWith("<0x"));
  }

  @Test
  void learningIsDeterministicAndIndependentOfSentenceOrder() {
    Bpe a = learn(320, TEXT);
    List<String> shuffled = new ArrayList<>(TEXT);
    Collections.reverse(shuffled);
    Bpe b = learn(320, shuffled);
    assertEquals(a.merges().size(), b.merges().size());
    for (int i = 0; i < a.merges().size(); i++) {
      assertArrayEquals(a.merges().get(i), b.merges().get(i));
    }
  }

  @Test
  void theFirstMergeIsTheMostFrequentPair() {
    // "we" occurs in lower (2), lowest (2), newer (2) and newest (3): 9 times; "▁l" only 8.
    Bpe bpe = learn(Bpe.FIRST_SYMBOL + 20, TEXT);
    int[] first = bpe.merges().get(0);
    assertEquals("we", bpe.symbol(first[0]) + bpe.symbol(first[1]));
  }

  @Test
  void reachesTheRequestedVocabularyWhenTheTextAllowsIt() {
    Random random = new Random(3);
    List<String> text = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder sentence = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        int length = 3 + random.nextInt(6);
        sentence.append(w == 0 ? "" : " ");
        for (int c = 0; c < length; c++) {
          sentence.append((char) ('a' + random.nextInt(8)));
        }
      }
      text.add(sentence.toString());
      text.add(sentence.toString());
    }
    assertEquals(400, learn(400, text).vocabSize());
  }

  @Test
  void savedFilesLoadToTheSameEncoder(@TempDir Path dir) throws IOException {
    Bpe bpe = learn(330, TEXT);
    Path f = dir.resolve("bpe.txt");
    BpeFiles.write(f, bpe);
    Bpe back = BpeFiles.read(f);
    for (String s : TEXT) {
      assertArrayEquals(bpe.encode(s), back.encode(s));
    }
    assertEquals(64, BpeFiles.sha256(f).length());
    Files.writeString(f, Files.readString(f).replaceFirst("merges \\d+", "merges 99999"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BpeFiles.read(f));
    assertTrue(e.getMessage().contains("truncated at line"), e.getMessage());
    Files.writeString(f, "hello\n");
    assertThrows(InvalidInputException.class, () -> BpeFiles.read(f));
  }

  @Test
  void rejectsTooSmallVocabularies() {
    assertThrows(InvalidInputException.class, () -> new BpeLearner(100, 1));
  }
}
