package org.automoe.cluster.supernet;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.core.InvalidInputException;
import org.automoe.core.supernet.Regularization;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import picocli.CommandLine.Option;

/** Options shared by {@code supernet train} and {@code subnet train}. */
final class TrainingOptions {
  @Option(names = "--steps", required = true, description = "optimizer updates")
  int steps;

  @Option(names = "--out", required = true, description = "model folder; rerun on it to resume")
  Path out;

  @Option(names = "--corpus", description = "corpus folder (default: the bundled en-de corpus)")
  Path corpus;

  @Option(
      names = "--vocab",
      defaultValue = "8000",
      description = "BPE vocabulary when learning one (default: ${DEFAULT-VALUE})")
  int vocab;

  @Option(
      names = "--max-tokens",
      defaultValue = "2048",
      description = "padded tokens per batch (default: ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(
      names = "--lr",
      defaultValue = "1e-3",
      description = "peak learning rate (default: ${DEFAULT-VALUE})")
  float lr;

  @Option(names = "--warmup", description = "warm-up steps (default: 10%% of --steps)")
  Integer warmup;

  @Option(
      names = "--dropout",
      defaultValue = "0.1",
      description =
          "dropout at full width, scaled with width (default: ${DEFAULT-VALUE}; paper 0.3)")
  float dropout;

  @Option(
      names = "--balance",
      defaultValue = "0.01",
      description = "load-balancing loss coefficient (default: ${DEFAULT-VALUE})")
  float balance;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "run seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--log-every",
      defaultValue = "20",
      description = "steps between progress lines (default: ${DEFAULT-VALUE})")
  int logEvery;

  @Option(
      names = "--validate-every",
      defaultValue = "500",
      description = "steps between validations (default: ${DEFAULT-VALUE})")
  int validateEvery;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "200",
      description = "steps between checkpoints, also every 5 minutes (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  TrainingSettings settings() {
    if (steps < 1 || logEvery < 1 || validateEvery < 1 || checkpointEvery < 1) {
      throw new InvalidInputException("--steps and the --*-every options must be at least 1");
    }
    return new TrainingSettings(
        lr,
        1e-7f,
        warmup != null ? warmup : Math.max(1, steps / 10),
        steps,
        0.1f,
        balance,
        maxTokens,
        new Regularization(dropout, 0.1f, 0f));
  }

  /** Trainer settings; {@code randomValidSubnets} random subnets join largest and smallest. */
  SupernetTrainer.Config config(int randomValidSubnets) {
    return new SupernetTrainer.Config(
        seed, logEvery, checkpointEvery, 5.0, validateEvery, 500, randomValidSubnets, 128);
  }

  /** The command's output once training ended: what it did and where the model is. */
  void printDone(SupernetTrainer.Result r) {
    System.out.printf(
        Locale.ROOT,
        "done: %d steps, %.0f target tokens/s, best validation loss %.4f -> %s%n",
        r.steps(),
        r.targetTokensPerSecond(),
        r.bestValidLoss(),
        out);
  }
}
