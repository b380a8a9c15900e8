package org.automoe.actors.wire;

import org.automoe.core.latency.LatencySample;
import org.automoe.proto.LatencySampleProto;

/** {@link LatencySample} and {@link LatencySampleProto}. */
public final class LatencySampleMapper {
  private LatencySampleMapper() {}

  public static LatencySampleProto toProto(LatencySample s) {
    return LatencySampleProto.newBuilder()
        .setArchitecture(ArchitectureMapper.toProto(s.architecture()))
        .setEncoderMeanMs(s.encoderMeanMs())
        .setEncoderStdMs(s.encoderStdMs())
        .setDecoderMeanMs(s.decoderMeanMs())
        .setDecoderStdMs(s.decoderStdMs())
        .setTimedRuns(s.timedRuns())
        .setThreads(s.threads())
        .setBeam(s.beam())
        .setHardware(s.hardware())
        .build();
  }

  public static LatencySample fromProto(LatencySampleProto p) {
    Wire.require(p.hasArchitecture(), "LatencySampleProto", "architecture");
    var arch = ArchitectureMapper.fromProto(p.getArchitecture());
    return Wire.build(
        "LatencySampleProto",
        () ->
            new LatencySample(
                arch,
                p.getEncoderMeanMs(),
                p.getEncoderStdMs(),
                p.getDecoderMeanMs(),
                p.getDecoderStdMs(),
                p.getTimedRuns(),
                p.getThreads(),
                p.getBeam(),
                p.getHardware()));
  }
}
