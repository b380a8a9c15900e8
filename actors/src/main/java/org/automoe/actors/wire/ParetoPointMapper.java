package org.automoe.actors.wire;

import org.automoe.core.evo.pareto.ParetoPoint;
import org.automoe.proto.ParetoPointProto;

/** {@link ParetoPoint} and {@link ParetoPointProto}. */
public final class ParetoPointMapper {
  private ParetoPointMapper() {}

  public static ParetoPointProto toProto(ParetoPoint p) {
    return ParetoPointProto.newBuilder()
        .setCandidateId(p.candidateId())
        .setArchitecture(ArchitectureMapper.toProto(p.architecture()))
        .setValidationLoss(p.validationLoss())
        .setPredictedLatencyMs(p.predictedLatencyMs())
        .setFlops(p.flops())
        .build();
  }

  public static ParetoPoint fromProto(ParetoPointProto p) {
    Wire.require(p.hasArchitecture(), "ParetoPointProto", "architecture");
    return new ParetoPoint(
        p.getCandidateId(),
        ArchitectureMapper.fromProto(p.getArchitecture()),
        p.getValidationLoss(),
        p.getPredictedLatencyMs(),
        p.getFlops());
  }
}
