package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenBatcherTest {
  /** Examples whose first source token is their index, so batches can be traced back. */
  private static List<Example> examples(int n) {
    Random r = new Random(1);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[1 + r.nextInt(30)];
      int[] t = new int[1 + r.nextInt(30)];
      Arrays.fill(s, 500);
      Arrays.fill(t, 600);
      s[0] = 1000 + i;
      out.add(new Example(s, t));
    }
    out.add(new Example(new int[80], new int[3])); // too long for max length 64
    return out;
  }

  @Test
  void everyExampleOncePerEpochWithinTheTokenBudget() {
    TokenBatcher b = new TokenBatcher(256, 64);
    TokenBatcher.Epoch epoch = b.epoch(examples(500), 7, 0);
    assertEquals(1, epoch.droppedTooLong());
    Map<Integer, Integer> seen = new HashMap<>();
    for (Batch batch : epoch.batches()) {
      assertTrue(batch.paddedTokens() <= 256, "padded size " + batch.paddedTokens());
      for (int[] row : batch.source()) {
        seen.merge(row[0], 1, Integer::sum);
      }
    }
    assertEquals(500, seen.size());
    seen.values().forEach(c -> assertEquals(1, c));
  }

  @Test
  void epochsReplayFromTheSeedAndDifferFromEachOther() {
    TokenBatcher b = new TokenBatcher(256, 64);
    List<Example> ex = examples(300);
    assertEquals(firstIds(b.epoch(ex, 7, 1)), firstIds(b.epoch(ex, 7, 1)));
    assertNotEquals(firstIds(b.epoch(ex, 7, 1)), firstIds(b.epoch(ex, 7, 2)));
  }

  @Test
  void padsWithBosEosAndMasksOnlyRealTokens() {
    Batch batch =
        TokenBatcher.pad(
            List.of(
                new Example(new int[] {7, 8}, new int[] {9}),
                new Example(new int[] {5}, new int[] {4, 6, 3})));
    assertArrayEquals(new int[] {7, 8, Bpe.EOS}, batch.source()[0]);
    assertArrayEquals(new int[] {5, Bpe.EOS, Bpe.PAD}, batch.source()[1]);
    assertArrayEquals(new int[] {Bpe.BOS, 9, Bpe.PAD, Bpe.PAD}, batch.targetIn()[0]);
    assertArrayEquals(new int[] {9, Bpe.EOS, Bpe.PAD, Bpe.PAD}, batch.targetOut()[0]);
    assertArrayEquals(new int[] {Bpe.BOS, 4, 6, 3}, batch.targetIn()[1]);
    assertArrayEquals(new int[] {4, 6, 3, Bpe.EOS}, batch.targetOut()[1]);
    assertArrayEquals(new boolean[] {true, true, false}, batch.sourceMask()[1]);
    assertArrayEquals(new boolean[] {true, true, false, false}, batch.targetMask()[0]);
    assertEquals(2 + 4, batch.targetTokens());
    assertFalse(batch.targetMask()[0][2]);
  }

  @Test
  void inOrderKeepsCorpusOrder() {
    List<Example> ex = examples(100).subList(0, 100);
    List<Integer> ids = new ArrayList<>();
    new TokenBatcher(128, 64)
        .inOrder(ex)
        .forEach(
            b -> {
              for (int[] row : b.source()) {
                ids.add(row[0] - 1000);
              }
            });
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(i);
    }
    assertEquals(expected, ids);
  }

  private static List<Integer> firstIds(TokenBatcher.Epoch e) {
    List<Integer> out = new ArrayList<>();
    e.batches().forEach(b -> out.add(b.source()[0][0]));
    return out;
  }
}
