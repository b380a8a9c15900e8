package org.automoe.actors.wire;

import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.Lease;
import org.automoe.proto.EvaluationRequestProto;
import org.automoe.proto.EvaluationResultProto;
import org.automoe.proto.LeaseProto;

/**
 * Evaluation requests, leases and results. The reply-to actor ref travels as a string next to the
 * domain value; the actor layer resolves it.
 */
public final class EvaluationMapper {
  private EvaluationMapper() {}

  public static LeaseProto toProto(Lease l) {
    return LeaseProto.newBuilder()
        .setCandidateId(l.candidateId())
        .setAttempt(l.attempt())
        .setDeadlineEpochMs(l.deadlineEpochMs())
        .build();
  }

  public static Lease fromProto(LeaseProto p) {
    return Wire.build(
        "LeaseProto", () -> new Lease(p.getCandidateId(), p.getAttempt(), p.getDeadlineEpochMs()));
  }

  public static EvaluationRequestProto toProto(EvaluationRequest r, String replyTo) {
    return EvaluationRequestProto.newBuilder()
        .setLease(toProto(r.lease()))
        .setCandidate(CandidateMapper.toProto(r.candidate()))
        .setReplyTo(replyTo)
        .build();
  }

  public static EvaluationRequest fromProto(EvaluationRequestProto p) {
    Wire.require(p.hasLease(), "EvaluationRequestProto", "lease");
    Wire.require(p.hasCandidate(), "EvaluationRequestProto", "candidate");
    Lease lease = fromProto(p.getLease());
    return Wire.build(
        "EvaluationRequestProto",
        () -> new EvaluationRequest(lease, CandidateMapper.fromProto(p.getCandidate())));
  }

  public static EvaluationResultProto toProto(EvaluationResult r) {
    EvaluationResultProto.Builder b =
        EvaluationResultProto.newBuilder()
            .setCandidateId(r.candidateId())
            .setAttempt(r.attempt())
            .setEvaluatedBy(r.evaluatedBy())
            .setDurationMicros(r.durationMicros());
    r.failure().ifPresentOrElse(b::setFailure, () -> b.setValidationLoss(r.validationLoss()));
    return b.build();
  }

  public static EvaluationResult fromProto(EvaluationResultProto p) {
    return switch (p.getOutcomeCase()) {
      case VALIDATION_LOSS -> {
        if (Double.isNaN(p.getValidationLoss())) {
          throw new WireFormatException(
              "EvaluationResultProto.validation_loss is NaN; report a failure instead");
        }
        yield EvaluationResult.success(
            p.getCandidateId(),
            p.getAttempt(),
            p.getValidationLoss(),
            p.getEvaluatedBy(),
            p.getDurationMicros());
      }
      case FAILURE ->
          EvaluationResult.failed(
              p.getCandidateId(),
              p.getAttempt(),
              p.getFailure(),
              p.getEvaluatedBy(),
              p.getDurationMicros());
      case OUTCOME_NOT_SET ->
          throw new WireFormatException(
              "EvaluationResultProto has neither validation_loss nor failure");
    };
  }
}
