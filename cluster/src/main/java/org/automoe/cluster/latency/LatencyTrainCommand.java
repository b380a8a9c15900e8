package org.automoe.cluster.latency;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.core.InvalidInputException;
import org.automoe.core.latency.FeatureSpec;
import org.automoe.core.latency.PredictorRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe latency train}: fit the MLP predictor and report it next to the baselines. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the latency predictor on measured datasets (ours or HAT's published CSVs) and report"
          + " the held-out test split for the MLP and the linear baseline (and the FLOPs-"
          + "proportional baseline when the rows name their architectures)."
    })
final class LatencyTrainCommand implements Runnable {
  @Option(names = "--data", required = true, description = "latency CSV; repeat for several")
  List<Path> data;

  @Option(
      names = "--split",
      defaultValue = "80/10/10",
      description = "train/valid/test percentages (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--seed", defaultValue = "1", description = "split, initialisation and batches")
  long seed;

  @Option(names = "--out", required = true, description = "predictor file to write")
  Path out;

  @Option(
      names = "--recipe",
      defaultValue = "tuned",
      description =
          "tuned (cosine from 1e-3, log target, best on validation) or paper (HAT: Adam 1e-5,"
              + " 5000 steps) (default: ${DEFAULT-VALUE})")
  String recipe;

  @Option(names = "--steps", description = "override the recipe's update count")
  Integer steps;

  @Option(
      names = "--features",
      defaultValue = "auto",
      description =
          "auto, hat, moe, layers (per-layer variant) or totals (moe plus per-stack totals);"
              + " auto = totals when every row has the MoE columns and its architecture, moe"
              + " without architectures, else hat (default: ${DEFAULT-VALUE})")
  String features;

  @Option(
      names = "--raw",
      description =
          "train on latencies as measured; by default rows of our files are first scaled by"
              + " their reference column to the machine's typical speed (drift correction)")
  boolean raw;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    PredictorRecipe r = PredictorRecipe.byName(recipe);
    if (steps != null) {
      r = r.withSteps(steps);
    }
    FeatureSpec.Kind kind = features.equals("auto") ? null : kind(features);
    PredictorTraining.Report report =
        PredictorTraining.train(data, split, seed, kind, r, !raw, out);
    if (json) {
      System.out.println(Json.write(report.json(out)));
      return;
    }
    System.out.println("held-out test split, " + report.split().test().size() + " rows:");
    report
        .models()
        .forEach((name, m) -> System.out.printf(Locale.ROOT, "  %-7s %s%n", name, m.summary()));
    System.out.println("predictor written to " + out);
  }

  private static FeatureSpec.Kind kind(String name) {
    return switch (name) {
      case "hat" -> FeatureSpec.Kind.HAT;
      case "moe" -> FeatureSpec.Kind.MOE;
      case "layers" -> FeatureSpec.Kind.LAYERS;
      case "totals" -> FeatureSpec.Kind.TOTALS;
      default ->
          throw new InvalidInputException(
              "--features '" + name + "': use auto, hat, moe, layers or totals");
    };
  }
}
