package org.automoe.cluster.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Example;
import org.automoe.core.model.ModelFolder;
import org.automoe.core.model.StandaloneModel;
import org.automoe.core.model.TrainingData;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * Trains one architecture of a run on its own, starting from the supernet's inherited weights, for
 * a fixed number of updates (the same for every model compared); resumes a folder it left.
 */
final class RunRetrain {
  private RunRetrain() {}

  /** What the training did. */
  record Trained(Path folder, long steps, double seconds, double bestValidLoss) {}

  static Trained train(Path run, Architecture a, Path out, int steps, long seed) {
    Path supernet = run.resolve("supernet");
    TrainingData data =
        TrainingData.prepare(out, supernet.resolve("corpus"), supernet.resolve("bpe.txt"), 0);
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    TrainingSettings settings = RunTrainingRecipe.settings(3e-4f, steps);
    SupernetTrainer.Config config =
        RunTrainingRecipe.config(seed, steps, Math.max(1, steps / 5), 0);
    long t0 = System.nanoTime();
    try (NDManager manager = NDManager.newBaseManager()) {
      StandaloneModel.Opened opened =
          StandaloneModel.open(
              out,
              manager,
              source -> ModelFolder.load(ModelFolder.checkpoint(supernet, null), data, source),
              space -> a);
      Supernet model = opened.model();
      long start = opened.start();
      try (model) {
        SupernetTrainer.Result r =
            new SupernetTrainer(model, settings, config, out, data.bpeSha256())
                .fixed(a)
                .run(train, valid, start);
        return new Trained(out, r.steps(), (System.nanoTime() - t0) / 1e9, r.bestValidLoss());
      }
    }
  }
}
