package org.automoe.actors.wire;

import org.automoe.core.cost.CostReport;
import org.automoe.proto.CostProto;

/** {@link CostReport} and {@link CostProto}. */
public final class CostMapper {
  private CostMapper() {}

  public static CostProto toProto(CostReport c) {
    return CostProto.newBuilder()
        .setParamsNonEmbedding(c.paramsNonEmbedding())
        .setParamsTotal(c.paramsTotal())
        .setParamsActive(c.paramsActive())
        .setFlops(c.flops())
        .setFlopsWithOutput(c.flopsWithOutput())
        .setEncoderFlops(c.encoderFlops())
        .setDecoderFlops(c.decoderFlops())
        .setRouting(c.routing())
        .build();
  }

  public static CostReport fromProto(CostProto p) {
    if (p.getParamsNonEmbedding() < 0 || p.getFlops() < 0 || p.getParamsActive() < 0) {
      throw new WireFormatException("CostProto: params and FLOPs must not be negative");
    }
    return new CostReport(
        p.getParamsNonEmbedding(),
        p.getParamsTotal(),
        p.getParamsActive(),
        p.getFlops(),
        p.getFlopsWithOutput(),
        p.getEncoderFlops(),
        p.getDecoderFlops(),
        p.getRouting());
  }
}
