package org.automoe.cluster.service;

import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.grpc.GrpcServiceException;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.search.SearchWatcher;
import org.automoe.cluster.search.SearchJobs;
import org.automoe.cluster.search.SearchJournal;
import org.automoe.cluster.search.SearchManifest;
import org.automoe.cluster.search.SearchRun;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchState;
import org.automoe.proto.CreateSearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searches of a server, each in its own folder {@code DATA/searches/ID} ({@code search.conf},
 * {@code service.conf}, {@code evaluated.csv}, {@code result.json}) and journaled under its own id:
 * created on request, and all taken up again when the server starts (finished ones readable,
 * running ones resumed). Each runs its coordinator as a cluster singleton of its own.
 */
final class SearchRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(SearchRegistry.class);

  private final ActorSystem<?> system;
  private final Path searches;
  private final CreateSearchRequests.Offer offer;
  private final CostModel cost;
  private final String fingerprint;
  private final SearchState.Settings stateSettings;
  private final SearchJournal journal;
  private final int maxRunning;
  private final Map<String, ServedSearch> byId = new LinkedHashMap<>();

  /** How long a search taken up may take to recover before the server serves anyway. */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

  SearchRegistry(
      ActorSystem<?> system,
      Path data,
      CreateSearchRequests.Offer offer,
      CostModel cost,
      String fingerprint,
      SearchState.Settings stateSettings,
      SearchJournal journal,
      int maxRunning) {
    this.system = system;
    this.searches = data.resolve("searches");
    this.offer = offer;
    this.cost = cost;
    this.fingerprint = fingerprint;
    this.stateSettings = stateSettings;
    this.journal = journal;
    this.maxRunning = maxRunning;
  }

  /** Takes up every search of the data folder, oldest first; returns how many. */
  synchronized int takeUp() {
    if (!Files.isDirectory(searches)) {
      return 0;
    }
    List<Path> folders;
    try (Stream<Path> list = Files.list(searches)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + searches, e);
    }
    List<Map.Entry<SearchManifest, ServiceRecord>> found = new ArrayList<>();
    for (Path f : folders) {
      try {
        Optional<SearchManifest> m = SearchManifest.read(f);
        Optional<ServiceRecord> r = ServiceRecord.read(f);
        if (m.isEmpty() || r.isEmpty()) {
          LOG.warn("{}: no search.conf and service.conf; skipped", f);
        } else if (!m.get().supernet().equals(offer.supernet())) {
          LOG.warn(
              "{}: searched the supernet {}, not this server's {}; skipped",
              f,
              m.get().supernet(),
              offer.supernet());
        } else {
          found.add(Map.entry(m.get(), r.get()));
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: cannot be taken up ({}); skipped", f, e.getMessage());
      }
    }
    found.sort(Comparator.comparingLong(e -> e.getValue().createdEpochMs()));
    List<ServedSearch> started = new ArrayList<>();
    for (Map.Entry<SearchManifest, ServiceRecord> e : found) {
      try {
        started.add(launch(prepare(e.getKey()), e.getValue()));
      } catch (RuntimeException ex) {
        LOG.warn("search {} cannot be taken up ({}); skipped", e.getKey().id(), ex.getMessage());
      }
    }
    // Served only once each says where it stands: a client must not read a search as new.
    for (ServedSearch s : started) {
      try {
        s.recovered.get(RECOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("search {} has not recovered in {}; served as it was", s.id(), RECOVERY_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while taking the searches up", e);
      }
    }
    return found.size();
  }

  /** Creates the search {@code r} asks for, or returns the one its request id created before. */
  synchronized ServedSearch create(CreateSearchRequest r) {
    for (ServedSearch s : byId.values()) {
      if (s.record().requestId().equals(r.getRequestId())) {
        return s;
      }
    }
    SearchManifest manifest = CreateSearchRequests.manifest(SearchManifest.newId(), r, offer);
    long running = byId.values().stream().filter(ServedSearch::running).count();
    if (running >= maxRunning) {
      throw new GrpcServiceException(
          Status.RESOURCE_EXHAUSTED.withDescription(
              running
                  + " searches are running, the most this server runs at once"
                  + " (automoe.service.max-searches); stop one, or wait for one to end"));
    }
    ServiceRecord record =
        new ServiceRecord(
            r.getRequestId(),
            r.getDisplayName().isEmpty() ? r.getRequestId() : r.getDisplayName(),
            System.currentTimeMillis());
    Prepared job = prepare(manifest); // before anything is written: a failure leaves nothing
    Path folder = searches.resolve(manifest.id());
    manifest.write(folder);
    record.write(folder);
    return launch(job, record);
  }

  synchronized Optional<ServedSearch> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Newest first. */
  synchronized List<ServedSearch> list() {
    List<ServedSearch> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparingLong((ServedSearch s) -> s.record().createdEpochMs()).reversed());
    return all;
  }

  /** A search's job and screen, ready to launch. */
  private record Prepared(SearchManifest manifest, SearchJobSpec spec, Screen screen) {}

  private Prepared prepare(SearchManifest manifest) {
    SearchJobSpec spec = SearchJobs.spec(manifest, offer.space());
    // Each search has its own predictor: a predictor is not safe to share between coordinators.
    LatencyEstimator latency =
        manifest.predictor().isPresent()
            ? LatencyPredictor.load(manifest.predictor().get())
            : LatencyEstimator.NONE;
    return new Prepared(
        manifest,
        spec,
        new Screen(new GenomeLayout(spec.space()), cost, latency, spec.constraints()));
  }

  private ServedSearch launch(Prepared job, ServiceRecord record) {
    SearchManifest manifest = job.manifest();
    SearchJobSpec spec = job.spec();
    Screen screen = job.screen();
    Path folder = searches.resolve(manifest.id());
    ServedSearch served = new ServedSearch(manifest.id(), record, spec, folder, cost);
    byId.put(manifest.id(), served);
    served.done.whenComplete(
        (result, error) -> {
          if (error != null) {
            served.lost(error);
          }
        });
    ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                    SearchWatcher.create(
                        SearchCoordinator.durable(
                            manifest.id(),
                            snapshot -> SearchState.of(spec, screen, stateSettings, snapshot),
                            journal.durability(served.replayWholeJournal()),
                            SearchCoordinator.Settings.defaults(),
                            Clock.systemUTC(),
                            served,
                            fingerprint),
                        served.done),
                    "search-" + manifest.id())
                .withSettings(
                    ClusterSingletonSettings.create(system).withRole(SearchRun.COORDINATOR_ROLE)));
    LOG.info("search {} ({}): {}", manifest.id(), record.displayName(), spec.length().describe());
    return served;
  }
}
