package org.automoe.cluster.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.automoe.cluster.cli.Units;
import org.automoe.cluster.search.SearchJournal;
import org.automoe.cluster.search.SearchManifest;
import org.automoe.cluster.search.SearchRun;
import org.automoe.cluster.search.SearchSettings;
import org.automoe.cluster.search.SearchSetup;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.latency.DriftCorrection;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchStatus;

/**
 * The search stage of a run: async search of the trained supernet under a latency limit (given, or
 * the median latency the latency stage measured, so the limit halves the space on this machine).
 */
final class RunSearch implements Stage<RunSearch.Done> {

  /** The finished search and the latency limit it used. */
  record Done(SearchRun.Outcome outcome, double limitMs) implements StageResult {
    @Override
    public String summary() {
      SearchStatus status = outcome.status();
      return outcome
          .result()
          .best()
          .map(
              b ->
                  String.format(
                      Locale.ROOT,
                      "%d evaluated (%d rejected) in %.0f s under %.2f ms; best validation loss"
                          + " %.4f at %.2f ms predicted, %s FLOPs -> search/",
                      status.evaluated(),
                      status.rejected(),
                      status.elapsedSeconds(),
                      limitMs,
                      b.validationLoss(),
                      b.candidate().predictedLatencyMs(),
                      Units.giga(b.candidate().cost().flops())))
          .orElse("no architecture evaluated: " + status.failure().orElse("?"));
    }
  }

  @Override
  public Done run(RunContext context) {
    Path run = context.root();
    Config config = context.config();
    SearchSettings search = SearchSettings.from(config);
    int budget = context.searchBudget();
    double maxLatencyMs = context.settings().searchMaxLatencyMs();
    long seed = context.seed();
    Path latency = run.resolve("latency");
    double limit =
        maxLatencyMs > 0 ? maxLatencyMs : medianLatencyMs(latency.resolve("latency.csv"));
    Constraints limits =
        new Constraints(OptionalDouble.of(limit), OptionalLong.empty(), OptionalLong.empty());
    try (SearchSetup setup =
        SearchSetup.open(
            run.resolve("supernet"), latency.resolve("predictor.bin"), search.validSentences())) {
      SearchJobSpec spec =
          new SearchJobSpec(
              "run",
              setup.net().space(),
              SearchMode.ASYNC,
              limits,
              EvolutionSettings.paper(),
              new SearchLength.Budget(budget),
              seed);
      Path folder = run.resolve("search");
      // A search stage cut short resumes from its journal (the same job: same settings and seed).
      SearchManifest manifest =
          SearchManifest.read(folder)
              .orElseGet(
                  () ->
                      new SearchManifest(
                          SearchManifest.newId(),
                          run.resolve("supernet").toAbsolutePath(),
                          Optional.of(latency.resolve("predictor.bin").toAbsolutePath()),
                          "async",
                          OptionalInt.of(budget),
                          OptionalInt.empty(),
                          OptionalInt.empty(),
                          seed,
                          OptionalDouble.of(limit),
                          OptionalDouble.empty(),
                          OptionalDouble.empty()));
      SearchRun.Outcome o =
          SearchRun.run(config, search, SearchJournal.from(config), setup, spec, folder, manifest);
      return new Done(o, limit);
    }
  }

  /** The median measured latency (drift-corrected when the file allows). */
  static double medianLatencyMs(Path csv) {
    List<LatencyRecord> rows = DriftCorrection.apply(LatencyCsv.read(csv).rows());
    double[] ms = rows.stream().mapToDouble(LatencyRecord::totalMs).sorted().toArray();
    if (ms.length == 0) {
      throw new InvalidInputException(
          csv
              + ": holds no measured rows, so there is no median latency to limit the search by;"
              + " rerun the latency stage or set automoe.run.search-max-latency-ms");
    }
    return ms[ms.length / 2];
  }
}
