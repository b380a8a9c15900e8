package org.automoe.cluster.search;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.actors.search.SearchWatcher;
import org.automoe.cluster.node.ClusterNode;
import org.automoe.cluster.node.NodeLostException;
import org.automoe.cluster.node.WorkerResources;
import org.automoe.core.Durations;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one search on the embedded cluster: this node has both roles, holds the coordinator and a
 * supernet actor with {@code automoe.search.evaluators} evaluators and a latency probe, and accepts
 * workers that join it meanwhile ({@code automoe node --seed HOST:PORT}). Returns when the search
 * is over, its report written.
 */
public final class SearchRun {
  private static final Logger LOG = LoggerFactory.getLogger(SearchRun.class);

  /** The file {@code automoe search stop} writes into a search's folder to end it. */
  static final String STOP_FILE = "STOP";

  /** The role of the nodes that may run a search's coordinator. */
  public static final String COORDINATOR_ROLE = "coordinator";

  /** How the search state says a journal belongs to another job. */
  private static final String JOURNAL_MISMATCH = "journal does not fit";

  private SearchRun() {}

  /** The finished search: its report (as written to result.json) and final status. */
  public record Outcome(
      SearchResultFile report,
      SearchStatus status,
      SearchState.Result result,
      List<Finalists.Finalist> finalists) {}

  /**
   * @param config the whole configuration (cluster host and port)
   * @param search its {@code automoe.search} settings, checked
   */
  public static Outcome run(
      Config config,
      SearchSettings search,
      SearchJournal journal,
      SearchSetup setup,
      SearchJobSpec spec,
      Path out,
      SearchManifest manifest) {
    return run(config, search, journal, setup, spec, out, manifest, Optional.empty());
  }

  /**
   * @param standbyOf the address of a node of the search's cluster to join as a standby: this node
   *     then evaluates, and takes the coordinator over (from the shared journal) when the node
   *     running it dies; empty to run the search from this node
   */
  public static Outcome run(
      Config config,
      SearchSettings search,
      SearchJournal journal,
      SearchSetup setup,
      SearchJobSpec spec,
      Path out,
      SearchManifest manifest,
      Optional<String> standbyOf) {
    if (standbyOf.isPresent() && !journal.shared()) {
      throw new InvalidInputException(
          "a standby coordinator needs a journal every coordinator-capable node reaches: set"
              + " automoe.journal.kind = postgres (AUTOMOE_JOURNAL=postgres), on every node");
    }
    int evaluators = search.evaluators();
    SearchState.Settings settings = search.state();
    Screen screen =
        new Screen(
            new GenomeLayout(spec.space()), setup.cost(), setup.latency(), spec.constraints());
    boolean resuming = Files.isRegularFile(out.resolve(SearchManifest.FILE));
    if (!resuming && Files.exists(out.resolve(SearchReport.CSV_FILE))) {
      throw new InvalidInputException(
          out
              + " holds the results of an earlier search ("
              + SearchReport.CSV_FILE
              + ") but no "
              + SearchManifest.FILE
              + " to resume it from; choose another folder, or move them away");
    }
    journal.checkNotInUse(out);
    Progress progress = null;
    SearchState.Result result;
    List<Finalists.Finalist> measured = List.of();
    try (ClusterNode node =
        ClusterNode.start(
            journal.over(config, out),
            config.getString("automoe.cluster.host"),
            // A standby often shares a machine with the node it joins: any free port.
            standbyOf.isPresent() ? 0 : config.getInt("automoe.cluster.port"),
            List.of(COORDINATOR_ROLE, "worker"),
            standbyOf.map(List::of).orElse(List.of()),
            evaluators)) {
      // Only once this node holds its port: a second search on the same folder that fails to
      // start must not truncate the log of the one running.
      // A request left by an earlier search must not end this one.
      Files.deleteIfExists(out.resolve(STOP_FILE));
      manifest.write(out);
      journal.createTables(node.system(), out);
      progress = new Progress(search.progressEvery(), spec, out);
      LOG.info(
          String.format(
              Locale.ROOT,
              "search: %s mode, %s, %d evaluators here; workers join with"
                  + " `automoe node --roles worker --seed %s`",
              spec.mode().name().toLowerCase(Locale.ROOT),
              spec.length().describe(),
              evaluators,
              node.seedAddress()));
      standbyOf.ifPresent(
          seed ->
              LOG.info(
                  "standing by to coordinate the search of "
                      + seed
                      + " should its node die; evaluating meanwhile"));
      // The coordinator is a cluster singleton on the nodes of role coordinator: it runs on the
      // oldest, and moves to the next, recovering from the journal, when that node dies. The
      // watcher fails progress.done if the coordinator stops before it reports the end.
      ClusterSingleton.get(node.system())
          .init(
              SingletonActor.of(
                      SearchWatcher.create(
                          SearchCoordinator.durable(
                              manifest.id(),
                              snapshot -> SearchState.of(spec, screen, settings, snapshot),
                              // A resume whose evaluated.csv is gone rebuilds it from every event.
                              journal.durability(resuming && progress.startedEmpty()),
                              SearchCoordinator.Settings.defaults(),
                              Clock.systemUTC(),
                              progress,
                              setup.fingerprint()),
                          progress.done),
                      manifest.id())
                  .withSettings(
                      ClusterSingletonSettings.create(node.system()).withRole(COORDINATOR_ROLE)));
      // Not awaited: the supernet is loaded here already, and the search's watcher sees failures.
      node.startEvaluators(() -> WorkerResources.sharing(setup), evaluators, search.prefetch());
      result = progress.done.get();
      // Measured once the search is over, so no evaluation shares the machine with the probe.
      int finalists = search.finalists();
      if (finalists > 0 && result.evaluated() > 0) {
        LOG.info("measuring the " + finalists + " best architectures' latency on this machine");
        ProbeClient probe = new ProbeClient(node.system(), Duration.ofMinutes(10));
        measured =
            Finalists.measure(
                probe::measure,
                result.leaders(),
                finalists,
                spec.constraints().maxLatencyMs(),
                search.finalistRuns());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + out.resolve(STOP_FILE), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching", e);
    } catch (ExecutionException e) {
      String why = e.getCause().getMessage();
      if (why != null && why.contains(JOURNAL_MISMATCH)) {
        throw new InvalidInputException(
            out
                + ": "
                + why.substring(why.indexOf(JOURNAL_MISMATCH))
                + " (was "
                + SearchManifest.FILE
                + " edited, or did another search write to its journal?)");
      }
      if (why != null && why.endsWith(SearchWatcher.NODE_SHUT_DOWN)) {
        // Ctrl-C, or a supervisor stopping the JVM: nothing is lost, and a restart resumes it.
        throw new NodeLostException(
            "the search's node shut down before the search ended; it is kept in its journal:"
                + " resume it with `automoe search --out "
                + out
                + "`");
      }
      throw new IllegalStateException(why, e.getCause());
    } finally {
      if (progress != null) {
        progress.close(); // also when the coordinator stopped before it finished
      }
      try {
        Files.deleteIfExists(out.resolve(STOP_FILE)); // served
      } catch (IOException e) {
        LOG.warn("cannot remove {}: {}", out.resolve(STOP_FILE), e.getMessage());
      }
    }
    SearchStatus status = progress.last;
    SearchResultFile report = SearchReport.write(out, spec, result, status, measured);
    return new Outcome(report, status, result, measured);
  }

  /**
   * Console progress every so often, and the end of the search. It logs from the coordinator's
   * thread, so it carries the logging context of the thread that started the search (the indent of
   * a stage of {@code automoe run}).
   */
  private static final class Progress implements SearchCoordinator.Listener, AutoCloseable {
    private final Map<String, String> logContext = MDC.getCopyOfContextMap();
    final CompletableFuture<SearchState.Result> done = new CompletableFuture<>();
    final long everyNanos;
    final SearchJobSpec spec;
    final SearchFiles files;
    final Path out;
    long lastLine = System.nanoTime();
    volatile SearchStatus last;

    /**
     * Every result is appended to {@code out/evaluated.csv} as it comes (a resumed search appends
     * to the file, first the results its journal holds that the file missed), and {@code
     * result.json} and {@code best.yml} are rewritten every {@code every}, so an interrupted search
     * keeps them.
     */
    Progress(Duration every, SearchJobSpec spec, Path out) {
      this.everyNanos = every.toNanos();
      this.spec = spec;
      this.out = out;
      this.files = new SearchFiles(out, spec, every);
    }

    @Override
    public void evaluated(Individual i) {
      files.evaluated(i);
    }

    @Override
    public void replayed(long number, Individual i) {
      files.replayed(number, i);
    }

    /** True when the file held no result: a resume replays the whole journal to rebuild it. */
    boolean startedEmpty() {
      return files.startedEmpty();
    }

    @Override
    public void progress(SearchStatus s) {
      if (System.nanoTime() - lastLine >= everyNanos) {
        lastLine = System.nanoTime();
        log(line(s));
      }
    }

    @Override
    public Optional<String> stopRequested() {
      return Files.exists(out.resolve(STOP_FILE))
          ? Optional.of("stop requested (" + out.resolve(STOP_FILE) + ")")
          : Optional.empty();
    }

    @Override
    public void snapshot(SearchState.Result result, SearchStatus s) {
      files.snapshot(result, s);
    }

    @Override
    public void finished(SearchState.Result result, SearchStatus s) {
      last = s;
      close();
      log(line(s));
      done.complete(result);
    }

    private void log(String line) {
      Map<String, String> own = MDC.getCopyOfContextMap();
      if (logContext != null) {
        MDC.setContextMap(logContext);
      }
      try {
        LOG.info(line);
      } finally {
        if (own != null) {
          MDC.setContextMap(own);
        } else {
          MDC.clear();
        }
      }
    }

    @Override
    public void close() {
      files.close();
    }

    private String line(SearchStatus s) {
      String best =
          s.best()
              .map(
                  b ->
                      String.format(
                          Locale.ROOT, "best %.4f (#%d)", b.validationLoss(), b.candidateId()))
              .orElse("no result yet");
      double rate = s.elapsedSeconds() > 0 ? s.evaluated() / s.elapsedSeconds() : 0;
      String eta = "";
      if (spec.length() instanceof SearchLength.Budget budget && rate > 0) {
        eta =
            "  ETA " + Durations.format((budget.evaluations() - s.evaluated() - s.failed()) / rate);
      }
      return String.format(
          Locale.ROOT,
          "%s: %d evaluated, %d in flight, %d pending, %d rejected, %d failed, %d re-queued;"
              + " %s; %.2f/s%s",
          s.state().name().toLowerCase(Locale.ROOT),
          s.evaluated(),
          s.inFlight(),
          s.pending(),
          s.rejected(),
          s.failed(),
          s.requeued(),
          best,
          rate,
          eta);
    }
  }
}
