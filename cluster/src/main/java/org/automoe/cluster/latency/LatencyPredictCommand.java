package org.automoe.cluster.latency;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.latency.LatencyPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe latency predict}: the predicted latency of an architecture file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Predict the latency of an architecture with a trained predictor.")
final class LatencyPredictCommand implements Runnable {
  @Option(names = "--model", required = true, description = "predictor file (latency train)")
  Path model;

  @Option(names = "--arch", required = true, description = "architecture file (HAT/AutoMoE YAML)")
  Path arch;

  @Option(
      names = "--space",
      defaultValue = "small",
      description = "space the architecture file belongs to (default: ${DEFAULT-VALUE})")
  String space;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    Architecture a = HatYamlCodec.read(arch, SpaceFiles.resolve(space));
    try (LatencyPredictor p = LatencyPredictor.load(model)) {
      double ms = p.predictMs(List.of(a))[0];
      if (json) {
        String features = p.spec().kind().name().toLowerCase(Locale.ROOT);
        System.out.println(Json.write(new PredictionJson(ms, a.key(), features)));
      } else {
        System.out.printf(Locale.ROOT, "predicted latency: %.2f ms%n", ms);
      }
    }
  }

  /** The {@code --json} object: the prediction, the architecture's key and the feature set. */
  record PredictionJson(double predictedLatencyMs, String arch, String features) {}
}
