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
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetTrainer;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--bpe", description = "BPE file to use (default: learn one with --vocab)")
  Path bpe;

  @Mixin TrainingOptions options;

  @Override
  public void run() {
    SearchSpace s = SpaceFiles.resolve(space);
    TrainingSettings settings = options.settings();
    Path out = options.out;
    TrainingData data =
        TrainingData.prepare(out, options.corpus, bpe, options.vocab, System.out::println);
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    SupernetTrainer.Config config = options.config(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path last = out.resolve("last");
      Supernet net;
      long start = 0;
      if (Files.isDirectory(last)) {
        CheckpointInfo info = Checkpoints.info(last);
        requireSameRun(info, s, settings, data.bpeSha256());
        net = Checkpoints.load(last, manager);
        start = info.step();
        System.out.printf("resuming %s from step %d of %d%n", last, start, options.steps);
      } else {
        SupernetShape shape = SupernetShape.of(s, data.bpe().vocabSize(), 256);
        net = new Supernet(s, SupernetWeights.init(shape, options.seed, manager));
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
        summary.put("seed", options.seed);
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
    } else if (info.seed() != options.seed) {
      problem = "seed " + info.seed() + ", not " + options.seed;
    } else if (!info.settings().equals(settings)) {
      problem = "other training settings (steps, learning rate, batch, dropout)";
    } else if (!info.bpeSha256().equals(bpeSha)) {
      problem = "another BPE vocabulary";
    }
    if (problem != null) {
      throw new InvalidInputException(
          options.out
              + ": holds a run with "
              + problem
              + "; use another --out or the same options");
    }
  }
}
