package org.automoe.cluster.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.latency.LatencyCheck;
import org.automoe.cluster.search.Finalists;
import org.automoe.cluster.search.SearchRun;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Example;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.model.ModelFolder;
import org.automoe.core.model.SubnetEvaluation;
import org.automoe.core.model.TrainingData;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Supernet;

/**
 * The last stage of a run: the searched architecture (the best one that met the latency limit when
 * measured) and the dense baseline of the space's largest shape are each trained on their own from
 * inherited weights for the same number of updates, then compared on validation loss, BLEU of the
 * test split, measured and predicted latency, FLOPs and active parameters. Writes {@code
 * results.json} and {@code results.md}.
 */
final class RunFinalists {
  private RunFinalists() {}

  static String run(
      Path run,
      SearchRun.Outcome search,
      double limitMs,
      int steps,
      Integer testSentences,
      long seed,
      Consumer<String> log) {
    Architecture best =
        search.finalists().stream()
            .filter(Finalists.Finalist::meetsLimit)
            .findFirst()
            .map(f -> f.individual().candidate().architecture())
            .orElseGet(() -> search.result().best().orElseThrow().candidate().architecture());
    SearchSpace space = spaceOf(run);
    Architecture baseline = Extremes.largest(space, true);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("best", evaluate(run, space, "best", best, steps, testSentences, seed, log));
    results.put(
        "baseline", evaluate(run, space, "baseline", baseline, steps, testSentences, seed, log));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("mode", search.report().get("mode"));
    s.put("evaluated", search.status().evaluated());
    s.put("rejected", search.status().rejected());
    s.put("requeued", search.status().requeued());
    s.put("wallSeconds", search.status().elapsedSeconds());
    s.put("maxLatencyMs", limitMs);
    results.put("search", s);
    RunDirectory dir = new RunDirectory(run);
    dir.write("results.json", Json.write(results) + "\n");
    dir.write("results.md", markdown(results, limitMs, steps));
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) results.get("best");
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) results.get("baseline");
    return String.format(
        Locale.ROOT,
        "best: BLEU %.2f, %.2f ms measured; dense baseline: BLEU %.2f, %.2f ms -> results.json,"
            + " results.md",
        b.get("bleu"),
        b.get("measuredLatencyMs"),
        d.get("bleu"),
        d.get("measuredLatencyMs"));
  }

  private static SearchSpace spaceOf(Path run) {
    TrainingData data = TrainingData.open(run.resolve("supernet"));
    try (NDManager m = NDManager.newBaseManager();
        Supernet net =
            ModelFolder.load(ModelFolder.checkpoint(run.resolve("supernet"), null), data, m)) {
      return net.space();
    }
  }

  private static Map<String, Object> evaluate(
      Path run,
      SearchSpace space,
      String name,
      Architecture a,
      int steps,
      Integer testSentences,
      long seed,
      Consumer<String> log) {
    Path folder = run.resolve("final").resolve(name);
    log.accept(name + ": training " + a.key() + " for " + steps + " updates -> final/" + name);
    RunRetrain.Trained t = RunRetrain.train(run, a, folder, steps, seed, line -> {});
    SubnetEvaluation.Result e =
        SubnetEvaluation.run(
            folder, folder.resolve("arch.yml"), null, testSentences, 1, folder.resolve("test.hyp"));
    TrainingData data = TrainingData.open(folder);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", a.key());
    m.put("valLoss", e.validLoss());
    m.put("bleu", e.bleu().score());
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(ModelFolder.checkpoint(folder, null), data, manager);
        LatencyPredictor predictor =
            LatencyPredictor.load(run.resolve("latency").resolve("predictor.bin"))) {
      List<int[]> sources =
          TrainingData.encode(data.bpe(), data.corpus().valid()).stream()
              .map(Example::source)
              .toList();
      LatencyCheck.Measured measured =
          LatencyCheck.measure(
              net,
              sources,
              a,
              predictor.metadata(),
              100,
              1,
              Integer.getInteger("ai.djl.pytorch.num_threads", 1));
      m.put("measuredLatencyMs", measured.typicalMs());
      m.put("rawMeasuredLatencyMs", measured.sample().totalMs());
      m.put("predictedLatencyMs", predictor.predictMs(List.of(a))[0]);
    }
    CostReport c =
        new CostModel(CostSettings.of(space).withVocabSize(data.bpe().vocabSize())).cost(a);
    m.put("flops", c.flops());
    m.put("paramsActive", c.paramsActive());
    m.put("trainSteps", t.steps());
    m.put("trainSeconds", t.seconds());
    m.put("testSentences", e.testSentences());
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: validation loss %.4f, BLEU %.2f, %.2f ms measured (%.2f predicted)",
            name,
            e.validLoss(),
            e.bleu().score(),
            m.get("measuredLatencyMs"),
            m.get("predictedLatencyMs")));
    return m;
  }

  private static String markdown(Map<String, Object> r, double limitMs, int steps) {
    StringBuilder out = new StringBuilder("# AutoMoE run results\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Latency limit %.2f ms (predicted during the search, measured after it). Both models"
                + " trained on their own from inherited weights for %d updates.%n%n",
            limitMs,
            steps));
    out.append(
        "| model | validation loss | BLEU | measured ms | predicted ms | GFLOPs | active params (M)"
            + " | architecture |\n|---|---|---|---|---|---|---|---|\n");
    for (String name : List.of("best", "baseline")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) r.get(name);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.2f | %.2f | %.2f | %.4f | %.3f | `%s` |%n",
              name.equals("best") ? "searched" : "dense baseline (largest shape)",
              m.get("valLoss"),
              m.get("bleu"),
              m.get("measuredLatencyMs"),
              m.get("predictedLatencyMs"),
              ((Long) m.get("flops")) / 1e9,
              ((Long) m.get("paramsActive")) / 1e6,
              m.get("arch")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) r.get("search");
    out.append(
        String.format(
            Locale.ROOT,
            "%nSearch: %s, %s evaluated, %s rejected, %s re-queued, %.0f s.%n",
            s.get("mode"),
            s.get("evaluated"),
            s.get("rejected"),
            s.get("requeued"),
            (Double) s.get("wallSeconds")));
    return out.toString();
  }
}
