package org.automoe.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import org.automoe.core.arch.Architecture;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.pareto.ParetoPoint;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.Lease;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchStatus;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.automoe.proto.ArchitectureProto;
import org.automoe.proto.CandidateProto;
import org.automoe.proto.EvaluationRequestProto;
import org.automoe.proto.EvaluationResultProto;
import org.automoe.proto.LatencySampleProto;
import org.automoe.proto.ParetoPointProto;
import org.automoe.proto.SearchJobSpecProto;
import org.automoe.proto.SearchSpaceProto;
import org.automoe.proto.SearchStatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mapper: domain value to bytes and back gives an equal value. */
class MapperRoundTripTest {
  /** Maps {@code value} to its proto, to bytes, parses them, and maps back. */
  private static <T, P extends Message> T viaBytes(
      T value, Function<T, P> toProto, Parser<P> parser, Function<P, T> fromProto) {
    try {
      return fromProto.apply(parser.parseFrom(toProto.apply(value).toByteArray()));
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("bytes written by toProto did not parse", e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper", "paper:16", "small", "tiny"})
  void searchSpaces(String name) {
    SearchSpace s = BuiltInSpaces.byName(name);
    assertEquals(
        s,
        viaBytes(
            s,
            SearchSpaceMapper::toProto,
            SearchSpaceProto.parser(),
            SearchSpaceMapper::fromProto));
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper", "small", "tiny"})
  void architectures(String name) {
    for (Architecture a : WireSamples.architectures(BuiltInSpaces.byName(name), 100)) {
      assertEquals(
          a,
          viaBytes(
              a,
              ArchitectureMapper::toProto,
              ArchitectureProto.parser(),
              ArchitectureMapper::fromProto));
    }
  }

  @Test
  void candidatesWithTheirCost() {
    for (long id = 1; id <= 20; id++) {
      Candidate c = WireSamples.candidate(id);
      assertEquals(
          c,
          viaBytes(
              c, CandidateMapper::toProto, CandidateProto.parser(), CandidateMapper::fromProto));
    }
  }

  @Test
  void candidatesWithoutPredictionKeepNaN() {
    Candidate c = WireSamples.candidate(2);
    Candidate noLatency =
        new Candidate(c.id(), c.seed(), c.generation(), c.architecture(), c.cost(), Double.NaN);
    Candidate back =
        viaBytes(
            noLatency,
            CandidateMapper::toProto,
            CandidateProto.parser(),
            CandidateMapper::fromProto);
    assertTrue(Double.isNaN(back.predictedLatencyMs()));
    assertEquals(noLatency.architecture(), back.architecture());
  }

  @Test
  void evaluationRequestsKeepTheirReplyTo() throws InvalidProtocolBufferException {
    String replyTo = "pekko://automoe@127.0.0.1:25520/user/x";
    EvaluationRequest r =
        new EvaluationRequest(new Lease(5, 2, 1_700_000_000_000L), WireSamples.candidate(5));
    EvaluationRequestProto p =
        EvaluationRequestProto.parseFrom(EvaluationMapper.toProto(r, replyTo).toByteArray());
    assertEquals(r, EvaluationMapper.fromProto(p));
    assertEquals(replyTo, p.getReplyTo());
  }

  @Test
  void evaluationResultsOfBothOutcomes() {
    EvaluationResult ok = EvaluationResult.success(7, 1, 4.25, "node-a/evaluator-1", 1234);
    EvaluationResult failed =
        EvaluationResult.failed(8, 3, "out of memory", "node-b/evaluator-2", 99);
    assertEquals(ok, viaResultBytes(ok));
    EvaluationResult back = viaResultBytes(failed);
    // NaN != NaN in record equality, so compare the failed result field by field.
    assertEquals(failed.failure(), back.failure());
    assertEquals(
        failed.candidateId() + "/" + failed.attempt() + "/" + failed.evaluatedBy(),
        back.candidateId() + "/" + back.attempt() + "/" + back.evaluatedBy());
    assertEquals(failed.durationMicros(), back.durationMicros());
    assertTrue(Double.isNaN(back.validationLoss()) && !back.succeeded());
  }

  private static EvaluationResult viaResultBytes(EvaluationResult r) {
    return viaBytes(
        r, EvaluationMapper::toProto, EvaluationResultProto.parser(), EvaluationMapper::fromProto);
  }

  @Test
  void latencySamples() {
    Architecture a = WireSamples.architectures(BuiltInSpaces.small(), 1).get(0);
    LatencySample s = new LatencySample(a, 3.5, 0.25, 40.0, 1.5, 20, 1, 5, "Xeon 2 cores");
    assertEquals(
        s,
        viaBytes(
            s,
            LatencySampleMapper::toProto,
            LatencySampleProto.parser(),
            LatencySampleMapper::fromProto));
  }

  @Test
  void searchJobsWithAndWithoutLimits() {
    Constraints limits =
        new Constraints(
            OptionalDouble.of(120.5),
            OptionalLong.of(2_000_000_000L),
            OptionalLong.of(30_000_000L));
    SearchJobSpec limited =
        new SearchJobSpec(
            "job-a",
            BuiltInSpaces.small(),
            SearchMode.ASYNC,
            limits,
            EvolutionSettings.paper(),
            new SearchLength.Budget(5000),
            -42);
    SearchJobSpec free =
        new SearchJobSpec(
            "job-b",
            BuiltInSpaces.paper(16),
            SearchMode.GENERATIONAL,
            Constraints.NONE,
            new EvolutionSettings(20, 4, 8, 8, 0.2, 0.6, 50),
            new SearchLength.Iterations(10),
            7);
    SearchJobSpec continuous =
        new SearchJobSpec(
            "job-c",
            BuiltInSpaces.small(),
            SearchMode.ASYNC,
            limits,
            EvolutionSettings.paper(),
            new SearchLength.Unbounded(),
            3);
    for (SearchJobSpec s : new SearchJobSpec[] {limited, free, continuous}) {
      assertEquals(
          s,
          viaBytes(
              s,
              SearchJobMapper::toProto,
              SearchJobSpecProto.parser(),
              SearchJobMapper::fromProto));
    }
  }

  @Test
  void searchStatuses() {
    SearchStatus running =
        new SearchStatus(
            "job",
            SearchPhase.RUNNING,
            500,
            300,
            120,
            50,
            30,
            2,
            4,
            Optional.of(new SearchStatus.Best(17, 3.75)),
            61.5,
            Optional.empty());
    SearchStatus failed =
        new SearchStatus(
            "job",
            SearchPhase.FAILED,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Optional.empty(),
            1.0,
            Optional.of("no worker joined"));
    for (SearchStatus s : new SearchStatus[] {running, failed}) {
      assertEquals(
          s,
          viaBytes(
              s,
              SearchStatusMapper::toProto,
              SearchStatusProto.parser(),
              SearchStatusMapper::fromProto));
    }
  }

  @Test
  void paretoPoints() {
    Candidate c = WireSamples.candidate(3);
    ParetoPoint p = new ParetoPoint(c.id(), c.architecture(), 4.5, 88.25, c.cost().flops());
    assertEquals(
        p,
        viaBytes(
            p,
            ParetoPointMapper::toProto,
            ParetoPointProto.parser(),
            ParetoPointMapper::fromProto));
  }
}
