package org.automoe.actors.wire;

import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.proto.JoinProto;
import org.automoe.proto.ReportResultProto;
import org.automoe.proto.RequestWorkProto;
import org.automoe.proto.StatusQueryProto;
import org.automoe.proto.StatusReplyProto;
import org.automoe.proto.WorkProto;

/**
 * The coordinator/evaluator messages and their protobuf twins. Actor references are written and
 * read by the given functions (Pekko's {@code ActorRefResolver} in the serializer).
 */
public final class EngineMapper {
  private final Function<ActorRef<?>, String> refToString;
  private final Function<String, ActorRef<?>> stringToRef;

  public EngineMapper(
      Function<ActorRef<?>, String> refToString, Function<String, ActorRef<?>> stringToRef) {
    this.refToString = refToString;
    this.stringToRef = stringToRef;
  }

  public JoinProto toProto(EvaluatorActor.Join m) {
    return JoinProto.newBuilder()
        .setCoordinator(refToString.apply(m.coordinator()))
        .setSupernet(m.supernet())
        .build();
  }

  public EvaluatorActor.Join fromProto(JoinProto p) {
    return new EvaluatorActor.Join(
        ref(p.getCoordinator(), "JoinProto.coordinator"), p.getSupernet());
  }

  public RequestWorkProto toProto(SearchCoordinator.RequestWork m) {
    return RequestWorkProto.newBuilder()
        .setWorker(refToString.apply(m.worker()))
        .setCount(m.count())
        .setRequest(m.request())
        .build();
  }

  public SearchCoordinator.RequestWork fromProto(RequestWorkProto p) {
    if (p.getCount() < 1 || p.getCount() > SearchCoordinator.RequestWork.MAX_COUNT) {
      throw new WireFormatException(
          "RequestWorkProto.count must be in [1, "
              + SearchCoordinator.RequestWork.MAX_COUNT
              + "], but was "
              + p.getCount());
    }
    return new SearchCoordinator.RequestWork(
        ref(p.getWorker(), "RequestWorkProto.worker"), p.getCount(), p.getRequest());
  }

  public WorkProto toProto(EvaluatorActor.Work m) {
    WorkProto.Builder b =
        WorkProto.newBuilder()
            .setFinished(m.finished())
            .setRetryAfterMs(m.retryAfterMs())
            .setRequest(m.request())
            .setSentAtMs(m.sentAtMs());
    for (EvaluationRequest r : m.requests()) {
      b.addRequests(EvaluationMapper.toProto(r, ""));
    }
    return b.build();
  }

  public EvaluatorActor.Work fromProto(WorkProto p) {
    if (p.getRetryAfterMs() < 0) {
      throw new WireFormatException("WorkProto.retry_after_ms must not be negative");
    }
    return new EvaluatorActor.Work(
        p.getRequestsList().stream().map(EvaluationMapper::fromProto).toList(),
        p.getFinished(),
        p.getRetryAfterMs(),
        p.getRequest(),
        p.getSentAtMs());
  }

  public ReportResultProto toProto(SearchCoordinator.ReportResult m) {
    return ReportResultProto.newBuilder()
        .setWorker(refToString.apply(m.worker()))
        .setResult(EvaluationMapper.toProto(m.result()))
        .build();
  }

  public SearchCoordinator.ReportResult fromProto(ReportResultProto p) {
    Wire.require(p.hasResult(), "ReportResultProto", "result");
    return new SearchCoordinator.ReportResult(
        ref(p.getWorker(), "ReportResultProto.worker"), EvaluationMapper.fromProto(p.getResult()));
  }

  public StatusQueryProto toProto(SearchCoordinator.GetStatus m) {
    return StatusQueryProto.newBuilder().setReplyTo(refToString.apply(m.replyTo())).build();
  }

  public SearchCoordinator.GetStatus fromProto(StatusQueryProto p) {
    return new SearchCoordinator.GetStatus(ref(p.getReplyTo(), "StatusQueryProto.reply_to"));
  }

  public StatusReplyProto toProto(SearchCoordinator.StatusReply m) {
    return StatusReplyProto.newBuilder().setStatus(SearchStatusMapper.toProto(m.status())).build();
  }

  public SearchCoordinator.StatusReply fromProto(StatusReplyProto p) {
    Wire.require(p.hasStatus(), "StatusReplyProto", "status");
    return new SearchCoordinator.StatusReply(SearchStatusMapper.fromProto(p.getStatus()));
  }

  @SuppressWarnings("unchecked")
  private <T> ActorRef<T> ref(String s, String field) {
    if (s.isEmpty()) {
      throw new WireFormatException(field + " is missing");
    }
    try {
      return (ActorRef<T>) stringToRef.apply(s);
    } catch (RuntimeException e) {
      throw new WireFormatException(field + ": not an actor reference: " + s, e);
    }
  }
}
