package org.automoe.cluster.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.latency.LatencyDataset;
import org.automoe.cluster.latency.MeasurementSetup;
import org.automoe.cluster.latency.PredictorTraining;
import org.automoe.core.RunDirectory;
import org.automoe.core.latency.LatencyMetrics;
import org.automoe.core.latency.LatencyProtocol;
import org.automoe.core.latency.PredictorRecipe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency stage of a run: a dataset of the run's supernet measured on this machine ({@code
 * latency/latency.csv}, resumed on a rerun), then the predictor trained on it ({@code
 * latency/predictor.bin}) with its held-out figures ({@code latency/report.json}).
 */
final class RunLatency implements Stage<RunLatency.Measured> {
  private static final Logger LOG = LoggerFactory.getLogger(RunLatency.class);

  /** The dataset's size and the predictor's held-out figures next to the linear baseline's. */
  record Measured(int architectures, LatencyMetrics mlp, LatencyMetrics linear)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "%d architectures measured; predictor on %d held-out: %.1f %% within 10 %%, Kendall"
              + " %.3f (linear: %.1f %%, %.3f) -> latency/",
          architectures,
          mlp.count(),
          100 * mlp.within10(),
          mlp.kendallTau(),
          100 * linear.within10(),
          linear.kendallTau());
    }
  }

  @Override
  public Measured run(RunContext context) {
    Path run = context.root();
    int samples = context.latencySamples();
    long seed = context.seed();
    int predictorSteps = context.settings().predictorSteps();
    int runs = context.settings().latencyRuns();
    LOG.info("measuring {} architectures -> latency/", samples);
    Path dir = run.resolve("latency");
    Path csv = dir.resolve("latency.csv");
    try (NDManager manager = NDManager.newBaseManager()) {
      MeasurementSetup setup =
          MeasurementSetup.open(run.resolve("supernet"), null, null, seed, manager);
      try (var net = setup.net()) {
        LatencyDataset.measure(
            csv,
            net,
            setup,
            LatencyProtocol.hat(runs, 1),
            samples,
            seed,
            Integer.getInteger("ai.djl.pytorch.num_threads", 1));
      }
    }
    Path predictor = dir.resolve("predictor.bin");
    PredictorTraining.Report report =
        PredictorTraining.train(
            List.of(csv),
            "80/10/10",
            seed,
            null,
            predictorSteps > 0
                ? PredictorRecipe.TUNED.withSteps(predictorSteps)
                : PredictorRecipe.TUNED,
            true,
            predictor);
    new RunDirectory(run).write("latency/report.json", Json.write(report.json(predictor)) + "\n");
    return new Measured(
        report.split().train().size()
            + report.split().valid().size()
            + report.split().test().size(),
        report.mlp(),
        report.linear());
  }
}
