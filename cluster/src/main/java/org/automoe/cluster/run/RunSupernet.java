package org.automoe.cluster.run;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.cluster.supernet.SupernetTraining;
import org.automoe.core.model.SubnetEvaluation;
import org.automoe.core.model.TrainingData;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supernet stages of a run: training in {@code supernet/} (resumed when the folder holds a
 * checkpoint of the same run), then the largest subnet's validation loss and BLEU.
 */
final class RunSupernet {
  private static final Logger LOG = LoggerFactory.getLogger(RunSupernet.class);

  private RunSupernet() {}

  /** The trained supernet: updates done, speed, and the best mean validation loss. */
  record Trained(long steps, double targetTokensPerSecond, double bestValidLoss)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "%d steps, %.0f target tokens/s, best mean validation loss %.4f",
          steps,
          targetTokensPerSecond,
          bestValidLoss);
    }
  }

  /** The largest subnet with inherited weights. */
  record LargestEvaluated(double validLoss, double bleu, int testSentences) implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "validation loss %.4f, BLEU %.2f on %d test sentences (greedy) ->"
              + " supernet/eval/largest.hyp",
          validLoss,
          bleu,
          testSentences);
    }
  }

  static Trained train(RunContext run) {
    int steps = run.supernetSteps();
    Path out = run.root().resolve("supernet");
    TrainingData data =
        TrainingData.prepare(
            out, run.root().resolve("corpus"), run.root().resolve("bpe/bpe.txt"), 0);
    TrainingSettings settings = RunTrainingRecipe.settings(run.profile().learningRate(), steps);
    SupernetTrainer.Config config =
        RunTrainingRecipe.config(run.seed(), steps, Math.max(1, steps / 10), 3);
    SupernetTrainer.Result r =
        SupernetTraining.run(out, run.profile().space(), data, settings, config);
    return new Trained(r.steps(), r.targetTokensPerSecond(), r.bestValidLoss());
  }

  static LargestEvaluated evaluateLargest(RunContext run) {
    // largest.yml was written by the survey stage: the space's largest MoE subnet.
    SubnetEvaluation.Result r =
        SubnetEvaluation.run(
            run.root().resolve("supernet"),
            run.root().resolve("largest.yml"),
            null,
            run.profile().testSentenceLimit(),
            1,
            null);
    return new LargestEvaluated(r.validLoss(), r.bleu().score(), r.testSentences());
  }
}
