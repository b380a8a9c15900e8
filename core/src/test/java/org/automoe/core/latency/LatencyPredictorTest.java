package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPredictorTest {
  @TempDir Path dir;

  private static final PredictorTrainer.Provenance PROVENANCE =
      new PredictorTrainer.Provenance("abc", List.of("synthetic.csv"), "test");

  /** Latency proportional to FLOPs plus a per-layer overhead: learnable, and known exactly. */
  static List<LatencyRecord> synthetic(int n, long seed) {
    CostModel cost = new CostModel(CostSettings.of(BuiltInSpaces.small()));
    List<LatencyRecord> rows = new ArrayList<>();
    for (Architecture a : MeasurementPlan.of(BuiltInSpaces.small(), n, seed)) {
      double ms =
          1e-7 * cost.cost(a).flops() + 2.0 * (a.encoderLayerCount() + 3 * a.decoderLayerCount());
      rows.add(new LatencyRecord(LatencyFeatures.of(a), ms * 0.1, ms * 0.9, 0, 0, a));
    }
    return rows;
  }

  @Test
  void theTunedRecipeLearnsASmoothLatencyAndStartsNoWorseThanTheLinearFit() {
    List<LatencyRecord> rows = synthetic(300, 5);
    DatasetSplit split = DatasetSplit.of(rows, new int[] {80, 10, 10}, 1);
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.MOE, split.train());
    try (LatencyPredictor p =
        PredictorTrainer.train(
            spec,
            split.train(),
            split.valid(),
            PredictorRecipe.TUNED.withSteps(300),
            1,
            PROVENANCE)) {
      double[] measured = Baselines.measured(split.test());
      LatencyMetrics mlp = LatencyMetrics.of(p.predictRecords(split.test()), measured);
      assertTrue(mlp.within10() >= 0.9, "within 10 %: " + mlp.summary());
      assertTrue(mlp.kendallTau() > 0.9, mlp.summary());
    }
  }

  @Test
  void rowsTheLinearStartFitsExactlyStillTrain() {
    // Eight rows, 22 features: the least-squares start interpolates them and the loss is zero.
    List<LatencyRecord> rows = synthetic(8, 9);
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.TOTALS, rows);
    try (LatencyPredictor p =
        PredictorTrainer.train(
            spec, rows, List.of(), PredictorRecipe.TUNED.withSteps(20), 1, PROVENANCE)) {
      double[] predicted = p.predictRecords(rows);
      double[] measured = Baselines.measured(rows);
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(measured[i], predicted[i], 0.05 * measured[i], "row " + i);
      }
    }
  }

  @Test
  void aSavedPredictorPredictsTheSameAndBatchesEqualSingles() {
    List<LatencyRecord> rows = synthetic(60, 6);
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.MOE, rows);
    List<Architecture> archs = rows.stream().map(LatencyRecord::architecture).toList();
    Path file = dir.resolve("p.bin");
    double[] before;
    try (LatencyPredictor p =
        PredictorTrainer.train(
            spec, rows, List.of(), PredictorRecipe.PAPER.withSteps(20), 2, PROVENANCE)) {
      before = p.predictMs(archs);
      for (int i = 0; i < 5; i++) {
        assertEquals(before[i], p.predictMs(List.of(archs.get(i)))[0], 1e-4 * before[i]);
      }
      p.save(file);
    }
    try (LatencyPredictor back = LatencyPredictor.load(file)) {
      assertArrayEquals(before, back.predictMs(archs), 1e-9);
      assertEquals(spec, back.spec());
      assertEquals("abc", back.metadata().dataSha256());
      assertEquals("paper", back.metadata().recipe());
      assertEquals(60, back.metadata().trainRows());
    }
  }

  @Test
  void foreignAndTruncatedFilesAreOneLineErrors() throws Exception {
    Path foreign = dir.resolve("foreign.bin");
    Files.writeString(foreign, "hello");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LatencyPredictor.load(foreign));
    assertEquals(foreign + ": not an AutoMoE latency predictor", e.getMessage());

    List<LatencyRecord> rows = synthetic(20, 7);
    Path good = dir.resolve("good.bin");
    try (LatencyPredictor p =
        PredictorTrainer.train(
            FeatureSpec.fit(FeatureSpec.Kind.MOE, rows),
            rows,
            List.of(),
            PredictorRecipe.PAPER.withSteps(2),
            3,
            PROVENANCE)) {
      p.save(good);
    }
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    e = assertThrows(InvalidInputException.class, () -> LatencyPredictor.load(cut));
    assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void restoringASnapshotBringsBackItsPredictions() {
    List<LatencyRecord> rows = synthetic(40, 8);
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.MOE, rows);
    List<Architecture> archs = rows.stream().map(LatencyRecord::architecture).toList();
    try (LatencyPredictor p =
        PredictorTrainer.train(
            spec, rows, List.of(), PredictorRecipe.TUNED.withSteps(5), 4, PROVENANCE)) {
      double[] before = p.predictMs(archs);
      byte[] snapshot = p.snapshot();
      try (LatencyPredictor other =
          PredictorTrainer.train(
              spec, rows, List.of(), PredictorRecipe.TUNED.withSteps(50), 5, PROVENANCE)) {
        other.restore(snapshot);
        assertArrayEquals(before, other.predictMs(archs), 1e-9);
      }
    }
  }
}
