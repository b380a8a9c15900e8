package org.automoe.core.data;

/**
 * One tokenized sentence pair, without BOS or EOS.
 *
 * @param source source token ids
 * @param target target token ids
 */
public record Example(int[] source, int[] target) {
  public static Example of(Bpe bpe, ParallelPair p) {
    return new Example(bpe.encode(p.source()), bpe.encode(p.target()));
  }
}
