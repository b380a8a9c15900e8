package org.automoe.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Cases computed by hand from the definition, for what the sacreBLEU vectors do not cover. */
class BleuTest {
  private static BleuScore bleu(List<String> hyps, BleuSettings s, List<String>... refs) {
    return Bleu.corpus(hyps, List.of(refs), s);
  }

  @Test
  void identicalTextScoresHundred() {
    BleuScore b =
        bleu(
            List.of("a b c d e", "f g h i"),
            BleuSettings.SACREBLEU,
            List.of("a b c d e", "f g h i"));
    assertEquals(100.0, b.score(), 1e-9);
    assertEquals(List.of(9L, 7L, 5L, 3L), b.totals());
  }

  @Test
  void splitsOnPythonWhitespaceIncludingNoBreakSpaces() {
    // U+00A0 and U+3000 are whitespace to Python's str.split(), not to Java's \\s.
    assertArrayEquals(
        new String[] {"a", "b", "c"}, Bleu.words("a\u00a0b\u3000c\u2009 ", BleuSettings.SACREBLEU));
    assertArrayEquals(new String[] {"x", "y"}, PythonWhitespace.split("\u001cx\u0085y\u001f"));
    assertEquals("ab", PythonWhitespace.rstrip("ab\u00a0\u2028 "));
  }

  @Test
  void floorSmoothingUsesItsValueForZeroMatchOrders() {
    // counts [4, 2, 0, 0], totals [5, 4, 3, 2]; floor 0.1: precisions 80, 50, 10/3, 5.
    BleuSettings floor = new BleuSettings("13a", false, "floor", Double.NaN, false);
    BleuScore b =
        bleu(List.of("the quick brown fox jumped"), floor, List.of("the quick red fox jumped"));
    double expected =
        Math.exp(
            (Math.log(80) + Math.log(50) + Math.log(100 * 0.1 / 3) + Math.log(100 * 0.1 / 2)) / 4);
    assertEquals(expected, b.score(), 1e-9);
    assertEquals("nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor|version:2.6.0", b.signature());
  }

  @Test
  void effectiveOrderStopsAtTheLongestPresentOrder() {
    BleuSettings eff = new BleuSettings("none", false, "none", Double.NaN, true);
    BleuScore b = bleu(List.of("a b"), eff, List.of("a b"));
    assertEquals(100.0, b.score(), 1e-9, "orders 3 and 4 have no n-grams and are not averaged");
    BleuScore plain =
        bleu(
            List.of("a b"),
            new BleuSettings("none", false, "none", Double.NaN, false),
            List.of("a b"));
    assertEquals(0.0, plain.score(), 1e-12);
  }

  @Test
  void lowercaseMakesCaseIrrelevant() {
    BleuSettings lc = new BleuSettings("13a", true, "exp", Double.NaN, false);
    assertEquals(
        100.0,
        bleu(List.of("The Cat SAT there ."), lc, List.of("the cat sat there .")).score(),
        1e-9);
    assertEquals(
        "nrefs:1|case:lc|eff:no|tok:13a|smooth:exp|version:2.6.0",
        bleu(List.of("a"), lc, List.of("a")).signature());
  }

  @Test
  void closestReferenceLengthTiesGoToTheShorter() {
    // Hypothesis of 4 tokens, references of 3 and 5: both 1 away, the shorter (3) counts.
    BleuScore b =
        bleu(List.of("a b c d"), BleuSettings.SACREBLEU, List.of("a b c"), List.of("a b c d e"));
    assertEquals(3, b.refLen());
    assertEquals(4, b.sysLen());
  }

  @Test
  void referenceCountsAreClippedToTheMaximumOverReferences() {
    // "the" x3 in the hypothesis; at most 2 in one reference: 2 unigram matches for "the".
    BleuScore b =
        bleu(
            List.of("the the the"),
            new BleuSettings("none", false, "exp", Double.NaN, false),
            List.of("the the cat"),
            List.of("the dog sat"));
    assertEquals(2L, b.counts().get(0));
  }

  @Test
  void noMatchAtAllScoresZeroWithoutSmoothingEffects() {
    BleuScore b = bleu(List.of("x y z"), BleuSettings.SACREBLEU, List.of("a b c"));
    assertEquals(0.0, b.score());
    assertEquals(List.of(0.0, 0.0, 0.0, 0.0), b.precisions());
  }

  @Test
  void rejectsMisalignedStreamsAndBadSettings() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> bleu(List.of("a", "b"), BleuSettings.SACREBLEU, List.of("a")));
    assertEquals("reference stream 1 has 1 lines, but there are 2 hypotheses", e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> new BleuSettings("intl", false, "exp", Double.NaN, false));
    assertThrows(
        InvalidInputException.class,
        () -> new BleuSettings("13a", false, "cubic", Double.NaN, false));
  }

  @Test
  void tokenizer13aHandlesEntitiesNumbersAndDashes() {
    assertEquals("a & b < c", Tokenizer13a.tokenize("a &amp; b &lt; c"));
    assertEquals("3.14 , 1,000 and 7 - 8 .", Tokenizer13a.tokenize("3.14, 1,000 and 7-8."));
    assertEquals("x", Tokenizer13a.tokenize("<skipped>x"));
  }
}
