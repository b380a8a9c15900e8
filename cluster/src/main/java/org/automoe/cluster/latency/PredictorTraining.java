package org.automoe.cluster.latency;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Optional;
import org.automoe.cluster.cli.Versions;
import org.automoe.core.InvalidInputException;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.cost.ExpertRouting;
import org.automoe.core.latency.Baselines;
import org.automoe.core.latency.DatasetSplit;
import org.automoe.core.latency.DriftCorrection;
import org.automoe.core.latency.FeatureSpec;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.latency.LatencyMetrics;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.latency.PredictorRecipe;
import org.automoe.core.latency.PredictorTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains and saves a latency predictor from dataset files, and scores it on the held-out test split
 * next to the linear and (when rows name architectures) FLOPs-proportional baselines. Shared by
 * {@code latency train} and the latency stage of {@code run}.
 */
public final class PredictorTraining {
  private static final Logger LOG = LoggerFactory.getLogger(PredictorTraining.class);

  private PredictorTraining() {}

  /**
   * The test-split figures of each model: the trained MLP, the linear baseline, and the
   * FLOPs-proportional baseline when the rows name architectures and the files give qkv width and
   * vocabulary.
   */
  public record Report(
      LatencyMetrics mlp,
      LatencyMetrics linear,
      Optional<LatencyMetrics> flops,
      FeatureSpec.Kind features,
      String recipe,
      boolean driftCorrected,
      DatasetSplit split) {

    /** The models' figures by name, in report order: mlp, linear, flops. */
    public Map<String, LatencyMetrics> models() {
      Map<String, LatencyMetrics> models = new LinkedHashMap<>();
      models.put("mlp", mlp);
      models.put("linear", linear);
      flops.ifPresent(f -> models.put("flops", f));
      return models;
    }

    /** What {@code latency train --json} prints and the latency stage writes as report.json. */
    public ReportJson json(Path predictor) {
      return new ReportJson(
          mlp,
          linear,
          flops,
          features.name().toLowerCase(Locale.ROOT),
          recipe,
          driftCorrected,
          new RowCounts(split.train().size(), split.valid().size(), split.test().size()),
          predictor);
    }
  }

  /**
   * A report as JSON: each model's test-split figures under its name (rmse, mae, mape, kendallTau,
   * within5, within10, count), then how the predictor was trained and where it was saved.
   */
  public record ReportJson(
      LatencyMetrics mlp,
      LatencyMetrics linear,
      Optional<LatencyMetrics> flops,
      String features,
      String recipe,
      boolean driftCorrected,
      RowCounts rows,
      Path predictor) {}

  /** Rows in each split of the latency dataset. */
  public record RowCounts(int train, int valid, int test) {}

  public static Report train(
      List<Path> data,
      String ratio,
      long seed,
      FeatureSpec.Kind requested,
      PredictorRecipe recipe,
      boolean correctDrift,
      Path out) {
    List<LatencyRecord> rows = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    boolean corrected = correctDrift;
    String referenceArch = null;
    double referenceMs = 0;
    for (Path file : data) {
      LatencyCsv.Dataset d = LatencyCsv.read(file);
      // Each file against its own reference median: files may come from different machines.
      if (correctDrift && DriftCorrection.applies(d.rows())) {
        double[] spread = DriftCorrection.referenceSpread(d.rows());
        LOG.info(
            String.format(
                Locale.ROOT,
                "%s: drift-corrected by its reference column (median %.2f ms, 10-90 %% range"
                    + " %.3f-%.3f of it)",
                file,
                DriftCorrection.medianReferenceMs(d.rows()),
                spread[0],
                spread[1]));
        rows.addAll(DriftCorrection.apply(d.rows()));
        String arch = d.metadata().get(LatencyDataset.REFERENCE_ARCH);
        if (referenceArch == null || referenceArch.equals(arch)) {
          referenceArch = arch;
          referenceMs = DriftCorrection.medianReferenceMs(d.rows());
        }
      } else {
        corrected = false;
        rows.addAll(d.rows());
      }
      d.metadata().forEach(metadata::putIfAbsent);
    }
    DatasetSplit split = DatasetSplit.of(rows, DatasetSplit.parseRatio(ratio), seed);
    FeatureSpec.Kind kind = requested != null ? requested : FeatureSpec.defaultKind(rows);
    FeatureSpec spec = FeatureSpec.fit(kind, split.train());
    LOG.info(
        String.format(
            Locale.ROOT,
            "latency predictor: %d rows (train %d, valid %d, test %d), features %s, recipe %s",
            rows.size(),
            split.train().size(),
            split.valid().size(),
            split.test().size(),
            kind.name().toLowerCase(Locale.ROOT),
            recipe.name()));
    PredictorTrainer.Provenance provenance =
        new PredictorTrainer.Provenance(
            sha256(data),
            data.stream().map(p -> p.getFileName().toString()).toList(),
            Versions.describe(),
            corrected ? referenceArch : null,
            corrected ? referenceMs : 0);
    try (LatencyPredictor predictor =
        PredictorTrainer.train(spec, split.train(), split.valid(), recipe, seed, provenance)) {
      double[] measured = split.test().stream().mapToDouble(LatencyRecord::totalMs).toArray();
      LatencyMetrics mlp = LatencyMetrics.of(predictor.predictRecords(split.test()), measured);
      LatencyMetrics linear = Baselines.linear(spec, split.train(), split.test());
      Optional<LatencyMetrics> flops =
          Optional.ofNullable(costModel(metadata, rows))
              .map(cost -> Baselines.flopsProportional(cost, split.train(), split.test()));
      predictor.save(out);
      return new Report(mlp, linear, flops, kind, recipe.name(), corrected, split);
    }
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

  private static String sha256(List<Path> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), digest)) {
          in.transferTo(OutputStream.nullOutputStream());
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
