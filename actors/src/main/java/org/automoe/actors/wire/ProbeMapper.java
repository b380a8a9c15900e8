package org.automoe.actors.wire;

import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.proto.LatencyMeasuredProto;
import org.automoe.proto.MeasureLatencyProto;

/** The latency probe's messages and their protobuf twins. */
public final class ProbeMapper {
  private final Function<ActorRef<?>, String> refToString;
  private final Function<String, ActorRef<?>> stringToRef;

  public ProbeMapper(
      Function<ActorRef<?>, String> refToString, Function<String, ActorRef<?>> stringToRef) {
    this.refToString = refToString;
    this.stringToRef = stringToRef;
  }

  public MeasureLatencyProto toProto(LatencyProbe.Measure m) {
    return MeasureLatencyProto.newBuilder()
        .setArchitecture(ArchitectureMapper.toProto(m.architecture()))
        .setRuns(m.runs())
        .setReplyTo(refToString.apply(m.replyTo()))
        .build();
  }

  @SuppressWarnings("unchecked")
  public LatencyProbe.Measure fromProto(MeasureLatencyProto p) {
    Wire.require(p.hasArchitecture(), "MeasureLatencyProto", "architecture");
    if (p.getRuns() < 1 || p.getRuns() > LatencyProbe.MAX_RUNS) {
      throw new WireFormatException(
          "MeasureLatencyProto.runs must be in [1, "
              + LatencyProbe.MAX_RUNS
              + "], but was "
              + p.getRuns());
    }
    if (p.getReplyTo().isEmpty()) {
      throw new WireFormatException("MeasureLatencyProto.reply_to is missing");
    }
    ActorRef<LatencyProbe.Measured> replyTo;
    try {
      replyTo = (ActorRef<LatencyProbe.Measured>) stringToRef.apply(p.getReplyTo());
    } catch (RuntimeException e) {
      throw new WireFormatException(
          "MeasureLatencyProto.reply_to: not an actor reference: " + p.getReplyTo(), e);
    }
    return new LatencyProbe.Measure(
        ArchitectureMapper.fromProto(p.getArchitecture()), p.getRuns(), replyTo);
  }

  public LatencyMeasuredProto toProto(LatencyProbe.Measured m) {
    LatencyMeasuredProto.Builder b =
        LatencyMeasuredProto.newBuilder()
            .setArchitecture(ArchitectureMapper.toProto(m.architecture()));
    m.measurement()
        .ifPresent(
            x ->
                b.setSample(LatencySampleMapper.toProto(x.sample()))
                    .setReferenceMs(x.referenceMs())
                    .setTypicalMs(x.typicalMs()));
    m.failure().ifPresent(b::setFailure);
    return b.build();
  }

  public LatencyProbe.Measured fromProto(LatencyMeasuredProto p) {
    Wire.require(p.hasArchitecture(), "LatencyMeasuredProto", "architecture");
    var arch = ArchitectureMapper.fromProto(p.getArchitecture());
    if (p.hasSample() == !p.getFailure().isEmpty()) {
      throw new WireFormatException("LatencyMeasuredProto needs exactly one of sample and failure");
    }
    if (!p.hasSample()) {
      return new LatencyProbe.Measured(arch, Optional.empty(), Optional.of(p.getFailure()));
    }
    if (!(p.getTypicalMs() >= 0)) {
      throw new WireFormatException(
          "LatencyMeasuredProto.typical_ms must be a non-negative number, but was "
              + p.getTypicalMs());
    }
    var measurement =
        new LatencyProbe.Measurement(
            LatencySampleMapper.fromProto(p.getSample()), p.getReferenceMs(), p.getTypicalMs());
    return new LatencyProbe.Measured(arch, Optional.of(measurement), Optional.empty());
  }
}
