package org.automoe.core.latency;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.automoe.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MLP latency predictor: seeded initialisation and batch draws, MSE on the recipe's
 * target, optionally keeping the weights with the best validation MAPE.
 */
public final class PredictorTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(PredictorTrainer.class);

  private PredictorTrainer() {}

  /** Where the training rows came from, recorded in the saved predictor. */
  /**
   * @param referenceArch the reference architecture of drift-corrected data, or null
   * @param referenceMs its median latency in that data (0 when none)
   */
  public record Provenance(
      String dataSha256,
      List<String> dataFiles,
      String versions,
      String referenceArch,
      double referenceMs) {

    public Provenance(String dataSha256, List<String> dataFiles, String versions) {
      this(dataSha256, dataFiles, versions, null, 0);
    }
  }

  /** Trains a predictor; logs the validation MAPE now and then, and which weights were kept. */
  public static LatencyPredictor train(
      FeatureSpec spec,
      List<LatencyRecord> train,
      List<LatencyRecord> valid,
      PredictorRecipe recipe,
      long seed,
      Provenance provenance) {
    if (train.size() < 2) {
      throw new InvalidInputException(
          "the predictor needs at least 2 training rows, but got " + train.size());
    }
    double[][] x = features(spec, train);
    double[] ms = train.stream().mapToDouble(LatencyRecord::totalMs).toArray();
    double norm = Arrays.stream(ms).max().orElseThrow();
    float[] y = new float[ms.length];
    for (int i = 0; i < ms.length; i++) {
      y[i] = (float) (ms[i] / norm);
    }
    LatencyPredictor.Metadata meta =
        new LatencyPredictor.Metadata(
            LatencyPredictor.FORMAT,
            spec.kind(),
            spec.maxEncoder(),
            spec.maxDecoder(),
            spec.normalisers(),
            LatencyPredictor.HIDDEN,
            recipe.linearSkip(),
            norm,
            recipe.name(),
            seed,
            train.size(),
            provenance.dataSha256(),
            provenance.dataFiles(),
            provenance.versions(),
            provenance.referenceArch(),
            provenance.referenceMs());
    Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    Model model = Model.newInstance("latency-predictor", "PyTorch");
    Block block = LatencyPredictor.network(LatencyPredictor.HIDDEN, recipe.linearSkip());
    model.setBlock(block);
    Tracker lr =
        recipe.finalLr() == recipe.peakLr()
            ? Tracker.fixed(recipe.peakLr())
            : Tracker.cosine()
                .setBaseValue(recipe.peakLr())
                .optFinalValue(recipe.finalLr())
                .setMaxUpdates(recipe.steps())
                .build();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
    LatencyPredictor predictor = new LatencyPredictor(model, block, meta);
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(recipe.batch(), spec.size()));
      if (recipe.linearSkip()) {
        startFromLinearFit((ParallelBlock) block, x, y, recipe.relativeLoss());
      }
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] validX = features(spec, valid);
      double[] validMs = valid.stream().mapToDouble(LatencyRecord::totalMs).toArray();
      boolean select = recipe.keepBestOnValidation() && !valid.isEmpty();
      int every = Math.max(1, recipe.steps() / 50);
      double best = Double.POSITIVE_INFINITY;
      byte[] bestWeights = null;
      int bestStep = 0;
      double[] startErrors = null;
      if (select) {
        startErrors = relativeErrors(predictor.predictFeatures(validX), validMs);
        best = mean(startErrors);
        bestWeights = predictor.snapshot();
      }
      int batch = recipe.batch();
      float[] bx = new float[batch * spec.size()];
      float[] by = new float[batch];
      for (int step = 1; step <= recipe.steps(); step++) {
        for (int b = 0; b < batch; b++) {
          int r = rng.nextInt(x.length);
          for (int j = 0; j < spec.size(); j++) {
            bx[b * spec.size() + j] = (float) x[r][j];
          }
          by[b] = y[r];
        }
        boolean exact;
        try (NDManager m = model.getNDManager().newSubManager();
            GradientCollector gc = trainer.newGradientCollector()) {
          NDArray in = m.create(bx, new Shape(batch, spec.size()));
          NDArray target = m.create(by, new Shape(batch, 1));
          NDArray out = trainer.forward(new NDList(in)).singletonOrThrow();
          NDArray error = out.sub(target);
          NDArray loss =
              recipe.relativeLoss() ? error.div(target).abs().mean() : error.square().mean();
          // A batch fitted exactly (few rows, many features) has no gradient; DJL refuses to step.
          exact = loss.getFloat() == 0f;
          if (!exact) {
            gc.backward(loss);
          }
        }
        if (!exact) {
          trainer.step();
        }
        if (select && (step % every == 0 || step == recipe.steps())) {
          double[] errors = relativeErrors(predictor.predictFeatures(validX), validMs);
          double mape = mean(errors);
          if (mape < best && clearlyBetter(errors, startErrors)) {
            best = mape;
            bestStep = step;
            bestWeights = predictor.snapshot();
          }
        }
        if (step % (every * 10) == 0) {
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "step %d/%d%s",
                  step,
                  recipe.steps(),
                  select
                      ? String.format(Locale.ROOT, ", best validation MAPE %.2f %%", 100 * best)
                      : ""));
        }
      }
      if (bestWeights != null) {
        LOG.info(
            String.format(
                Locale.ROOT,
                "kept the weights of step %d (validation MAPE %.2f %%)",
                bestStep,
                100 * best));
        predictor.restore(bestWeights);
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return predictor;
  }

  /**
   * True when {@code errors} beat {@code reference} on the same rows by more than two standard
   * errors of the paired difference. On noisy data (HAT's files) a network that merely fits the
   * validation noise would otherwise replace the sound linear start.
   */
  static boolean clearlyBetter(double[] errors, double[] reference) {
    int n = errors.length;
    if (n < 2) {
      return true;
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = errors[i] - reference[i];
    }
    double mean = mean(d);
    double squares = 0;
    for (double v : d) {
      squares += (v - mean) * (v - mean);
    }
    double stderr = Math.sqrt(squares / (n - 1) / n);
    return mean < -2 * stderr;
  }

  private static double[] relativeErrors(double[] predicted, double[] measured) {
    double[] out = new double[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
    }
    return out;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return v.length == 0 ? Double.NaN : sum / v.length;
  }

  /**
   * The skip layer gets the (relative-error) least-squares fit and is frozen; the MLP's output
   * layer starts at zero. Training starts from the linear model, and the MLP learns only what it
   * misses; with selection on validation, the MLP never ends worse there than the fit.
   */
  private static void startFromLinearFit(
      ParallelBlock block, double[][] x, float[] y, boolean relative) {
    double[] target = new double[y.length];
    double[] weights = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      target[i] = y[i];
      weights[i] = relative ? 1 / y[i] : 1;
    }
    LinearLatencyModel fit = LinearLatencyModel.fit(Arrays.asList(x), target, weights);
    Block skip = block.getChildren().get(1).getValue();
    assign(skip.getParameters().get("weight").getArray(), toFloats(fit.weights()));
    assign(skip.getParameters().get("bias").getArray(), new float[] {(float) fit.bias()});
    skip.freezeParameters(true);
    SequentialBlock mlp = (SequentialBlock) block.getChildren().get(0).getValue();
    Block output = mlp.getChildren().get(mlp.getChildren().size() - 1).getValue();
    for (var p : output.getParameters().values()) {
      p.getArray().muli(0);
    }
  }

  private static void assign(NDArray target, float[] values) {
    NDArray v = target.getManager().create(values).reshape(target.getShape());
    target.muli(0).addi(v);
    v.close();
  }

  private static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  static double[][] features(FeatureSpec spec, List<LatencyRecord> rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = spec.of(rows.get(i));
    }
    return out;
  }
}
