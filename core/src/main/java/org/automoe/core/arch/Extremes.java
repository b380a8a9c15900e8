package org.automoe.core.arch;

import java.util.Collections;
import java.util.List;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.StackSpace;

/**
 * The corner architectures of a space: the largest (the supernet itself, or its dense shape, the
 * hand-designed baseline the search must beat) and the smallest.
 */
public final class Extremes {
  private Extremes() {}

  /** Every dimension at its maximum; {@code dense} keeps one expert of maximum width per layer. */
  public static Architecture largest(SearchSpace s, boolean dense) {
    StackSpace enc = s.encoder();
    StackSpace dec = s.decoder();
    List<Integer> encWidths =
        Collections.nCopies(dense ? 1 : enc.maxExperts(), enc.maxExpertWidth());
    List<Integer> decWidths =
        Collections.nCopies(dense ? 1 : dec.maxExperts(), dec.maxExpertWidth());
    int code = last(dec.encDecAttention());
    return new Architecture(
        enc.maxEmbedDim(),
        dec.maxEmbedDim(),
        Collections.nCopies(enc.maxLayers(), new EncoderLayer(last(enc.selfHeads()), encWidths)),
        Collections.nCopies(
            dec.maxLayers(),
            new DecoderLayer(last(dec.selfHeads()), last(dec.crossHeads()), code, decWidths)));
  }

  /** Every dimension at its minimum: dense layers of minimum width, attending to one layer. */
  public static Architecture smallest(SearchSpace s) {
    StackSpace enc = s.encoder();
    StackSpace dec = s.decoder();
    List<Integer> encWidths =
        Collections.nCopies(enc.expertCounts().get(0), enc.expertWidths().get(0));
    List<Integer> decWidths =
        Collections.nCopies(dec.expertCounts().get(0), dec.expertWidths().get(0));
    return new Architecture(
        enc.embedDims().get(0),
        dec.embedDims().get(0),
        Collections.nCopies(enc.minLayers(), new EncoderLayer(enc.selfHeads().get(0), encWidths)),
        Collections.nCopies(
            dec.minLayers(),
            new DecoderLayer(
                dec.selfHeads().get(0),
                dec.crossHeads().get(0),
                dec.encDecAttention().get(0),
                decWidths)));
  }

  private static int last(List<Integer> values) {
    return values.get(values.size() - 1);
  }
}
