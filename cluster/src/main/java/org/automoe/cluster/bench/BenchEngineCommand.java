package org.automoe.cluster.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.automoe.actors.node.NodeGuardian;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.search.SearchWatcher;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Versions;
import org.automoe.cluster.search.SearchJournal;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.latency.FeatureSpec;
import org.automoe.core.latency.LatencyFeatures;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.latency.PredictorRecipe;
import org.automoe.core.latency.PredictorTrainer;
import org.automoe.core.search.Evaluator;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchSnapshot;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe bench engine}: candidates per second through the whole actor path (breeding,
 * batched latency prediction with a real DJL predictor, constraint checks, leases, every message
 * through the protobuf serializer) with evaluators that answer at once, so only the engine's own
 * cost is measured.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description =
        "Candidates per second through the actor engine with instant evaluators (run alone).")
final class BenchEngineCommand implements Runnable {
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(30);

  @Option(
      names = "--candidates",
      defaultValue = "100000",
      description = "candidates of the timed search (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(
      names = "--evaluators",
      defaultValue = "4",
      description = "evaluator actors (default: ${DEFAULT-VALUE})")
  int evaluators;

  @Option(
      names = "--prefetch",
      defaultValue = "32",
      description = "candidates each evaluator asks for at a time (default: ${DEFAULT-VALUE})")
  int prefetch;

  @Option(
      names = "--no-serialize",
      description = "pass local messages as objects (by default every message is serialized)")
  boolean noSerialize;

  @Option(
      names = "--journal",
      defaultValue = "none",
      description =
          "none (the search in memory) or h2 (journaled to an H2 file in a temporary folder, then"
              + " recovered from it once, timed) (default: ${DEFAULT-VALUE})")
  String journal;

  @Option(
      names = "--snapshot-every",
      defaultValue = "" + SearchJournal.SNAPSHOT_EVERY,
      description =
          "with --journal h2: events between snapshots of the search's state, 0 for none (default:"
              + " ${DEFAULT-VALUE}, as a search's)")
  int snapshotEvery;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  private SearchJournal journal() {
    return SearchJournal.h2(snapshotEvery);
  }

  private Config config(Optional<Path> journalFolder) {
    Config base = ConfigFactory.load();
    if (journalFolder.isPresent()) {
      base = journal().over(base, journalFolder.get());
    }
    return ConfigFactory.parseString(
            "pekko.actor.provider = local\n"
                + "pekko.actor.serialize-messages = "
                + (noSerialize ? "off" : "on")
                + "\npekko.loglevel = WARNING\n")
        .withFallback(base);
  }

  @Override
  public void run() {
    boolean journaled =
        switch (journal) {
          case "none" -> false;
          case "h2" -> true;
          default ->
              throw new InvalidInputException(
                  "--journal must be none or h2, but was '" + journal + "'");
        };
    if (snapshotEvery < 0 || snapshotEvery > SearchCoordinator.Durability.MAX_SNAPSHOT_EVERY) {
      throw new InvalidInputException(
          "--snapshot-every must be from 0 to "
              + SearchCoordinator.Durability.MAX_SNAPSHOT_EVERY
              + ", but was "
              + snapshotEvery);
    }
    SearchSpace space = BuiltInSpaces.small();
    CostModel cost = new CostModel(CostSettings.of(space));
    Path folder = null;
    try (LatencyPredictor predictor = syntheticPredictor(space, cost)) {
      folder = journaled ? Files.createTempDirectory("automoe-bench-journal") : null;
      Optional<Path> db = Optional.ofNullable(folder);
      search(space, cost, predictor, Math.max(1000, candidates / 10), 1, db); // warm-up
      Timed r = search(space, cost, predictor, candidates, 2, db);
      OptionalDouble recovery =
          journaled
              ? OptionalDouble.of(recover(space, cost, predictor, 2, folder))
              : OptionalDouble.empty();
      long events = journaled ? journalEvents(folder, 2) : 0;
      double perSecond = candidates / r.wallSeconds();
      double retainedMb = r.retainedHeapBytes() / 1e6;
      if (json) {
        System.out.println(
            Json.write(
                new ThroughputJson(
                    perSecond,
                    1e6 / perSecond,
                    candidates,
                    r.rejectedDraws(),
                    evaluators,
                    prefetch,
                    !noSerialize,
                    r.wallSeconds(),
                    retainedMb,
                    journal,
                    journaled ? snapshotEvery : 0,
                    events,
                    recovery)));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%d candidates in %.2f s: %.0f candidates/s, %.1f us each (%d draws rejected by"
                + " the limits; %d evaluators, prefetch %d; %s; journal %s); heap retained at"
                + " the end %.1f MB%n",
            candidates,
            r.wallSeconds(),
            perSecond,
            1e6 / perSecond,
            r.rejectedDraws(),
            evaluators,
            prefetch,
            noSerialize ? "local messages as objects" : "every message serialized",
            journal,
            retainedMb);
        if (journaled) {
          System.out.printf(
              Locale.ROOT,
              "recovered from its journal of %d events (a snapshot every %d) in %.2f s%n",
              events,
              snapshotEvery,
              recovery.getAsDouble());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for the journal", e);
    } finally {
      if (folder != null) {
        deleteTree(folder);
      }
    }
  }

  /**
   * The {@code --json} object: throughput and per-candidate overhead, the search's size and
   * rejected draws, the engine settings it ran with, the heap in use after a full collection at the
   * end with the search state still alive (MB; compare two sizes to get bytes per candidate), and
   * with a journal its events and the time a new coordinator took to recover from it (s).
   */
  record ThroughputJson(
      double candidatesPerSecond,
      double overheadMicrosPerCandidate,
      int candidates,
      long rejectedDraws,
      int evaluators,
      int prefetch,
      boolean serializeMessages,
      double wallSeconds,
      double retainedHeapMb,
      String journal,
      int snapshotEvery,
      long journalEvents,
      OptionalDouble recoverySeconds) {}

  /** What one timed search took, and the heap it left in use. */
  private record Timed(double wallSeconds, long rejectedDraws, long retainedHeapBytes) {}

  private static SearchJobSpec spec(SearchSpace space, int budget, long seed) {
    Constraints limits =
        new Constraints(OptionalDouble.of(60), OptionalLong.of(80_000_000L), OptionalLong.empty());
    return new SearchJobSpec(
        "bench",
        space,
        SearchMode.ASYNC,
        limits,
        EvolutionSettings.paper(),
        new SearchLength.Budget(budget),
        seed);
  }

  private static SearchState state(
      SearchSpace space,
      CostModel cost,
      LatencyPredictor predictor,
      int budget,
      long seed,
      Optional<SearchSnapshot> snapshot) {
    SearchJobSpec spec = spec(space, budget, seed);
    return SearchState.of(
        spec,
        new Screen(new GenomeLayout(space), cost, predictor, spec.constraints()),
        SearchState.Settings.defaults(),
        snapshot);
  }

  /** One async search, journaled to {@code journalFolder} when present. */
  private Timed search(
      SearchSpace space,
      CostModel cost,
      LatencyPredictor predictor,
      int budget,
      long seed,
      Optional<Path> journalFolder) {
    SearchState state = state(space, cost, predictor, budget, seed, Optional.empty());
    CompletableFuture<SearchStatus> done = new CompletableFuture<>();
    SearchCoordinator.Listener listener =
        new SearchCoordinator.Listener() {
          @Override
          public void progress(SearchStatus s) {}

          @Override
          public void finished(SearchState.Result r, SearchStatus s) {
            done.complete(s);
          }
        };
    Evaluator instant = c -> 10 - Math.log(c.cost().paramsActive());
    ActorSystem<NodeGuardian.Command> system =
        ActorSystem.create(NodeGuardian.create(), "bench", config(journalFolder));
    try {
      journalFolder.ifPresent(f -> journal().createTables(system, f));
      long t0 = System.nanoTime();
      NodeGuardian.spawn(
          system,
          SearchWatcher.create(
              journalFolder.isPresent()
                  ? SearchCoordinator.durable(
                      "bench-" + seed,
                      // A fresh journal: nothing to restore, so the state held here is the one.
                      snapshot -> state,
                      journal().durability(false),
                      SearchCoordinator.Settings.defaults(),
                      Clock.systemUTC(),
                      listener,
                      "")
                  : SearchCoordinator.create(
                      state, SearchCoordinator.Settings.defaults(), Clock.systemUTC(), listener),
              done),
          "coordinator-" + seed,
          NodeGuardian.Supervision.STOP,
          SPAWN_TIMEOUT);
      for (int i = 0; i < evaluators; i++) {
        NodeGuardian.spawn(
            system,
            EvaluatorActor.create(instant, Runnable::run, prefetch, Clock.systemUTC()),
            "evaluator-" + seed + "-" + i,
            NodeGuardian.Supervision.RESTART,
            SPAWN_TIMEOUT);
      }
      SearchStatus s = done.get(30, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long retained = heapAfterFullCollection();
      Reference.reachabilityFence(state); // counted alive, as a long-running search would be
      return new Timed(seconds, s.rejected(), retained);
    } catch (Exception e) {
      throw new IllegalStateException("the engine did not finish: " + e, e);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /**
   * Seconds a new coordinator of search {@code seed} takes, in a new actor system on the journal of
   * the timed search, from its start to its first answer (its journal replayed, its leases handed
   * back): what a coordinator killed at the end of the timed search would take to come back.
   */
  private double recover(
      SearchSpace space, CostModel cost, LatencyPredictor predictor, long seed, Path folder) {
    ActorSystem<NodeGuardian.Command> system =
        ActorSystem.create(NodeGuardian.create(), "bench", config(Optional.of(folder)));
    try {
      long t0 = System.nanoTime();
      var coordinator =
          NodeGuardian.spawn(
              system,
              SearchCoordinator.durable(
                  "bench-" + seed,
                  snapshot -> state(space, cost, predictor, candidates, seed, snapshot),
                  journal().durability(false),
                  SearchCoordinator.Settings.defaults(),
                  Clock.systemUTC(),
                  new SearchCoordinator.Listener() {
                    @Override
                    public void progress(SearchStatus s) {}

                    @Override
                    public void finished(SearchState.Result r, SearchStatus s) {}
                  },
                  ""),
              "recovered-" + seed,
              NodeGuardian.Supervision.STOP,
              SPAWN_TIMEOUT);
      SearchCoordinator.StatusReply reply =
          AskPattern.<SearchCoordinator.Command, SearchCoordinator.StatusReply>ask(
                  coordinator,
                  SearchCoordinator.GetStatus::new,
                  Duration.ofMinutes(30),
                  system.scheduler())
              .toCompletableFuture()
              .get(30, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (reply.status().evaluated() != candidates) {
        throw new IllegalStateException(
            "the recovered search holds "
                + reply.status().evaluated()
                + " evaluated, not "
                + candidates);
      }
      return seconds;
    } catch (Exception e) {
      throw new IllegalStateException("the search did not recover: " + e, e);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  /** Events search {@code seed} journaled (read from the H2 file once the system is gone). */
  private static long journalEvents(Path folder, long seed) {
    try (Connection c = DriverManager.getConnection(SearchJournal.h2Url(folder), "sa", "");
        PreparedStatement q =
            c.prepareStatement(
                "select count(*) from \"event_journal\" where \"persistence_id\" = ?")) {
      q.setString(1, "search|bench-" + seed);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the journal's events: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot remove " + root + ": " + e.getMessage());
    }
  }

  /** Heap in use after asking for full collections until it stops shrinking. */
  private static long heapAfterFullCollection() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = rt.totalMemory() - rt.freeMemory();
      if (now >= used) {
        break;
      }
      used = now;
    }
    return used;
  }

  /**
   * A real DJL predictor (same network and batching as a trained one) fitted briefly to a
   * FLOPs-proportional latency: the benchmark needs its cost, not its accuracy.
   */
  private static LatencyPredictor syntheticPredictor(SearchSpace space, CostModel cost) {
    GenomeLayout layout = new GenomeLayout(space);
    RandomSampler sampler = new RandomSampler(layout);
    List<LatencyRecord> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Architecture a = layout.decode(sampler.sample(Seeds.rng(Seeds.derive(17, i))));
      double ms = 5 + cost.cost(a).flops() / 1e6;
      rows.add(new LatencyRecord(LatencyFeatures.of(a), 0.1 * ms, 0.9 * ms, 0, 0, a));
    }
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.MOE, rows);
    return PredictorTrainer.train(
        spec,
        rows.subList(0, 160),
        rows.subList(160, 200),
        PredictorRecipe.TUNED.withSteps(50),
        17,
        new PredictorTrainer.Provenance("synthetic", List.of(), Versions.describe()));
  }
}
