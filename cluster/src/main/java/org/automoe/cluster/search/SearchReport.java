package org.automoe.cluster.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;

/**
 * Writes a finished search into its folder: {@code result.json} (status, best, front), {@code
 * evaluated.csv} (every evaluated candidate with its seed, so draws replay) and {@code best.yml}.
 */
final class SearchReport {
  private SearchReport() {}

  static Map<String, Object> write(
      Path dir,
      SearchJobSpec spec,
      SearchState.Result result,
      SearchStatus status,
      List<Finalists.Finalist> finalists) {
    RunDirectory out = new RunDirectory(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", spec.mode().name().toLowerCase(Locale.ROOT));
    json.put("seed", spec.seed());
    Map<String, Object> limits = new LinkedHashMap<>();
    spec.constraints().maxLatencyMs().ifPresent(v -> limits.put("maxLatencyMs", v));
    spec.constraints().maxFlops().ifPresent(v -> limits.put("maxFlops", v));
    spec.constraints().maxParams().ifPresent(v -> limits.put("maxParams", v));
    json.put("constraints", limits);
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("state", status.state().name().toLowerCase(Locale.ROOT));
    search.put("generated", status.generated());
    search.put("evaluated", status.evaluated());
    search.put("rejected", status.rejected());
    search.put("failed", status.failed());
    search.put("requeued", status.requeued());
    search.put("wallSeconds", status.elapsedSeconds());
    status.failure().ifPresent(f -> search.put("failure", f));
    json.put("search", search);
    result.best().ifPresent(b -> json.put("best", individual(b)));
    List<Object> front = new ArrayList<>();
    result.front().forEach(i -> front.add(individual(i)));
    json.put("front", front);
    if (!finalists.isEmpty()) {
      json.put("finalists", Finalists.report(finalists));
    }
    out.write("result.json", Json.write(json) + "\n");
    out.write("evaluated.csv", csv(result.evaluated()));
    result
        .best()
        .ifPresent(b -> out.write("best.yml", HatYamlCodec.write(b.candidate().architecture())));
    return json;
  }

  static Map<String, Object> individual(Individual i) {
    Candidate c = i.candidate();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("candidate", c.id());
    m.put("arch", c.architecture().key());
    m.put("valLoss", i.validationLoss());
    m.put("predictedLatencyMs", c.predictedLatencyMs());
    m.put("flops", c.cost().flops());
    m.put("paramsActive", c.cost().paramsActive());
    m.put("paramsNonEmbedding", c.cost().paramsNonEmbedding());
    return m;
  }

  static final String CSV_HEADER =
      "candidate,generation,draw_seed,valid_loss,predicted_latency_ms,flops,params_active,key\n";

  private static String csv(List<Individual> evaluated) {
    StringBuilder out = new StringBuilder(CSV_HEADER);
    evaluated.forEach(i -> out.append(csvRow(i)));
    return out.toString();
  }

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
