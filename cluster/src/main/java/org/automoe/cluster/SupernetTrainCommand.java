package org.automoe.cluster;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Example;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;
import org.automoe.core.supernet.CheckpointInfo;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.Regularization;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetTrainer;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe supernet train}: trains a supernet into a folder, one random subnet per update.
 * Running it again on the same folder resumes from the last checkpoint, exactly.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a supernet; rerun on the same --out to resume from its last checkpoint.")
final class SupernetTrainCommand implements Runnable {
  @Option(
      names = "--space",
      defaultValue = "small",
      description = "paper, small, tiny or a space file (default: ${DEFAULT-VALUE})")
  String space;

  @Option(names = "--corpus", description = "corpus folder (default: the bundled en-de corpus)")
  Path corpus;

  @Option(names = "--steps", required = true, description = "optimizer updates")
  int steps;

  @Option(names = "--out", required = true, description = "supernet folder")
  Path out;

  @Option(names = "--bpe", description = "BPE file to use (default: learn one with --vocab)")
  Path bpe;

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

  @Option(names = "--warmup", description = "warm-up steps (default: 10% of --steps)")
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

  @Option(names = "--log-every", defaultValue = "20", description = "steps between progress lines")
  int logEvery;

  @Option(
      names = "--validate-every",
      defaultValue = "500",
      description = "steps between validations")
  int validateEvery;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "200",
      description = "steps between checkpoints (also every 5 minutes)")
  int checkpointEvery;

  @Override
  public void run() {
    if (steps < 1 || logEvery < 1 || validateEvery < 1 || checkpointEvery < 1) {
      throw new InvalidInputException("--steps and the --*-every options must be at least 1");
    }
    SearchSpace s = SpaceFiles.resolve(space);
    TrainingData data = TrainingData.prepare(out, corpus, bpe, vocab, System.out::println);
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    TrainingSettings settings =
        new TrainingSettings(
            lr,
            1e-7f,
            warmup != null ? warmup : Math.max(1, steps / 10),
            steps,
            0.1f,
            balance,
            maxTokens,
            new Regularization(dropout, 0.1f, 0f));
    SupernetTrainer.Config config =
        new SupernetTrainer.Config(
            seed, logEvery, checkpointEvery, 5.0, validateEvery, 500, 3, 128);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path last = out.resolve("last");
      Supernet net;
      long start = 0;
      if (Files.isDirectory(last)) {
        CheckpointInfo info = Checkpoints.info(last);
        requireSameRun(info, s, settings, data.bpeSha256());
        net = Checkpoints.load(last, manager);
        start = info.step();
        System.out.printf("resuming %s from step %d of %d%n", last, start, steps);
      } else {
        SupernetShape shape = SupernetShape.of(s, data.bpe().vocabSize(), 256);
        net = new Supernet(s, SupernetWeights.init(shape, seed, manager));
        System.out.printf(
            Locale.ROOT,
            "supernet of space '%s': %.2f M parameters, %d training pairs, %d validation pairs%n",
            s.name(),
            net.weights().parameterCount() / 1e6,
            train.size(),
            valid.size());
      }
      try (net) {
        SupernetTrainer.Result r =
            new SupernetTrainer(net, settings, config, out, data.bpeSha256(), System.out::println)
                .run(train, valid, start);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("space", s.name());
        summary.put("steps", r.steps());
        summary.put("seed", seed);
        summary.put("targetTokensPerSecond", r.targetTokensPerSecond());
        summary.put("lastLoss", r.lastLoss());
        summary.put("bestValidLoss", r.bestValidLoss());
        new RunDirectory(out).write("train-summary.json", Json.write(summary) + "\n");
        System.out.printf(
            Locale.ROOT,
            "done: %d steps, %.0f target tokens/s, best validation loss %.4f -> %s%n",
            r.steps(),
            r.targetTokensPerSecond(),
            r.bestValidLoss(),
            out);
      }
    }
  }

  private void requireSameRun(
      CheckpointInfo info, SearchSpace s, TrainingSettings settings, String bpeSha) {
    String problem = null;
    if (!info.spaceYaml().equals(SearchSpaceCodec.toYaml(s))) {
      problem = "another space";
    } else if (info.seed() != seed) {
      problem = "seed " + info.seed() + ", not " + seed;
    } else if (!info.settings().equals(settings)) {
      problem = "other training settings (steps, learning rate, batch, dropout)";
    } else if (!info.bpeSha256().equals(bpeSha)) {
      problem = "another BPE vocabulary";
    }
    if (problem != null) {
      throw new InvalidInputException(
          out + ": holds a run with " + problem + "; use another --out or the same options");
    }
  }
}
