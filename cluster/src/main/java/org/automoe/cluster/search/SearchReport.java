package org.automoe.cluster.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;

/**
 * Writes a finished search into its folder: {@code result.json} (status, best, front) and {@code
 * best.yml}; and the rows of {@code evaluated.csv} (every evaluated candidate with its seed, so
 * draws replay), which {@link SearchRun} appends as results come in.
 */
final class SearchReport {
  private SearchReport() {}

  public static SearchResultFile write(
      Path dir,
      SearchJobSpec spec,
      SearchState.Result result,
      SearchStatus status,
      List<Finalists.Finalist> finalists) {
    RunDirectory out = new RunDirectory(dir);
    SearchResultFile file = SearchResultFile.of(spec, result, status, finalists);
    out.write("result.json", Json.write(file) + "\n");
    result
        .best()
        .ifPresent(b -> out.write("best.yml", HatYamlCodec.write(b.candidate().architecture())));
    return file;
  }

  /** Every evaluated candidate, appended as they come. */
  static final String CSV_FILE = "evaluated.csv";

  static final String CSV_HEADER =
      "candidate,generation,draw_seed,valid_loss,predicted_latency_ms,flops,params_active,key\n";

  /** One evaluated candidate as a line of {@code evaluated.csv}. */
  static String csvRow(Individual i) {
    Candidate c = i.candidate();
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%.6f,%.4f,%d,%d,\"%s\"%n",
        c.id(),
        c.generation(),
        c.seed(),
        i.validationLoss(),
        c.predictedLatencyMs(),
        c.cost().flops(),
        c.cost().paramsActive(),
        c.architecture().key());
  }
}
