package org.automoe.cluster.search;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Units;
import org.automoe.cluster.run.RunSettings;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchPhase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Option(names = "--out", description = "output folder (default: RUN/search, or ./search)")
  Path out;

  @Option(names = "--config", description = "HOCON file overriding the packaged application.conf")
  Path config;

  @Option(names = "--json", description = "print result.json on stdout")
  boolean json;

  @Override
  public void run() {
    Config conf = RunSettings.load(config);
    SearchSettings settings = SearchSettings.from(conf);
    SearchMode m = parseMode(mode);
    if (m == SearchMode.ASYNC && length.iterations != null) {
      throw new InvalidInputException("--iterations is for --mode generational; use --budget");
    }
    if (m == SearchMode.GENERATIONAL && length.budget != null) {
      throw new InvalidInputException("--budget is for --mode async; use --iterations");
    }
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
    Constraints limits = limits();
    SearchLength searchLength = length(m);
    Path folder = out != null ? out : run != null ? run.resolve("search") : Path.of("search");
    try (SearchSetup setup = SearchSetup.open(net, model, settings.validSentences())) {
      SearchJobSpec spec =
          new SearchJobSpec(
              "search", setup.net().space(), m, limits, evolution(population), length(m), seed);
      SearchRun.Outcome outcome = SearchRun.run(conf, settings, setup, spec, folder);
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
            "stopped on request after " + outcome.status().evaluated() + " evaluated");
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

  /** The search length given, or a continuous search (async mode only). */
  private SearchLength length(SearchMode m) {
    if (length.budget != null) {
      return new SearchLength.Budget(length.budget);
    }
    if (length.iterations != null) {
      return new SearchLength.Iterations(length.iterations);
    }
    if (m == SearchMode.GENERATIONAL) {
      throw new InvalidInputException(
          "--mode generational needs --iterations; a continuous search is --mode async");
    }
    return new SearchLength.Unbounded();
  }

  private Path requireRun() {
    if (run == null) {
      throw new InvalidInputException("give --run DIR or --supernet DIR");
    }
    return run;
  }

  private Constraints limits() {
    return new Constraints(
        maxLatencyMs == null ? OptionalDouble.empty() : OptionalDouble.of(maxLatencyMs),
        maxGflops == null ? OptionalLong.empty() : OptionalLong.of(Math.round(maxGflops * 1e9)),
        maxMillionParams == null
            ? OptionalLong.empty()
            : OptionalLong.of(Math.round(maxMillionParams * 1e6)));
  }

  static SearchMode parseMode(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "async" -> SearchMode.ASYNC;
      case "generational" -> SearchMode.GENERATIONAL;
      default ->
          throw new InvalidInputException(
              "--mode must be async or generational, but was '" + name + "'");
    };
  }

  /** The paper's constants, or a population of the given size in the paper's proportions. */
  static EvolutionSettings evolution(Integer population) {
    EvolutionSettings paper = EvolutionSettings.paper();
    if (population == null) {
      return paper;
    }
    if (population < 5) {
      throw new InvalidInputException("--population must be at least 5, but was " + population);
    }
    int parents = population / 5;
    int mutants = (population - parents) / 2;
    return new EvolutionSettings(
        population,
        parents,
        mutants,
        population - parents - mutants,
        paper.mutationProbability(),
        paper.crossoverProbability(),
        paper.maxDrawsPerChild());
  }
}
