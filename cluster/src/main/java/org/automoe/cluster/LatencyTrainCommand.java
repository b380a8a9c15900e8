package org.automoe.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.InvalidInputException;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.cost.ExpertRouting;
import org.automoe.core.latency.Baselines;
import org.automoe.core.latency.DatasetSplit;
import org.automoe.core.latency.FeatureSpec;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.latency.LatencyMetrics;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.latency.PredictorRecipe;
import org.automoe.core.latency.PredictorTrainer;
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
          "auto, hat, moe or layers (per-layer variant); auto = moe when every row has the MoE"
              + " columns, else hat (default: ${DEFAULT-VALUE})")
  String features;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    List<LatencyRecord> rows = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Path file : data) {
      LatencyCsv.Dataset d = LatencyCsv.read(file);
      rows.addAll(d.rows());
      d.metadata().forEach(metadata::putIfAbsent);
    }
    DatasetSplit parts = DatasetSplit.of(rows, DatasetSplit.parseRatio(split), seed);
    FeatureSpec.Kind kind =
        features.equals("auto") ? FeatureSpec.defaultKind(rows) : kind(features);
    FeatureSpec spec = FeatureSpec.fit(kind, parts.train());
    PredictorRecipe r = PredictorRecipe.byName(recipe);
    if (steps != null) {
      r = r.withSteps(steps);
    }
    int total = r.steps();
    System.err.printf(
        Locale.ROOT,
        "latency predictor: %d rows (train %d, valid %d, test %d), features %s, recipe %s%n",
        rows.size(),
        parts.train().size(),
        parts.valid().size(),
        parts.test().size(),
        kind.name().toLowerCase(Locale.ROOT),
        r.name());
    PredictorTrainer.Provenance provenance =
        new PredictorTrainer.Provenance(
            sha256(data),
            data.stream().map(p -> p.getFileName().toString()).toList(),
            Versions.describe());
    Map<String, Object> report = new LinkedHashMap<>();
    try (LatencyPredictor predictor =
        PredictorTrainer.train(
            spec,
            parts.train(),
            parts.valid(),
            r,
            seed,
            provenance,
            step -> System.err.printf(Locale.ROOT, "  step %d/%d%n", step, total))) {
      double[] measured = parts.test().stream().mapToDouble(LatencyRecord::totalMs).toArray();
      LatencyMetrics mlp = LatencyMetrics.of(predictor.predictRecords(parts.test()), measured);
      LatencyMetrics linear = Baselines.linear(spec, parts.train(), parts.test());
      report.put("mlp", asMap(mlp));
      report.put("linear", asMap(linear));
      CostModel cost = costModel(metadata, rows);
      if (cost != null) {
        report.put("flops", asMap(Baselines.flopsProportional(cost, parts.train(), parts.test())));
      }
      predictor.save(out);
    }
    report.put("features", kind.name().toLowerCase(Locale.ROOT));
    report.put("recipe", r.name());
    report.put(
        "rows",
        Map.of(
            "train",
            parts.train().size(),
            "valid",
            parts.valid().size(),
            "test",
            parts.test().size()));
    report.put("predictor", out.toString());
    if (json) {
      System.out.println(Json.write(report));
    } else {
      System.out.println("held-out test split, " + parts.test().size() + " rows:");
      for (String model : List.of("mlp", "linear", "flops")) {
        if (report.containsKey(model)) {
          System.out.printf(Locale.ROOT, "  %-7s %s%n", model, summary(report.get(model)));
        }
      }
      System.out.println("predictor written to " + out);
    }
  }

  private static FeatureSpec.Kind kind(String name) {
    return switch (name) {
      case "hat" -> FeatureSpec.Kind.HAT;
      case "moe" -> FeatureSpec.Kind.MOE;
      case "layers" -> FeatureSpec.Kind.LAYERS;
      default ->
          throw new InvalidInputException(
              "--features '" + name + "': use auto, hat, moe or layers");
    };
  }

  /** A cost model for the FLOPs baseline, when the files say qkv width and vocabulary. */
  private static CostModel costModel(Map<String, String> metadata, List<LatencyRecord> rows) {
    if (!metadata.containsKey("qkv-dim")
        || !metadata.containsKey("vocab-size")
        || rows.stream().anyMatch(r -> r.architecture() == null)) {
      return null;
    }
    try {
      return new CostModel(
          new CostSettings(
              Integer.parseInt(metadata.get("qkv-dim")),
              Integer.parseInt(metadata.get("vocab-size")),
              CostSettings.HAT_LENGTH,
              CostSettings.HAT_LENGTH,
              ExpertRouting.UNIFORM));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "latency CSV metadata: qkv-dim and vocab-size must be whole numbers");
    }
  }

  static Map<String, Object> asMap(LatencyMetrics m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rmse", m.rmse());
    out.put("mae", m.mae());
    out.put("mape", m.mape());
    out.put("kendallTau", m.kendallTau());
    out.put("within5", m.within5());
    out.put("within10", m.within10());
    out.put("count", m.count());
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String summary(Object metrics) {
    Map<String, Object> m = (Map<String, Object>) metrics;
    return new LatencyMetrics(
            (double) m.get("rmse"),
            (double) m.get("mae"),
            (double) m.get("mape"),
            (double) m.get("kendallTau"),
            (double) m.get("within5"),
            (double) m.get("within10"),
            (int) m.get("count"))
        .summary();
  }

  private static String sha256(List<Path> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read training data: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
