package org.automoe.actors.wire;

import java.util.Optional;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchStatus;
import org.automoe.proto.SearchStateProto;
import org.automoe.proto.SearchStatusProto;

/** {@link SearchStatus} and {@link SearchStatusProto}. */
public final class SearchStatusMapper {
  private SearchStatusMapper() {}

  public static SearchStatusProto toProto(SearchStatus s) {
    SearchStatusProto.Builder b =
        SearchStatusProto.newBuilder()
            .setName(s.name())
            .setState(toProto(s.state()))
            .setGenerated(s.generated())
            .setEvaluated(s.evaluated())
            .setRejected(s.rejected())
            .setPending(s.pending())
            .setInFlight(s.inFlight())
            .setFailed(s.failed())
            .setRequeued(s.requeued())
            .setBestValidationLoss(
                s.best().map(SearchStatus.Best::validationLoss).orElse(Double.NaN))
            .setBestCandidateId(s.best().map(SearchStatus.Best::candidateId).orElse(0L))
            .setElapsedSeconds(s.elapsedSeconds());
    s.failure().ifPresent(b::setFailure);
    return b.build();
  }

  public static SearchStatus fromProto(SearchStatusProto p) {
    Optional<SearchStatus.Best> best =
        p.getBestCandidateId() > 0
            ? Optional.of(new SearchStatus.Best(p.getBestCandidateId(), p.getBestValidationLoss()))
            : Optional.empty();
    return new SearchStatus(
        p.getName(),
        fromProto(p.getState()),
        p.getGenerated(),
        p.getEvaluated(),
        p.getRejected(),
        p.getPending(),
        p.getInFlight(),
        p.getFailed(),
        p.getRequeued(),
        best,
        p.getElapsedSeconds(),
        p.getFailure().isEmpty() ? Optional.empty() : Optional.of(p.getFailure()));
  }

  static SearchStateProto toProto(SearchPhase s) {
    return switch (s) {
      case RUNNING -> SearchStateProto.SEARCH_STATE_RUNNING;
      case DONE -> SearchStateProto.SEARCH_STATE_DONE;
      case FAILED -> SearchStateProto.SEARCH_STATE_FAILED;
      case STOPPED -> SearchStateProto.SEARCH_STATE_STOPPED;
    };
  }

  static SearchPhase fromProto(SearchStateProto p) {
    return switch (p) {
      case SEARCH_STATE_RUNNING -> SearchPhase.RUNNING;
      case SEARCH_STATE_DONE -> SearchPhase.DONE;
      case SEARCH_STATE_FAILED -> SearchPhase.FAILED;
      case SEARCH_STATE_STOPPED -> SearchPhase.STOPPED;
      case SEARCH_STATE_UNSPECIFIED, UNRECOGNIZED ->
          throw new WireFormatException(
              "SearchStatusProto.state is " + p + "; expected RUNNING, DONE, FAILED or STOPPED");
    };
  }
}
