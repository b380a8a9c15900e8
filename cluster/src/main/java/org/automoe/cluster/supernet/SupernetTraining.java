package org.automoe.cluster.supernet;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.core.InvalidInputException;
import org.automoe.core.RunDirectory;
import org.automoe.core.data.Example;
import org.automoe.core.model.TrainingData;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;
import org.automoe.core.supernet.CheckpointInfo;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains (or resumes) a supernet in a prepared folder; shared by {@code supernet train} and the
 * supernet stage of {@code automoe run}.
 */
public final class SupernetTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SupernetTraining.class);

  private SupernetTraining() {}

  public static SupernetTrainer.Result run(
      Path out,
      SearchSpace s,
      TrainingData data,
      TrainingSettings settings,
      SupernetTrainer.Config config) {
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    try (NDManager manager = NDManager.newBaseManager()) {
      Path last = out.resolve("last");
      Supernet net;
      long start = 0;
      if (Files.isDirectory(last)) {
        CheckpointInfo info = Checkpoints.info(last);
        requireSameRun(out, info, s, settings, config.seed(), data.bpeSha256());
        net = Checkpoints.load(last, manager);
        start = info.step();
        LOG.info(
            String.format(
                Locale.ROOT, "resuming %s from step %d of %d", last, start, settings.totalSteps()));
      } else {
        net =
            new Supernet(
                s,
                SupernetWeights.init(
                    SupernetShape.of(s, data.bpe().vocabSize(), 256), config.seed(), manager));
        LOG.info(
            String.format(
                Locale.ROOT,
                "supernet of space '%s': %.2f M parameters, %d training pairs, %d validation pairs",
                s.name(),
                net.weights().parameterCount() / 1e6,
                train.size(),
                valid.size()));
      }
      try (net) {
        SupernetTrainer.Result r =
            new SupernetTrainer(net, settings, config, out, data.bpeSha256())
                .run(train, valid, start);
        new RunDirectory(out)
            .write(
                "train-summary.json",
                Json.write(TrainSummary.of(s.name(), config.seed(), r)) + "\n");
        return r;
      }
    }
  }

  /** {@code train-summary.json}: the space, steps and seed of a finished run, and its figures. */
  record TrainSummary(
      String space,
      long steps,
      long seed,
      double targetTokensPerSecond,
      double lastLoss,
      double bestValidLoss) {
    static TrainSummary of(String space, long seed, SupernetTrainer.Result r) {
      return new TrainSummary(
          space, r.steps(), seed, r.targetTokensPerSecond(), r.lastLoss(), r.bestValidLoss());
    }
  }

  private static void requireSameRun(
      Path out,
      CheckpointInfo info,
      SearchSpace s,
      TrainingSettings settings,
      long seed,
      String bpeSha) {
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
