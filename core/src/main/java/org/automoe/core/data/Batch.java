package org.automoe.core.data;

/**
 * A padded batch. The source ends with EOS; the decoder reads {@code targetIn} (BOS + target) and
 * predicts {@code targetOut} (target + EOS). Padding is {@link Bpe#PAD}; the masks are true on real
 * tokens.
 *
 * @param source [batch][source length]
 * @param targetIn [batch][target length]
 * @param targetOut [batch][target length]
 * @param sourceLengths real source tokens per row
 * @param targetLengths real target tokens per row
 */
public record Batch(
    int[][] source, int[][] targetIn, int[][] targetOut, int[] sourceLengths, int[] targetLengths) {

  public int size() {
    return source.length;
  }

  /** Real target tokens: what a loss is averaged over and what tokens/s counts. */
  public int targetTokens() {
    int n = 0;
    for (int l : targetLengths) {
      n += l;
    }
    return n;
  }

  /** Padded size of the larger side: what the token budget limits. */
  public int paddedTokens() {
    return size() * Math.max(source[0].length, targetIn[0].length);
  }

  public boolean[][] sourceMask() {
    return mask(sourceLengths, source[0].length);
  }

  public boolean[][] targetMask() {
    return mask(targetLengths, targetIn[0].length);
  }

  private static boolean[][] mask(int[] lengths, int width) {
    boolean[][] m = new boolean[lengths.length][width];
    for (int r = 0; r < lengths.length; r++) {
      for (int c = 0; c < lengths[r]; c++) {
        m[r][c] = true;
      }
    }
    return m;
  }
}
