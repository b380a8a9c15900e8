package org.automoe.cluster.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of a run: the searched architecture (the best one that met the latency limit when
 * measured) and the dense baseline of the space's largest shape are each trained on their own from
 * inherited weights for the same number of updates, then compared on validation loss, BLEU of the
 * test split, measured and predicted latency, FLOPs and active parameters. Writes {@code
 * results.json} and {@code results.md}.
 */
final class RunFinalists {
  private static final Logger LOG = LoggerFactory.getLogger(RunFinalists.class);

  private RunFinalists() {}

  /** Both models trained and compared, as written to results.json. */
  record Compared(RunResults results) implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "best: BLEU %.2f, %.2f ms measured; dense baseline: BLEU %.2f, %.2f ms -> results.json,"
              + " results.md",
          results.best().bleu(),
          results.best().measuredLatencyMs(),
          results.baseline().bleu(),
          results.baseline().measuredLatencyMs());
    }
  }

  /** The stage, or nothing when the search evaluated nothing. */
  static Optional<Compared> run(RunContext context, RunSearch.Done searched) {
    SearchRun.Outcome search = searched.outcome();
    if (search.result().best().isEmpty()) {
      return Optional.empty();
    }
    Path run = context.root();
    int steps = context.retrainSteps();
    Integer testSentences = context.profile().testSentenceLimit();
    long seed = context.seed();
    Architecture best =
        search.finalists().stream()
            .filter(Finalists.Finalist::meetsLimit)
            .findFirst()
            .map(f -> f.individual().candidate().architecture())
            .orElseGet(() -> search.result().best().orElseThrow().candidate().architecture());
    SearchSpace space = spaceOf(run);
    Architecture baseline = Extremes.largest(space, true);
    RunResults results =
        new RunResults(
            evaluate(run, space, "best", best, steps, testSentences, seed),
            evaluate(run, space, "baseline", baseline, steps, testSentences, seed),
            new RunResults.SearchSummary(
                search.report().mode(),
                search.status().evaluated(),
                search.status().rejected(),
                search.status().requeued(),
                search.status().elapsedSeconds(),
                searched.limitMs()));
    RunDirectory dir = new RunDirectory(run);
    dir.write("results.json", Json.write(results) + "\n");
    dir.write("results.md", markdown(results, steps));
    return Optional.of(new Compared(results));
  }

  private static SearchSpace spaceOf(Path run) {
    TrainingData data = TrainingData.open(run.resolve("supernet"));
    try (NDManager m = NDManager.newBaseManager();
        Supernet net =
            ModelFolder.load(ModelFolder.checkpoint(run.resolve("supernet"), null), data, m)) {
      return net.space();
    }
  }

  private static RunResults.ModelResult evaluate(
      Path run,
      SearchSpace space,
      String name,
      Architecture a,
      int steps,
      Integer testSentences,
      long seed) {
    Path folder = run.resolve("final").resolve(name);
    LOG.info("{}: training {} for {} updates -> final/{}", name, a.key(), steps, name);
    RunRetrain.Trained t = RunRetrain.train(run, a, folder, steps, seed);
    SubnetEvaluation.Result e =
        SubnetEvaluation.run(
            folder, folder.resolve("arch.yml"), null, testSentences, 1, folder.resolve("test.hyp"));
    TrainingData data = TrainingData.open(folder);
    LatencyCheck.Measured measured;
    double predictedMs;
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(ModelFolder.checkpoint(folder, null), data, manager);
        LatencyPredictor predictor =
            LatencyPredictor.load(run.resolve("latency").resolve("predictor.bin"))) {
      List<int[]> sources =
          TrainingData.encode(data.bpe(), data.corpus().valid()).stream()
              .map(Example::source)
              .toList();
      measured =
          LatencyCheck.measure(
              net,
              sources,
              a,
              predictor.metadata(),
              100,
              1,
              Integer.getInteger("ai.djl.pytorch.num_threads", 1));
      predictedMs = predictor.predictMs(List.of(a))[0];
    }
    CostReport c =
        new CostModel(CostSettings.of(space).withVocabSize(data.bpe().vocabSize())).cost(a);
    RunResults.ModelResult m =
        new RunResults.ModelResult(
            a.key(),
            e.validLoss(),
            e.bleu().score(),
            measured.typicalMs(),
            measured.sample().totalMs(),
            predictedMs,
            c.flops(),
            c.paramsActive(),
            t.steps(),
            t.seconds(),
            e.testSentences());
    LOG.info(
        String.format(
            Locale.ROOT,
            "%s: validation loss %.4f, BLEU %.2f, %.2f ms measured (%.2f predicted)",
            name,
            m.valLoss(),
            m.bleu(),
            m.measuredLatencyMs(),
            m.predictedLatencyMs()));
    return m;
  }

  private static String markdown(RunResults r, int steps) {
    StringBuilder out = new StringBuilder("# AutoMoE run results\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Latency limit %.2f ms (predicted during the search, measured after it). Both models"
                + " trained on their own from inherited weights for %d updates.%n%n",
            r.search().maxLatencyMs(),
            steps));
    out.append(
        "| model | validation loss | BLEU | measured ms | predicted ms | GFLOPs | active params (M)"
            + " | architecture |\n|---|---|---|---|---|---|---|---|\n");
    row(out, "searched", r.best());
    row(out, "dense baseline (largest shape)", r.baseline());
    RunResults.SearchSummary s = r.search();
    out.append(
        String.format(
            Locale.ROOT,
            "%nSearch: %s, %d evaluated, %d rejected, %d re-queued, %.0f s.%n",
            s.mode(),
            s.evaluated(),
            s.rejected(),
            s.requeued(),
            s.wallSeconds()));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, RunResults.ModelResult m) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.4f | %.2f | %.2f | %.2f | %.4f | %.3f | `%s` |%n",
            label,
            m.valLoss(),
            m.bleu(),
            m.measuredLatencyMs(),
            m.predictedLatencyMs(),
            m.flops() / 1e9,
            m.paramsActive() / 1e6,
            m.arch()));
  }
}
