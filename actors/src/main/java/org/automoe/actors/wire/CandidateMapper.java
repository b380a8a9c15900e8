package org.automoe.actors.wire;

import org.automoe.core.evo.Candidate;
import org.automoe.proto.CandidateProto;

/** {@link Candidate} and {@link CandidateProto}. */
public final class CandidateMapper {
  private CandidateMapper() {}

  public static CandidateProto toProto(Candidate c) {
    return CandidateProto.newBuilder()
        .setId(c.id())
        .setSeed(c.seed())
        .setGeneration(c.generation())
        .setArchitecture(ArchitectureMapper.toProto(c.architecture()))
        .setCost(CostMapper.toProto(c.cost()))
        .setPredictedLatencyMs(c.predictedLatencyMs())
        .build();
  }

  public static Candidate fromProto(CandidateProto p) {
    Wire.require(p.hasArchitecture(), "CandidateProto", "architecture");
    Wire.require(p.hasCost(), "CandidateProto", "cost");
    if (p.getId() <= 0) {
      throw new WireFormatException("CandidateProto.id must be positive, but was " + p.getId());
    }
    return new Candidate(
        p.getId(),
        p.getSeed(),
        p.getGeneration(),
        ArchitectureMapper.fromProto(p.getArchitecture()),
        CostMapper.fromProto(p.getCost()),
        p.getPredictedLatencyMs());
  }
}
