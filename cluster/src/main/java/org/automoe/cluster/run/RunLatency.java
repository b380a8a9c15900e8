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

/**
 * The latency stage of a run: a dataset of the run's supernet measured on this machine ({@code
 * latency/latency.csv}, resumed on a rerun), then the predictor trained on it ({@code
 * latency/predictor.bin}) with its held-out figures ({@code latency/report.json}).
 */
final class RunLatency {
  private RunLatency() {}

  /**
   * @param predictorSteps predictor updates, or 0 for the tuned recipe's
   */
  static String run(Path run, int samples, long seed, int predictorSteps, int runs) {
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
            Integer.getInteger("ai.djl.pytorch.num_threads", 1),
            line -> System.out.println("      " + line));
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
            predictor,
            line -> {});
    new RunDirectory(run).write("latency/report.json", Json.write(report.asMap(predictor)) + "\n");
    LatencyMetrics mlp = report.models().get("mlp");
    LatencyMetrics linear = report.models().get("linear");
    return String.format(
        Locale.ROOT,
        "%d architectures measured; predictor on %d held-out: %.1f %% within 10 %%, Kendall"
            + " %.3f (linear: %.1f %%, %.3f) -> latency/",
        report.split().train().size()
            + report.split().valid().size()
            + report.split().test().size(),
        mlp.count(),
        100 * mlp.within10(),
        mlp.kendallTau(),
        100 * linear.within10(),
        linear.kendallTau());
  }
}
