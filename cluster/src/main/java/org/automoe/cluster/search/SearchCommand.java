package org.automoe.cluster.search;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Units;
import org.automoe.cluster.run.RunSettings;
import org.automoe.core.InvalidInputException;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchPhase;
import org.automoe.proto.ConstraintsProto;
import org.automoe.proto.CreateSearchRequest;
import org.automoe.proto.EvaluatorKindProto;
import org.automoe.proto.SearchInfo;
import org.automoe.proto.SearchModeProto;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code automoe search}: the evolutionary search on the embedded cluster. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the supernet's space for the architecture of lowest validation loss (inherited"
          + " weights) under hard limits on predicted latency, FLOPs and parameters. Runs on a"
          + " one-node cluster that other workers may join (`automoe node`). Writes result.json,"
          + " evaluated.csv and best.yml. Without --budget or --iterations an async search runs"
          + " until stopped (`automoe search stop --out DIR`)."
    },
    subcommands = SearchStopCommand.class)
public final class SearchCommand implements Runnable {
  @Option(
      names = "--run",
      description = "run directory: uses RUN/supernet and RUN/latency/predictor.bin")
  Path run;

  @Option(names = "--supernet", description = "trained supernet folder (default: RUN/supernet)")
  Path supernet;

  @Option(
      names = "--predictor",
      description = "latency predictor (default: RUN/latency/predictor.bin when present)")
  Path predictor;

  @Option(names = "--max-latency-ms", description = "limit on predicted latency (ms)")
  Double maxLatencyMs;

  @Option(names = "--max-flops", description = "limit on FLOPs, in GFLOPs (HAT convention)")
  Double maxGflops;

  @Option(names = "--max-params", description = "limit on non-embedding parameters, in millions")
  Double maxMillionParams;

  @Option(
      names = "--mode",
      defaultValue = "async",
      description =
          "async (steady state) or generational (the paper's) (default: ${DEFAULT-VALUE})")
  String mode;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Length length = new Length();

  static final class Length {
    @Option(names = "--budget", description = "evaluations (async mode)")
    Integer budget;

    @Option(names = "--iterations", description = "generations after the first (generational)")
    Integer iterations;
  }

  @Option(
      names = "--population",
      description =
          "population (default: the paper's 125; parents 1/5, mutants and crossovers 2/5)")
  Integer population;

  @Option(names = "--seed", defaultValue = "1", description = "root seed (default: 1)")
  long seed;

  @Option(
      names = "--out",
      description =
          "output folder (default: RUN/search, or ./search); a folder that holds a search"
              + " (search.conf and its journal) resumes it, with no other option")
  Path out;

  @Option(names = "--config", description = "HOCON file overriding the packaged application.conf")
  Path config;

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description =
          "stand by for the search whose node is HOST:PORT: join its cluster, evaluate, and take"
              + " its coordinator over when that node dies (needs --out DIR holding a copy of the"
              + " search's search.conf, and the PostgreSQL journal)")
  String join;

  @Option(names = "--json", description = "print result.json on stdout")
  boolean json;

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description =
          "run the search on a server (`automoe serve`) instead of here: created there, watched"
              + " to its end; token from AUTOMOE_SERVICE_TOKEN")
  String server;

  /** Options of a search on a server: the job's own; the server has the supernet and files. */
  private static final Set<String> SERVER_OPTIONS =
      Set.of(
          "--server",
          "--mode",
          "--budget",
          "--iterations",
          "--population",
          "--seed",
          "--max-latency-ms",
          "--max-flops",
          "--max-params",
          "--config");

  @Spec CommandSpec command;

  /** Options that may accompany a resume: they do not change the search. */
  private static final Set<String> RESUME_OPTIONS =
      Set.of("--out", "--config", "--json", "--run", "--join");

  @Override
  public void run() {
    if (server != null) {
      runOnServer();
      return;
    }
    Config conf = RunSettings.load(config);
    SearchSettings settings = SearchSettings.from(conf);
    SearchJournal journal = SearchJournal.from(conf);
    Path folder = out != null ? out : run != null ? run.resolve("search") : Path.of("search");
    Optional<SearchManifest> existing = SearchManifest.read(folder);
    SearchManifest manifest;
    if (existing.isPresent()) {
      List<String> given =
          command.commandLine().getParseResult().matchedOptions().stream()
              .map(OptionSpec::longestName)
              .filter(o -> !RESUME_OPTIONS.contains(o))
              .toList();
      if (!given.isEmpty()) {
        throw new InvalidInputException(
            folder
                + " holds a search already ("
                + SearchManifest.FILE
                + "): resume it with `automoe search --out "
                + folder
                + "` alone, or choose another --out (given: "
                + String.join(", ", given)
                + ")");
      }
      manifest = existing.get();
      System.err.println(
          "resuming the search in " + folder + " (" + journal.describe(folder) + ")");
    } else {
      if (join != null) {
        throw new InvalidInputException(
            "--join needs --out DIR holding the search's "
                + SearchManifest.FILE
                + " (copy it from the folder of the search you join): "
                + folder.resolve(SearchManifest.FILE)
                + " is missing");
      }
      manifest = fromOptions();
    }
    SearchJobs.parseMode(manifest.mode()); // a mistyped mode, before the supernet loads
    try (SearchSetup setup =
        SearchSetup.open(
            manifest.supernet(), manifest.predictor().orElse(null), settings.validSentences())) {
      SearchJobSpec spec = SearchJobs.spec(manifest, setup.net().space());
      SearchRun.Outcome outcome =
          SearchRun.run(
              conf, settings, journal, setup, spec, folder, manifest, Optional.ofNullable(join));
      if (json) {
        System.out.println(Json.write(outcome.report()));
        return;
      }
      outcome
          .result()
          .best()
          .ifPresentOrElse(
              b ->
                  System.out.printf(
                      Locale.ROOT,
                      "best: validation loss %.4f, predicted %.2f ms, %s FLOPs, %s active params:"
                          + " %s%n",
                      b.validationLoss(),
                      b.candidate().predictedLatencyMs(),
                      Units.giga(b.candidate().cost().flops()),
                      Units.millions(b.candidate().cost().paramsActive()),
                      b.key()),
              () -> System.out.println("no architecture was evaluated"));
      System.out.println(
          "Pareto front: "
              + outcome.result().front().size()
              + " architectures; results in "
              + folder.resolve("result.json"));
      if (outcome.status().state() == SearchPhase.STOPPED) {
        System.out.println(
            "stopped on request after "
                + outcome.status().evaluated()
                + " evaluated; resume with `automoe search --out "
                + folder
                + "`");
      }
      outcome
          .status()
          .failure()
          .ifPresent(
              f -> {
                throw new InvalidInputException("search failed: " + f);
              });
    }
  }

  private void runOnServer() {
    List<String> other =
        command.commandLine().getParseResult().matchedOptions().stream()
            .map(OptionSpec::longestName)
            .filter(o -> !SERVER_OPTIONS.contains(o))
            .toList();
    if (!other.isEmpty()) {
      throw new InvalidInputException(
          "with --server the search runs on the server's supernet and keeps its files there: "
              + String.join(", ", other)
              + " cannot be given");
    }
    SearchMode m = SearchJobs.parseMode(mode);
    CreateSearchRequest.Builder r =
        CreateSearchRequest.newBuilder()
            .setRequestId(SearchManifest.newId())
            .setMode(
                m == SearchMode.ASYNC
                    ? SearchModeProto.SEARCH_MODE_ASYNC
                    : SearchModeProto.SEARCH_MODE_GENERATIONAL)
            .setSeed(seed)
            .setEvaluatorKind(EvaluatorKindProto.EVALUATOR_KIND_CLUSTER);
    if (length.budget != null) {
      r.setBudget(length.budget);
    } else if (length.iterations != null) {
      r.setIterations(length.iterations);
    } else {
      r.setContinuous(true);
    }
    if (population != null) {
      r.setPopulation(population);
    }
    ConstraintsProto.Builder c = ConstraintsProto.newBuilder();
    if (maxLatencyMs != null) {
      c.setMaxLatencyMs(maxLatencyMs);
    }
    if (maxGflops != null) {
      c.setMaxFlops(Math.round(maxGflops * 1e9));
    }
    if (maxMillionParams != null) {
      c.setMaxParams(Math.round(maxMillionParams * 1e6));
    }
    r.setConstraints(c);
    try (RemoteSearch remote = new RemoteSearch(server)) {
      SearchInfo end = remote.run(r.build());
      System.out.println(
          "search " + end.getId() + " on " + server + ": " + RemoteSearch.line(end.getStatus()));
      if (RemoteSearch.failed(end)) {
        throw new InvalidInputException("search failed: " + end.getStatus().getFailure());
      }
    }
  }

  /** A new search's manifest from the options, checked. */
  private SearchManifest fromOptions() {
    SearchMode m = SearchJobs.parseMode(mode);
    if (m == SearchMode.ASYNC && length.iterations != null) {
      throw new InvalidInputException("--iterations is for --mode generational; use --budget");
    }
    if (m == SearchMode.GENERATIONAL && length.budget != null) {
      throw new InvalidInputException("--budget is for --mode async; use --iterations");
    }
    if (m == SearchMode.GENERATIONAL && length.iterations == null) {
      throw new InvalidInputException(
          "--mode generational needs --iterations; a continuous search is --mode async");
    }
    SearchJobs.evolution(population); // checks it
    Path net = supernet != null ? supernet : requireRun().resolve("supernet");
    Path model = predictor;
    if (model == null && run != null && Files.isRegularFile(run.resolve("latency/predictor.bin"))) {
      model = run.resolve("latency/predictor.bin");
    }
    if (maxLatencyMs != null && model == null) {
      throw new InvalidInputException(
          "--max-latency-ms needs a latency predictor: --predictor FILE, or a --run with"
              + " latency/predictor.bin (`automoe latency train`)");
    }
    return new SearchManifest(
        SearchManifest.newId(),
        net.toAbsolutePath().normalize(),
        Optional.ofNullable(model).map(p -> p.toAbsolutePath().normalize()),
        m.name().toLowerCase(Locale.ROOT),
        length.budget == null ? OptionalInt.empty() : OptionalInt.of(length.budget),
        length.iterations == null ? OptionalInt.empty() : OptionalInt.of(length.iterations),
        population == null ? OptionalInt.empty() : OptionalInt.of(population),
        seed,
        maxLatencyMs == null ? OptionalDouble.empty() : OptionalDouble.of(maxLatencyMs),
        maxGflops == null ? OptionalDouble.empty() : OptionalDouble.of(maxGflops),
        maxMillionParams == null ? OptionalDouble.empty() : OptionalDouble.of(maxMillionParams));
  }

  private Path requireRun() {
    if (run == null) {
      throw new InvalidInputException("give --run DIR or --supernet DIR");
    }
    return run;
  }
}
