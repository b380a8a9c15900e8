package org.automoe.cluster.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.wire.CandidateMapper;
import org.automoe.actors.wire.ParetoPointMapper;
import org.automoe.actors.wire.SearchJobMapper;
import org.automoe.actors.wire.SearchStatusMapper;
import org.automoe.cluster.search.EvaluatedRows;
import org.automoe.cluster.search.SearchFiles;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.ArchitectureKey;
import org.automoe.core.cost.CostModel;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.pareto.ParetoPoint;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchPhase;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.automoe.proto.EvaluatedProto;
import org.automoe.proto.GetFrontResponse;
import org.automoe.proto.SearchInfo;
import org.automoe.proto.SearchUpdate;

/**
 * One search the service holds: its job and record, the files it keeps in its folder, and what its
 * coordinator last said (the listener of its coordinator, so every call runs on the coordinator's
 * thread). Watchers get the search as it stands first, then progress, every new best, every change
 * of the front, and the end.
 */
final class ServedSearch implements SearchCoordinator.Listener {
  /** Updates a slow watcher may fall behind by; the oldest are dropped beyond it. */
  private static final int WATCH_BUFFER = 256;

  private final String id;
  private final ServiceRecord record;
  private final SearchJobSpec spec;
  private final SearchFiles files;
  private final Path folder;
  private final CostModel cost;
  private final List<SourceQueueWithComplete<SearchUpdate>> watchers = new CopyOnWriteArrayList<>();
  final CompletableFuture<SearchState.Result> done = new CompletableFuture<>();

  private volatile SearchStatus status;
  private volatile SearchState.Result result =
      new SearchState.Result(0, List.of(), Optional.empty(), List.of());
  private volatile Optional<String> stopAsked = Optional.empty();

  /**
   * Completes when the coordinator has recovered (or begun) the search and said where it stands.
   */
  final CompletableFuture<SearchStatus> recovered = new CompletableFuture<>();

  private boolean ended;

  /** Results numbered so far (replayed or new), and the best of them with its number. */
  private long lastNumber;

  private Individual bestSeen;
  private long bestSeenNumber;

  ServedSearch(String id, ServiceRecord record, SearchJobSpec spec, Path folder, CostModel cost) {
    this.id = id;
    this.record = record;
    this.spec = spec;
    this.folder = folder;
    this.cost = cost;
    this.files = new SearchFiles(folder, spec);
    this.status =
        new SearchStatus(
            spec.name(),
            SearchPhase.RUNNING,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Optional.empty(),
            0,
            Optional.empty());
  }

  String id() {
    return id;
  }

  ServiceRecord record() {
    return record;
  }

  SearchStatus status() {
    return status;
  }

  /** True until the search finished, failed or was stopped. */
  boolean running() {
    return status.state() == SearchPhase.RUNNING;
  }

  /** Asks the coordinator to end the search at its next tick; what it found stands. */
  void stop(String why) {
    stopAsked = Optional.of(why);
  }

  /** True when the coordinator should replay its whole journal (the file of results was lost). */
  boolean replayWholeJournal() {
    return files.startedEmpty();
  }

  SearchInfo info() {
    return SearchInfo.newBuilder()
        .setId(id)
        .setRequestId(record.requestId())
        .setDisplayName(record.displayName())
        .setSpec(SearchJobMapper.toProto(spec))
        .setStatus(SearchStatusMapper.toProto(status))
        .setCreatedEpochMs(record.createdEpochMs())
        .build();
  }

  GetFrontResponse front() {
    return front(result);
  }

  private static GetFrontResponse front(SearchState.Result r) {
    GetFrontResponse.Builder b = GetFrontResponse.newBuilder();
    r.front().forEach(i -> b.addPoints(ParetoPointMapper.toProto(ParetoPoint.of(i))));
    return b.build();
  }

  private static EvaluatedProto evaluated(Individual i, long number) {
    return EvaluatedProto.newBuilder()
        .setNumber(number)
        .setCandidate(CandidateMapper.toProto(i.candidate()))
        .setValidationLoss(i.validationLoss())
        .build();
  }

  /** Most evaluated candidates one ListEvaluated page holds. */
  static final int MAX_PAGE = 1000;

  /** Up to {@code size} evaluated candidates after the first {@code offset}, in order. */
  List<EvaluatedProto> evaluated(long offset, int size) {
    return EvaluatedRows.page(folder, offset, size).stream().map(this::evaluated).toList();
  }

  /** Candidate {@code id} if it was evaluated; the best when {@code id} is 0. */
  Optional<EvaluatedProto> evaluatedCandidate(long id) {
    Optional<Individual> best = result.best();
    if (id == 0 && best.isEmpty()) {
      return Optional.empty();
    }
    long wanted = id == 0 ? best.get().candidate().id() : id;
    return EvaluatedRows.find(folder, wanted).map(this::evaluated);
  }

  private EvaluatedProto evaluated(EvaluatedRows.Row r) {
    Architecture a = ArchitectureKey.parse(r.key());
    Candidate c =
        new Candidate(
            r.candidateId(), r.seed(), r.generation(), a, cost.cost(a), r.predictedLatencyMs());
    return EvaluatedProto.newBuilder()
        .setNumber(r.number())
        .setCandidate(CandidateMapper.toProto(c))
        .setValidationLoss(r.validationLoss())
        .build();
  }

  /** The watch of this search: its current state first, the end last. */
  synchronized Source<SearchUpdate, NotUsed> watch(ClassicActorSystemProvider system) {
    Pair<SourceQueueWithComplete<SearchUpdate>, Source<SearchUpdate, NotUsed>> pair =
        Source.<SearchUpdate>queue(WATCH_BUFFER, OverflowStrategy.dropHead())
            .preMaterialize(system);
    SourceQueueWithComplete<SearchUpdate> queue = pair.first();
    queue.offer(SearchUpdate.newBuilder().setCurrent(info()).build());
    if (ended) {
      queue.offer(SearchUpdate.newBuilder().setEnded(info()).build());
      queue.complete();
    } else {
      watchers.add(queue);
      queue.watchCompletion().whenComplete((d, e) -> watchers.remove(queue));
    }
    return pair.second();
  }

  private void publish(SearchUpdate update) {
    for (SourceQueueWithComplete<SearchUpdate> q : watchers) {
      q.offer(update);
    }
  }

  @Override
  public void recovered(SearchStatus s) {
    status = s;
    lastNumber = Math.max(lastNumber, s.evaluated());
    recovered.complete(s);
  }

  @Override
  public void progress(SearchStatus s) {
    status = s;
    publish(SearchUpdate.newBuilder().setProgress(SearchStatusMapper.toProto(s)).build());
  }

  @Override
  public void evaluated(Individual individual) {
    files.evaluated(individual);
    numbered(++lastNumber, individual);
  }

  @Override
  public void replayed(long number, Individual individual) {
    files.replayed(number, individual);
    lastNumber = Math.max(lastNumber, number);
    numbered(number, individual);
  }

  /** Keeps the number of the best seen so far, for the new-best updates. */
  private void numbered(long number, Individual i) {
    if (bestSeen == null || i.validationLoss() < bestSeen.validationLoss()) {
      bestSeen = i;
      bestSeenNumber = number;
    }
  }

  @Override
  public void snapshot(SearchState.Result r, SearchStatus s) {
    files.snapshot(r, s);
    publishChanges(r);
  }

  /** A new best and a changed front, as watchers see them. */
  private void publishChanges(SearchState.Result r) {
    SearchState.Result before = result;
    result = r;
    if (r.best().isPresent()
        && !r.best().map(Individual::key).equals(before.best().map(Individual::key))) {
      Individual best = r.best().get();
      // Its number when this owner saw it evaluated; 0 when it came before (a restored snapshot).
      long number = best.equals(bestSeen) ? bestSeenNumber : 0;
      publish(SearchUpdate.newBuilder().setNewBest(evaluated(best, number)).build());
    }
    if (!keys(r.front()).equals(keys(before.front()))) {
      publish(SearchUpdate.newBuilder().setFront(front(r)).build());
    }
  }

  private static List<String> keys(List<Individual> l) {
    return l.stream().map(Individual::key).toList();
  }

  @Override
  public Optional<String> stopRequested() {
    return stopAsked;
  }

  @Override
  public synchronized void finished(SearchState.Result r, SearchStatus s) {
    publishChanges(r); // a search may end within one tick of its last snapshot
    status = s;
    files.finished(r, s);
    ended = true;
    SearchUpdate end = SearchUpdate.newBuilder().setEnded(info()).build();
    for (SourceQueueWithComplete<SearchUpdate> q : watchers) {
      q.offer(end);
      q.complete();
    }
    watchers.clear();
    done.complete(r);
  }

  /**
   * The coordinator stopped before the end (its node shut down, its journal failed, or the journal
   * did not fit): the search counts as failed with the reason, and every watcher, now or later,
   * sees that end.
   */
  synchronized void lost(Throwable why) {
    Throwable cause = why;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    SearchStatus s = status;
    status =
        new SearchStatus(
            s.name(),
            SearchPhase.FAILED,
            s.generated(),
            s.evaluated(),
            s.rejected(),
            s.pending(),
            s.inFlight(),
            s.failed(),
            s.requeued(),
            s.best(),
            s.elapsedSeconds(),
            Optional.of("its coordinator stopped: " + cause.getMessage()));
    recovered.complete(status);
    if (!ended) {
      ended = true;
      SearchUpdate end = SearchUpdate.newBuilder().setEnded(info()).build();
      for (SourceQueueWithComplete<SearchUpdate> q : watchers) {
        q.offer(end);
        q.complete();
      }
      watchers.clear();
    }
    files.close();
  }
}
