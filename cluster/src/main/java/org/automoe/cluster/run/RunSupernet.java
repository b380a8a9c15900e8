package org.automoe.cluster.run;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.cluster.supernet.SupernetTraining;
import org.automoe.core.model.SubnetEvaluation;
import org.automoe.core.model.TrainingData;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Regularization;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * The supernet stages of a run: training in {@code supernet/} (resumed when the folder holds a
 * checkpoint of the same run), then the largest subnet's validation loss and BLEU.
 */
final class RunSupernet {
  private RunSupernet() {}

  static String train(Path run, SearchSpace space, String profile, RunSettings s, int steps) {
    Path out = run.resolve("supernet");
    TrainingData data =
        TrainingData.prepare(out, run.resolve("corpus"), run.resolve("bpe/bpe.txt"), 0, line -> {});
    float lr = Profile.learningRate(profile);
    TrainingSettings settings =
        new TrainingSettings(
            lr,
            1e-7f,
            Math.max(1, steps / 10),
            steps,
            0.1f,
            0.01f,
            2048,
            new Regularization(0.1f, 0.1f, 0f));
    int every = Math.max(1, steps / 10);
    SupernetTrainer.Config config =
        new SupernetTrainer.Config(
            s.seed(), every, Math.max(1, steps / 4), 5.0, Math.max(1, steps / 2), 500, 3, 128);
    SupernetTrainer.Result r =
        SupernetTraining.run(
            out, space, data, settings, config, line -> System.out.println("      " + line));
    return String.format(
        Locale.ROOT,
        "%d steps, %.0f target tokens/s, best mean validation loss %.4f",
        r.steps(),
        r.targetTokensPerSecond(),
        r.bestValidLoss());
  }

  static String evaluateLargest(Path run, Integer testSentences) {
    // largest.yml was written by the survey stage: the space's largest MoE subnet.
    SubnetEvaluation.Result r =
        SubnetEvaluation.run(
            run.resolve("supernet"), run.resolve("largest.yml"), null, testSentences, 1, null);
    return String.format(
        Locale.ROOT,
        "validation loss %.4f, BLEU %.2f on %d test sentences (greedy) -> supernet/eval/largest.hyp",
        r.validLoss(),
        r.bleu().score(),
        r.testSentences());
  }
}
