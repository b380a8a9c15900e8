package org.automoe.core.space;

import java.math.BigInteger;

/**
 * The exact number of distinct architectures in a space, counting expert order (expert i inherits
 * supernet expert i's weights, so orders differ).
 */
public final class SpaceSize {
  private SpaceSize() {}

  public static BigInteger count(SearchSpace s) {
    StackSpace enc = s.encoder();
    StackSpace dec = s.decoder();
    BigInteger encLayer = BigInteger.valueOf(enc.selfHeads().size()).multiply(expertChoices(enc));
    BigInteger decLayerNoCode =
        BigInteger.valueOf((long) dec.selfHeads().size() * dec.crossHeads().size())
            .multiply(expertChoices(dec));
    BigInteger total = BigInteger.ZERO;
    for (int le : enc.layerCounts()) {
      long codes =
          dec.encDecAttention().stream().filter(c -> SearchSpace.attendedLayers(c) <= le).count();
      BigInteger decLayer = decLayerNoCode.multiply(BigInteger.valueOf(codes));
      for (int ld : dec.layerCounts()) {
        total = total.add(encLayer.pow(le).multiply(decLayer.pow(ld)));
      }
    }
    return total.multiply(
        BigInteger.valueOf((long) enc.embedDims().size() * dec.embedDims().size()));
  }

  /** Sum over allowed expert counts n of widths^n: the ways to fill one layer's experts. */
  private static BigInteger expertChoices(StackSpace s) {
    BigInteger widths = BigInteger.valueOf(s.expertWidths().size());
    BigInteger sum = BigInteger.ZERO;
    for (int n : s.expertCounts()) {
      sum = sum.add(widths.pow(n));
    }
    return sum;
  }
}
