package org.automoe.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.Lease;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchStatus;
import org.automoe.proto.LatencyMeasuredProto;
import org.automoe.proto.MeasureLatencyProto;
import org.automoe.proto.ReportResultProto;
import org.automoe.proto.RequestWorkProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AutomoeSerializerTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Serialization SERIALIZATION =
      SerializationExtension.get(Adapter.toClassic(KIT.system()));

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static Object roundTrip(Object message) throws NotSerializableException {
    Serializer s = SERIALIZATION.findSerializerFor(message);
    assertInstanceOf(AutomoeSerializer.class, s, "bound to the project's serializer");
    String manifest = Serializers.manifestFor(s, message);
    return SERIALIZATION.deserialize(s.toBinary(message), s.identifier(), manifest).get();
  }

  @Test
  void everyEngineMessageRoundTrips() throws Exception {
    TestProbe<EvaluatorActor.Command> worker = KIT.createTestProbe();
    TestProbe<SearchCoordinator.Command> coordinator = KIT.createTestProbe();
    TestProbe<SearchCoordinator.StatusReply> asker = KIT.createTestProbe();
    EvaluationRequest request =
        new EvaluationRequest(new Lease(1, 2, 1_700_000_000_000L), WireSamples.candidate(1));
    List<Object> messages =
        List.of(
            new EvaluatorActor.Join(coordinator.getRef()),
            new SearchCoordinator.RequestWork(worker.getRef(), 4),
            new EvaluatorActor.Work(List.of(request), false, 0),
            new EvaluatorActor.Work(List.of(), true, 0),
            new EvaluatorActor.Work(List.of(), false, 200),
            new EvaluatorActor.Work(List.of(request), false, 0, 42, 1_700_000_000_000L),
            new SearchCoordinator.ReportResult(
                worker.getRef(), EvaluationResult.success(1, 2, 3.25, "w", 10)),
            new SearchCoordinator.ReportResult(
                worker.getRef(), EvaluationResult.failed(1, 2, "out of memory", "w", 10)),
            new SearchCoordinator.GetStatus(asker.getRef()),
            new SearchCoordinator.StatusReply(
                new SearchStatus(
                    "s",
                    SearchPhase.RUNNING,
                    9,
                    5,
                    1,
                    1,
                    1,
                    1,
                    2,
                    Optional.of(new SearchStatus.Best(3, 4.5)),
                    1.5,
                    Optional.empty())));
    for (Object m : messages) {
      assertEquals(m, roundTrip(m));
    }
  }

  @Test
  void latencyProbeMessagesRoundTrip() throws Exception {
    TestProbe<LatencyProbe.Measured> asker = KIT.createTestProbe();
    var arch = WireSamples.candidate(1).architecture();
    var sample = new LatencySample(arch, 1.5, 0.1, 20.25, 0.5, 100, 1, 1, "cpu x");
    List<Object> messages =
        List.of(
            new LatencyProbe.Measure(arch, 100, asker.getRef()),
            new LatencyProbe.Measured(
                arch,
                Optional.of(new LatencyProbe.Measurement(sample, 3.5, 21.0)),
                Optional.empty()),
            new LatencyProbe.Measured(
                arch,
                Optional.of(new LatencyProbe.Measurement(sample, Double.NaN, 21.75)),
                Optional.empty()),
            new LatencyProbe.Measured(arch, Optional.empty(), Optional.of("no supernet")));
    for (Object m : messages) {
      assertEquals(m, roundTrip(m));
    }
    AutomoeSerializer s = (AutomoeSerializer) SERIALIZATION.findSerializerFor(messages.get(0));
    byte[] noRuns =
        MeasureLatencyProto.newBuilder()
            .setArchitecture(ArchitectureMapper.toProto(arch))
            .setReplyTo("x")
            .build()
            .toByteArray();
    NotSerializableException e =
        assertThrows(NotSerializableException.class, () -> s.fromBinary(noRuns, "measure-latency"));
    assertEquals(
        "'measure-latency' message: MeasureLatencyProto.runs must be in [1, 1000], but was 0",
        e.getMessage());
    byte[] tooManyRuns =
        MeasureLatencyProto.newBuilder()
            .setArchitecture(ArchitectureMapper.toProto(arch))
            .setRuns(1_000_000)
            .setReplyTo("x")
            .build()
            .toByteArray();
    NotSerializableException tooMany =
        assertThrows(
            NotSerializableException.class, () -> s.fromBinary(tooManyRuns, "measure-latency"));
    assertEquals(
        "'measure-latency' message: MeasureLatencyProto.runs must be in [1, 1000], but was 1000000",
        tooMany.getMessage());
    byte[] neither =
        LatencyMeasuredProto.newBuilder()
            .setArchitecture(ArchitectureMapper.toProto(arch))
            .build()
            .toByteArray();
    NotSerializableException e2 =
        assertThrows(
            NotSerializableException.class, () -> s.fromBinary(neither, "latency-measured"));
    assertTrue(e2.getMessage().contains("exactly one of sample and failure"), e2.getMessage());
  }

  @Test
  void malformedBytesAreRejectedNamingWhatIsWrong() {
    AutomoeSerializer s =
        (AutomoeSerializer)
            SERIALIZATION.findSerializerFor(new EvaluatorActor.Work(List.of(), true, 0));
    NotSerializableException garbage =
        assertThrows(
            NotSerializableException.class,
            () -> s.fromBinary(new byte[] {(byte) 0xff, 0x01, 0x02}, "work"));
    assertTrue(garbage.getMessage().startsWith("'work' message: not valid protobuf"));

    NotSerializableException noWorker =
        assertThrows(
            NotSerializableException.class,
            () ->
                s.fromBinary(
                    RequestWorkProto.newBuilder().setCount(2).build().toByteArray(),
                    "request-work"));
    assertEquals(
        "'request-work' message: RequestWorkProto.worker is missing", noWorker.getMessage());
    NotSerializableException greedy =
        assertThrows(
            NotSerializableException.class,
            () ->
                s.fromBinary(
                    RequestWorkProto.newBuilder()
                        .setWorker("x")
                        .setCount(Integer.MAX_VALUE)
                        .build()
                        .toByteArray(),
                    "request-work"));
    assertEquals(
        "'request-work' message: RequestWorkProto.count must be in [1, 1024], but was 2147483647",
        greedy.getMessage());

    NotSerializableException noResult =
        assertThrows(
            NotSerializableException.class,
            () ->
                s.fromBinary(
                    ReportResultProto.newBuilder().setWorker("x").build().toByteArray(),
                    "report-result"));
    assertEquals(
        "'report-result' message: ReportResultProto.result is missing", noResult.getMessage());

    NotSerializableException unknown =
        assertThrows(NotSerializableException.class, () -> s.fromBinary(new byte[0], "nope"));
    assertEquals("unknown message manifest 'nope'", unknown.getMessage());
  }
}
