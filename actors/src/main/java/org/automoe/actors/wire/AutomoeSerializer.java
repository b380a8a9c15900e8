package org.automoe.actors.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchSnapshot;
import org.automoe.proto.JoinProto;
import org.automoe.proto.LatencyMeasuredProto;
import org.automoe.proto.MeasureLatencyProto;
import org.automoe.proto.ReportResultProto;
import org.automoe.proto.RequestWorkProto;
import org.automoe.proto.SearchEventProto;
import org.automoe.proto.SearchSnapshotProto;
import org.automoe.proto.StatusQueryProto;
import org.automoe.proto.StatusReplyProto;
import org.automoe.proto.WorkProto;

/**
 * Pekko serializer of every {@link org.automoe.actors.WireMessage} and of a search's journal events
 * ({@link SearchEvent}) and snapshots ({@link SearchSnapshot}): protobuf bytes, a short manifest
 * per message type. Bytes that do not parse, or parse into an invalid value, raise {@link
 * NotSerializableException} naming the message and field; Pekko logs it and drops the message, so a
 * bad peer cannot crash a node.
 */
public final class AutomoeSerializer extends SerializerWithStringManifest {
  /** Pekko reserves identifiers 0-40. */
  public static final int IDENTIFIER = 4171;

  private static final String JOIN = "join";
  private static final String REQUEST_WORK = "request-work";
  private static final String WORK = "work";
  private static final String REPORT_RESULT = "report-result";
  private static final String GET_STATUS = "get-status";
  private static final String STATUS_REPLY = "status-reply";
  private static final String MEASURE_LATENCY = "measure-latency";
  private static final String LATENCY_MEASURED = "latency-measured";

  /** Journal events keep this manifest in the journal's rows: never rename it. */
  private static final String SEARCH_EVENT = "search-event";

  /** Snapshots of a search keep this manifest in the snapshot store: never rename it. */
  private static final String SEARCH_SNAPSHOT = "search-snapshot";

  private final EngineMapper mapper;
  private final ProbeMapper probes;

  public AutomoeSerializer(ExtendedActorSystem system) {
    ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
    this.mapper = new EngineMapper(resolver::toSerializationFormat, resolver::resolveActorRef);
    this.probes = new ProbeMapper(resolver::toSerializationFormat, resolver::resolveActorRef);
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof EvaluatorActor.Join) {
      return JOIN;
    } else if (o instanceof SearchCoordinator.RequestWork) {
      return REQUEST_WORK;
    } else if (o instanceof EvaluatorActor.Work) {
      return WORK;
    } else if (o instanceof SearchCoordinator.ReportResult) {
      return REPORT_RESULT;
    } else if (o instanceof SearchCoordinator.GetStatus) {
      return GET_STATUS;
    } else if (o instanceof SearchCoordinator.StatusReply) {
      return STATUS_REPLY;
    } else if (o instanceof LatencyProbe.Measure) {
      return MEASURE_LATENCY;
    } else if (o instanceof LatencyProbe.Measured) {
      return LATENCY_MEASURED;
    } else if (o instanceof SearchEvent) {
      return SEARCH_EVENT;
    } else if (o instanceof SearchSnapshot) {
      return SEARCH_SNAPSHOT;
    }
    throw new IllegalArgumentException("no wire format for " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    MessageLite p;
    if (o instanceof EvaluatorActor.Join m) {
      p = mapper.toProto(m);
    } else if (o instanceof SearchCoordinator.RequestWork m) {
      p = mapper.toProto(m);
    } else if (o instanceof EvaluatorActor.Work m) {
      p = mapper.toProto(m);
    } else if (o instanceof SearchCoordinator.ReportResult m) {
      p = mapper.toProto(m);
    } else if (o instanceof SearchCoordinator.GetStatus m) {
      p = mapper.toProto(m);
    } else if (o instanceof SearchCoordinator.StatusReply m) {
      p = mapper.toProto(m);
    } else if (o instanceof LatencyProbe.Measure m) {
      p = probes.toProto(m);
    } else if (o instanceof LatencyProbe.Measured m) {
      p = probes.toProto(m);
    } else if (o instanceof SearchEvent e) {
      p = SearchEventMapper.toProto(e);
    } else if (o instanceof SearchSnapshot s) {
      p = SearchSnapshotMapper.toProto(s);
    } else {
      throw new IllegalArgumentException("no wire format for " + o.getClass().getName());
    }
    return p.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case JOIN -> mapper.fromProto(JoinProto.parseFrom(bytes));
        case REQUEST_WORK -> mapper.fromProto(RequestWorkProto.parseFrom(bytes));
        case WORK -> mapper.fromProto(WorkProto.parseFrom(bytes));
        case REPORT_RESULT -> mapper.fromProto(ReportResultProto.parseFrom(bytes));
        case GET_STATUS -> mapper.fromProto(StatusQueryProto.parseFrom(bytes));
        case STATUS_REPLY -> mapper.fromProto(StatusReplyProto.parseFrom(bytes));
        case MEASURE_LATENCY -> probes.fromProto(MeasureLatencyProto.parseFrom(bytes));
        case LATENCY_MEASURED -> probes.fromProto(LatencyMeasuredProto.parseFrom(bytes));
        case SEARCH_EVENT -> SearchEventMapper.fromProto(SearchEventProto.parseFrom(bytes));
        case SEARCH_SNAPSHOT ->
            SearchSnapshotMapper.fromProto(SearchSnapshotProto.parseFrom(bytes));
        default ->
            throw new NotSerializableException("unknown message manifest '" + manifest + "'");
      };
    } catch (InvalidProtocolBufferException e) {
      throw new NotSerializableException(
          "'" + manifest + "' message: not valid protobuf (" + e.getMessage() + ")");
    } catch (WireFormatException e) {
      throw new NotSerializableException("'" + manifest + "' message: " + e.getMessage());
    }
  }
}
