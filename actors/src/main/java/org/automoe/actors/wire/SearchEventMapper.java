package org.automoe.actors.wire;

import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.search.SearchEvent;
import org.automoe.proto.CreatedEventProto;
import org.automoe.proto.ExpertWidthsProto;
import org.automoe.proto.GenomeProto;
import org.automoe.proto.HaltedEventProto;
import org.automoe.proto.LeasedEventProto;
import org.automoe.proto.LeasesExpiredEventProto;
import org.automoe.proto.RecoveredEventProto;
import org.automoe.proto.ResultReportedEventProto;
import org.automoe.proto.RoundClosedEventProto;
import org.automoe.proto.RoundFailedEventProto;
import org.automoe.proto.RoundOpenedEventProto;
import org.automoe.proto.SearchEventProto;
import org.automoe.proto.StoppedEventProto;
import org.automoe.proto.WorkerLeftEventProto;

/** A search's journal events and their protobuf twins. */
public final class SearchEventMapper {
  private SearchEventMapper() {}

  public static SearchEventProto toProto(SearchEvent event) {
    SearchEventProto.Builder b = SearchEventProto.newBuilder();
    if (event instanceof SearchEvent.Leased e) {
      b.setLeased(
          LeasedEventProto.newBuilder().setMax(e.max()).setWorker(e.worker()).setNowMs(e.nowMs()));
    } else if (event instanceof SearchEvent.ResultReported e) {
      b.setResultReported(
          ResultReportedEventProto.newBuilder()
              .setResult(EvaluationMapper.toProto(e.result()))
              .setReporter(e.reporter()));
    } else if (event instanceof SearchEvent.LeasesExpired e) {
      b.setLeasesExpired(LeasesExpiredEventProto.newBuilder().setNowMs(e.nowMs()));
    } else if (event instanceof SearchEvent.WorkerLeft e) {
      b.setWorkerLeft(WorkerLeftEventProto.newBuilder().setWorker(e.worker()));
    } else if (event instanceof SearchEvent.RoundOpened e) {
      b.setRoundOpened(RoundOpenedEventProto.newBuilder().setWanted(e.wanted()));
    } else if (event instanceof SearchEvent.RoundClosed e) {
      RoundClosedEventProto.Builder c = RoundClosedEventProto.newBuilder().setRoundId(e.roundId());
      e.children().forEach(g -> c.addChildren(toProto(g)));
      e.archs().forEach(a -> c.addArchs(ArchitectureMapper.toProto(a)));
      for (double ms : e.latencyMs()) {
        c.addLatencyMs(ms);
      }
      b.setRoundClosed(c);
    } else if (event instanceof SearchEvent.RoundFailed e) {
      b.setRoundFailed(RoundFailedEventProto.newBuilder().setRoundId(e.roundId()).setWhy(e.why()));
    } else if (event instanceof SearchEvent.Halted e) {
      b.setHalted(HaltedEventProto.newBuilder().setReason(e.reason()));
    } else if (event instanceof SearchEvent.Stopped e) {
      b.setStopped(StoppedEventProto.newBuilder().setWhy(e.why()));
    } else if (event instanceof SearchEvent.Created e) {
      b.setCreated(CreatedEventProto.newBuilder().setSpec(SearchJobMapper.toProto(e.spec())));
    } else if (event instanceof SearchEvent.Recovered) {
      b.setRecovered(RecoveredEventProto.getDefaultInstance());
    }
    return b.build();
  }

  public static SearchEvent fromProto(SearchEventProto p) {
    return switch (p.getEventCase()) {
      case LEASED -> {
        LeasedEventProto e = p.getLeased();
        if (e.getMax() < 1) {
          throw new WireFormatException(
              "LeasedEventProto.max must be at least 1, but was " + e.getMax());
        }
        yield new SearchEvent.Leased(
            e.getMax(), worker(e.getWorker(), "LeasedEventProto"), e.getNowMs());
      }
      case RESULT_REPORTED -> {
        ResultReportedEventProto e = p.getResultReported();
        Wire.require(e.hasResult(), "ResultReportedEventProto", "result");
        yield new SearchEvent.ResultReported(
            EvaluationMapper.fromProto(e.getResult()),
            worker(e.getReporter(), "ResultReportedEventProto"));
      }
      case LEASES_EXPIRED -> new SearchEvent.LeasesExpired(p.getLeasesExpired().getNowMs());
      case WORKER_LEFT ->
          new SearchEvent.WorkerLeft(worker(p.getWorkerLeft().getWorker(), "WorkerLeftEventProto"));
      case ROUND_OPENED -> {
        int wanted = p.getRoundOpened().getWanted();
        if (wanted < 1) {
          throw new WireFormatException(
              "RoundOpenedEventProto.wanted must be at least 1, but was " + wanted);
        }
        yield new SearchEvent.RoundOpened(wanted);
      }
      case ROUND_CLOSED -> roundClosed(p.getRoundClosed());
      case ROUND_FAILED ->
          new SearchEvent.RoundFailed(p.getRoundFailed().getRoundId(), p.getRoundFailed().getWhy());
      case RECOVERED -> new SearchEvent.Recovered();
      case STOPPED -> new SearchEvent.Stopped(p.getStopped().getWhy());
      case HALTED -> new SearchEvent.Halted(p.getHalted().getReason());
      case CREATED -> new SearchEvent.Created(SearchJobMapper.fromProto(p.getCreated().getSpec()));
      case EVENT_NOT_SET -> throw new WireFormatException("SearchEventProto.event is not set");
    };
  }

  private static SearchEvent.RoundClosed roundClosed(RoundClosedEventProto e) {
    int n = e.getChildrenCount();
    if (e.getArchsCount() != n || e.getLatencyMsCount() != n) {
      throw new WireFormatException(
          "RoundClosedEventProto: "
              + n
              + " children, "
              + e.getArchsCount()
              + " architectures and "
              + e.getLatencyMsCount()
              + " latencies; they must match");
    }
    List<Genome> children = e.getChildrenList().stream().map(SearchEventMapper::fromProto).toList();
    List<Architecture> archs =
        e.getArchsList().stream().map(ArchitectureMapper::fromProto).toList();
    double[] ms = e.getLatencyMsList().stream().mapToDouble(Double::doubleValue).toArray();
    return new SearchEvent.RoundClosed(e.getRoundId(), children, archs, ms);
  }

  static GenomeProto toProto(Genome g) {
    GenomeProto.Builder b = GenomeProto.newBuilder().addAllGenes(g.genes());
    g.expertWidths()
        .forEach(w -> b.addExpertWidths(ExpertWidthsProto.newBuilder().addAllWidths(w)));
    return b.build();
  }

  static Genome fromProto(GenomeProto p) {
    return new Genome(
        p.getGenesList(),
        p.getExpertWidthsList().stream().map(ExpertWidthsProto::getWidthsList).toList());
  }

  private static String worker(String name, String message) {
    if (name.isEmpty()) {
      throw new WireFormatException(message + ": the worker is missing");
    }
    return name;
  }
}
