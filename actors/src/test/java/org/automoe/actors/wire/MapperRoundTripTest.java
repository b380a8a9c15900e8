package org.automoe.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.automoe.core.arch.Architecture;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Constraints;
import org.automoe.core.evo.EvaluationRequest;
import org.automoe.core.evo.EvaluationResult;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Lease;
import org.automoe.core.evo.ParetoPoint;
import org.automoe.core.evo.SearchJobSpec;
import org.automoe.core.evo.SearchMode;
import org.automoe.core.evo.SearchState;
import org.automoe.core.evo.SearchStatus;
import org.automoe.core.latency.LatencySample;
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
  @ParameterizedTest
  @ValueSource(strings = {"paper", "paper:16", "small", "tiny"})
  void searchSpaces(String name) throws Exception {
    SearchSpace s = BuiltInSpaces.byName(name);
    byte[] bytes = SearchSpaceMapper.toProto(s).toByteArray();
    assertEquals(s, SearchSpaceMapper.fromProto(SearchSpaceProto.parseFrom(bytes)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper", "small", "tiny"})
  void architectures(String name) throws Exception {
    for (Architecture a : WireSamples.architectures(BuiltInSpaces.byName(name), 100)) {
      byte[] bytes = ArchitectureMapper.toProto(a).toByteArray();
      assertEquals(a, ArchitectureMapper.fromProto(ArchitectureProto.parseFrom(bytes)));
    }
  }

  @Test
  void candidatesWithTheirCost() throws Exception {
    for (long id = 1; id <= 20; id++) {
      Candidate c = WireSamples.candidate(id);
      assertEquals(
          c,
          CandidateMapper.fromProto(
              CandidateProto.parseFrom(CandidateMapper.toProto(c).toByteArray())));
    }
  }

  @Test
  void candidatesWithoutPredictionKeepNaN() throws Exception {
    Candidate c = WireSamples.candidate(2);
    Candidate noLatency =
        new Candidate(c.id(), c.seed(), c.generation(), c.architecture(), c.cost(), Double.NaN);
    Candidate back =
        CandidateMapper.fromProto(
            CandidateProto.parseFrom(CandidateMapper.toProto(noLatency).toByteArray()));
    assertTrue(Double.isNaN(back.predictedLatencyMs()));
    assertEquals(noLatency.architecture(), back.architecture());
  }

  @Test
  void evaluationRequestsKeepTheirReplyTo() throws Exception {
    Candidate c = WireSamples.candidate(5);
    EvaluationRequest r = new EvaluationRequest(new Lease(5, 2, 1_700_000_000_000L), c);
    EvaluationRequestProto p =
        EvaluationRequestProto.parseFrom(
            EvaluationMapper.toProto(r, "pekko://automoe@127.0.0.1:25520/user/x").toByteArray());
    assertEquals(r, EvaluationMapper.fromProto(p));
    assertEquals("pekko://automoe@127.0.0.1:25520/user/x", p.getReplyTo());
  }

  @Test
  void evaluationResultsOfBothOutcomes() throws Exception {
    EvaluationResult ok = EvaluationResult.success(7, 1, 4.25, "node-a/evaluator-1", 1234);
    EvaluationResult failed =
        EvaluationResult.failed(8, 3, "out of memory", "node-b/evaluator-2", 99);
    for (EvaluationResult r : new EvaluationResult[] {ok, failed}) {
      EvaluationResultProto p =
          EvaluationResultProto.parseFrom(EvaluationMapper.toProto(r).toByteArray());
      EvaluationResult back = EvaluationMapper.fromProto(p);
      assertEquals(r.failure(), back.failure());
      assertEquals(r.candidateId(), back.candidateId());
      assertEquals(r.attempt(), back.attempt());
      assertEquals(r.evaluatedBy(), back.evaluatedBy());
      assertEquals(r.durationMicros(), back.durationMicros());
      assertEquals(r.succeeded(), back.succeeded());
    }
    assertEquals(ok, EvaluationMapper.fromProto(EvaluationMapper.toProto(ok)));
  }

  @Test
  void latencySamples() throws Exception {
    Architecture a = WireSamples.architectures(BuiltInSpaces.small(), 1).get(0);
    LatencySample s = new LatencySample(a, 3.5, 0.25, 40.0, 1.5, 20, 1, 5, "Xeon 2 cores");
    assertEquals(
        s,
        LatencySampleMapper.fromProto(
            LatencySampleProto.parseFrom(LatencySampleMapper.toProto(s).toByteArray())));
  }

  @Test
  void searchJobsWithAndWithoutLimits() throws Exception {
    SearchJobSpec limited =
        new SearchJobSpec(
            "job-a",
            BuiltInSpaces.small(),
            SearchMode.ASYNC,
            new Constraints(
                OptionalDouble.of(120.5),
                OptionalLong.of(2_000_000_000L),
                OptionalLong.of(30_000_000L)),
            EvolutionSettings.paper(),
            0,
            5000,
            -42);
    SearchJobSpec free =
        new SearchJobSpec(
            "job-b",
            BuiltInSpaces.paper(16),
            SearchMode.GENERATIONAL,
            Constraints.NONE,
            new EvolutionSettings(20, 4, 8, 8, 0.2, 0.6, 50),
            10,
            0,
            7);
    for (SearchJobSpec s : new SearchJobSpec[] {limited, free}) {
      assertEquals(
          s,
          SearchJobMapper.fromProto(
              SearchJobSpecProto.parseFrom(SearchJobMapper.toProto(s).toByteArray())));
    }
  }

  @Test
  void searchStatuses() throws Exception {
    SearchStatus running =
        new SearchStatus(
            "job",
            SearchState.RUNNING,
            500,
            300,
            120,
            50,
            30,
            4,
            Optional.of(new SearchStatus.Best(17, 3.75)),
            61.5,
            Optional.empty());
    SearchStatus failed =
        new SearchStatus(
            "job",
            SearchState.FAILED,
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
          SearchStatusMapper.fromProto(
              SearchStatusProto.parseFrom(SearchStatusMapper.toProto(s).toByteArray())));
    }
  }

  @Test
  void paretoPoints() throws Exception {
    Candidate c = WireSamples.candidate(3);
    ParetoPoint p = new ParetoPoint(c.id(), c.architecture(), 4.5, 88.25, c.cost().flops());
    assertEquals(
        p,
        ParetoPointMapper.fromProto(
            ParetoPointProto.parseFrom(ParetoPointMapper.toProto(p).toByteArray())));
  }
}
