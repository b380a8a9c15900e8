package org.automoe.actors.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.proto.ArchitectureProto;
import org.automoe.proto.CandidateProto;
import org.automoe.proto.EncoderLayerProto;
import org.automoe.proto.EvaluationResultProto;
import org.automoe.proto.SearchJobSpecProto;
import org.automoe.proto.SearchModeProto;
import org.automoe.proto.SearchSpaceProto;
import org.junit.jupiter.api.Test;

/** Messages that parse but describe nothing valid are rejected with the field named. */
class MalformedWireTest {
  @Test
  void missingSubMessagesAreNamed() {
    CandidateProto noArch =
        CandidateMapper.toProto(WireSamples.candidate(1)).toBuilder().clearArchitecture().build();
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> CandidateMapper.fromProto(noArch));
    assertEquals("CandidateProto.architecture is missing", e.getMessage());
  }

  @Test
  void invalidLayersNameTheirIndex() {
    ArchitectureProto p =
        ArchitectureMapper.toProto(WireSamples.candidate(1).architecture()).toBuilder()
            .setEncoderLayers(
                2, EncoderLayerProto.newBuilder().setSelfHeads(0).addExpertWidths(1024))
            .build();
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> ArchitectureMapper.fromProto(p));
    assertEquals(
        "ArchitectureProto.encoder_layers[2]: self-attention heads must be positive, but was 0",
        e.getMessage());
  }

  @Test
  void emptyArchitecturesAreRejected() {
    assertThrows(
        WireFormatException.class,
        () -> ArchitectureMapper.fromProto(ArchitectureProto.getDefaultInstance()));
  }

  @Test
  void unsetEnumsAndOneofsAreRejected() {
    SearchJobSpecProto noMode =
        SearchJobSpecProto.newBuilder()
            .setSpace(SearchSpaceMapper.toProto(BuiltInSpaces.tiny()))
            .setMode(SearchModeProto.SEARCH_MODE_UNSPECIFIED)
            .setConstraints(SearchJobMapper.toProto(Constraints.NONE))
            .setEvolution(SearchJobMapper.toProto(EvolutionSettings.paper()))
            .build();
    assertThrows(WireFormatException.class, () -> SearchJobMapper.fromProto(noMode));
    WireFormatException e =
        assertThrows(
            WireFormatException.class,
            () ->
                EvaluationMapper.fromProto(
                    EvaluationResultProto.newBuilder().setCandidateId(3).build()));
    assertEquals("EvaluationResultProto has neither validation_loss nor failure", e.getMessage());
  }

  @Test
  void searchJobsGiveExactlyOneValidLength() {
    SearchJobSpecProto budget =
        SearchJobMapper.toProto(
            new SearchJobSpec(
                "job",
                BuiltInSpaces.tiny(),
                SearchMode.ASYNC,
                Constraints.NONE,
                EvolutionSettings.paper(),
                new SearchLength.Budget(50),
                1));
    WireFormatException both =
        assertThrows(
            WireFormatException.class,
            () -> SearchJobMapper.fromProto(budget.toBuilder().setUnbounded(true).build()));
    assertTrue(both.getMessage().contains("expected exactly one"), both.getMessage());
    WireFormatException negative =
        assertThrows(
            WireFormatException.class,
            () -> SearchJobMapper.fromProto(budget.toBuilder().setBudget(-3).build()));
    assertTrue(negative.getMessage().endsWith("but was -3"), negative.getMessage());
    WireFormatException mismatch =
        assertThrows(
            WireFormatException.class,
            () ->
                SearchJobMapper.fromProto(
                    budget.toBuilder().setMode(SearchModeProto.SEARCH_MODE_GENERATIONAL).build()));
    assertTrue(mismatch.getMessage().contains("generational mode"), mismatch.getMessage());
  }

  @Test
  void invalidSpacesCarryTheDomainReason() {
    SearchSpaceProto p =
        SearchSpaceMapper.toProto(BuiltInSpaces.small()).toBuilder().setQkvDim(250).build();
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> SearchSpaceMapper.fromProto(p));
    assertEquals(
        "SearchSpaceProto: encoder.self-heads: 4 heads do not divide qkv-dim 250", e.getMessage());
  }

  @Test
  void garbageBytesDoNotParse() {
    byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
    assertThrows(InvalidProtocolBufferException.class, () -> CandidateProto.parseFrom(garbage));
  }
}
