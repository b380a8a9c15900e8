package org.automoe.cluster.service;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.javadsl.Metadata;
import org.apache.pekko.stream.javadsl.Source;
import org.automoe.actors.wire.ArchitectureMapper;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.proto.AskCandidatesRequest;
import org.automoe.proto.AskCandidatesResponse;
import org.automoe.proto.CreateSearchRequest;
import org.automoe.proto.EvaluatedProto;
import org.automoe.proto.ExportArchitectureRequest;
import org.automoe.proto.ExportArchitectureResponse;
import org.automoe.proto.GetFrontRequest;
import org.automoe.proto.GetFrontResponse;
import org.automoe.proto.GetSearchRequest;
import org.automoe.proto.ListEvaluatedRequest;
import org.automoe.proto.ListEvaluatedResponse;
import org.automoe.proto.ListSearchesRequest;
import org.automoe.proto.ListSearchesResponse;
import org.automoe.proto.ResumeSearchRequest;
import org.automoe.proto.SearchInfo;
import org.automoe.proto.SearchServicePowerApi;
import org.automoe.proto.SearchUpdate;
import org.automoe.proto.StopSearchRequest;
import org.automoe.proto.TellResultsRequest;
import org.automoe.proto.TellResultsResponse;
import org.automoe.proto.WatchSearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search service's RPCs over the {@link SearchRegistry}. Every call shows the bearer token
 * first (when the server has one). A client's mistake is a status naming the field
 * (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, RESOURCE_EXHAUSTED), never INTERNAL; an
 * internal error is INTERNAL with one line, its stack trace in the server's log.
 */
final class SearchServiceImpl implements SearchServicePowerApi {
  private static final Logger LOG = LoggerFactory.getLogger(SearchServiceImpl.class);

  /** How long StopSearch waits for the search to end before it answers. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final SearchRegistry registry;
  private final BearerToken token;
  private final ClassicActorSystemProvider system;

  SearchServiceImpl(SearchRegistry registry, BearerToken token, ClassicActorSystemProvider system) {
    this.registry = registry;
    this.token = token;
    this.system = system;
  }

  /** Runs {@code call} after the token check, its failure as a status. */
  private <T> CompletionStage<T> answer(Metadata metadata, Supplier<T> call) {
    try {
      token.check(metadata);
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asStatus(e));
    }
  }

  private static GrpcServiceException asStatus(RuntimeException e) {
    if (e instanceof GrpcServiceException g) {
      return g;
    }
    if (e instanceof InvalidInputException) {
      return new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    }
    LOG.error("internal error in a call", e);
    return new GrpcServiceException(
        Status.INTERNAL.withDescription(
            "internal error (" + e.getClass().getSimpleName() + "); see the server's log"));
  }

  private ServedSearch search(String id) {
    if (id.isEmpty()) {
      throw CreateSearchRequests.invalid("search_id", "missing");
    }
    return registry
        .get(id)
        .orElseThrow(
            () ->
                new GrpcServiceException(
                    Status.NOT_FOUND.withDescription("search_id: no search '" + id + "'")));
  }

  private static GrpcServiceException notYet(String rpc) {
    return new GrpcServiceException(
        Status.UNIMPLEMENTED.withDescription(rpc + " is not served by this server yet"));
  }

  @Override
  public CompletionStage<SearchInfo> createSearch(CreateSearchRequest in, Metadata metadata) {
    return answer(metadata, () -> registry.create(in).info());
  }

  @Override
  public CompletionStage<SearchInfo> getSearch(GetSearchRequest in, Metadata metadata) {
    return answer(metadata, () -> search(in.getSearchId()).info());
  }

  @Override
  public CompletionStage<ListSearchesResponse> listSearches(
      ListSearchesRequest in, Metadata metadata) {
    return answer(
        metadata,
        () ->
            ListSearchesResponse.newBuilder()
                .addAllSearches(registry.list().stream().map(ServedSearch::info).toList())
                .build());
  }

  @Override
  public CompletionStage<SearchInfo> stopSearch(StopSearchRequest in, Metadata metadata) {
    ServedSearch s;
    try {
      token.check(metadata);
      s = search(in.getSearchId());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(asStatus(e));
    }
    s.stop("stopped by a StopSearch call");
    // Answered when the search has ended (its coordinator halts at its next tick), or after the
    // wait with the state it is in: no thread waits meanwhile.
    return s.done
        .handle((result, error) -> true)
        .completeOnTimeout(false, STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(ended -> s.info());
  }

  @Override
  public CompletionStage<SearchInfo> resumeSearch(ResumeSearchRequest in, Metadata metadata) {
    return answer(
        metadata,
        () -> {
          search(in.getSearchId());
          throw notYet("ResumeSearch");
        });
  }

  @Override
  public CompletionStage<GetFrontResponse> getFront(GetFrontRequest in, Metadata metadata) {
    return answer(metadata, () -> search(in.getSearchId()).front());
  }

  @Override
  public CompletionStage<ListEvaluatedResponse> listEvaluated(
      ListEvaluatedRequest in, Metadata metadata) {
    return answer(
        metadata,
        () -> {
          ServedSearch s = search(in.getSearchId());
          int size = in.getPageSize() == 0 ? 100 : in.getPageSize();
          if (size < 1 || size > ServedSearch.MAX_PAGE) {
            throw CreateSearchRequests.invalid(
                "page_size", "must be in [1, " + ServedSearch.MAX_PAGE + "], or 0 for 100");
          }
          long offset;
          try {
            offset = in.getPageToken().isEmpty() ? 0 : Long.parseLong(in.getPageToken());
          } catch (NumberFormatException e) {
            offset = -1;
          }
          if (offset < 0) {
            throw CreateSearchRequests.invalid("page_token", "not a token this server gave");
          }
          List<EvaluatedProto> page = s.evaluated(offset, size);
          return ListEvaluatedResponse.newBuilder()
              .addAllEvaluated(page)
              .setNextPageToken(page.size() < size ? "" : Long.toString(offset + page.size()))
              .build();
        });
  }

  @Override
  public CompletionStage<ExportArchitectureResponse> exportArchitecture(
      ExportArchitectureRequest in, Metadata metadata) {
    return answer(
        metadata,
        () -> {
          ServedSearch s = search(in.getSearchId());
          EvaluatedProto e =
              s.evaluatedCandidate(in.getCandidateId())
                  .orElseThrow(
                      () ->
                          new GrpcServiceException(
                              Status.NOT_FOUND.withDescription(
                                  in.getCandidateId() == 0
                                      ? "candidate_id: the search has evaluated none yet"
                                      : "candidate_id: "
                                          + in.getCandidateId()
                                          + " is not an evaluated candidate of the search")));
          Architecture a = ArchitectureMapper.fromProto(e.getCandidate().getArchitecture());
          return ExportArchitectureResponse.newBuilder()
              .setCandidateId(e.getCandidate().getId())
              .setYaml(HatYamlCodec.write(a))
              .setArchitecture(e.getCandidate().getArchitecture())
              .build();
        });
  }

  @Override
  public Source<SearchUpdate, NotUsed> watchSearch(WatchSearchRequest in, Metadata metadata) {
    try {
      token.check(metadata);
      return search(in.getSearchId()).watch(system);
    } catch (RuntimeException e) {
      return Source.failed(asStatus(e));
    }
  }

  @Override
  public CompletionStage<AskCandidatesResponse> askCandidates(
      AskCandidatesRequest in, Metadata metadata) {
    return answer(
        metadata,
        () -> {
          throw notYet("AskCandidates");
        });
  }

  @Override
  public CompletionStage<TellResultsResponse> tellResults(
      TellResultsRequest in, Metadata metadata) {
    return answer(
        metadata,
        () -> {
          throw notYet("TellResults");
        });
  }
}
