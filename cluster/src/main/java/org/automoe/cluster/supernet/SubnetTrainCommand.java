package org.automoe.cluster.supernet;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.data.Example;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code automoe subnet train}: trains one architecture on its own, from scratch or from weights
 * inherited from a supernet ({@code --from}); rerun on the same folder to resume.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train one architecture standalone, from scratch or inherited weights (--from).")
final class SubnetTrainCommand implements Runnable {
  @Option(names = "--arch", required = true, description = "architecture file")
  Path archFile;

  @Option(
      names = "--space",
      defaultValue = "small",
      description = "space of the architecture (default: ${DEFAULT-VALUE})")
  String space;

  @Option(
      names = "--from",
      description = "supernet folder to inherit weights (and vocabulary) from")
  Path from;

  @Mixin TrainingOptions options;

  @Override
  public void run() {
    TrainingSettings settings = options.settings();
    Path out = options.out;
    Path bpe = from != null ? from.resolve("bpe.txt") : null;
    Path corpusDir =
        options.corpus != null ? options.corpus : from != null ? from.resolve("corpus") : null;
    TrainingData data =
        TrainingData.prepare(out, corpusDir, bpe, options.vocab, System.out::println);
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    SupernetTrainer.Config config = options.config(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      StandaloneModel.Opened opened =
          StandaloneModel.open(
              out, manager, source -> origin(data, source), s -> HatYamlCodec.read(archFile, s));
      Supernet model = opened.model();
      Architecture a = opened.arch();
      long start = opened.start();
      if (start > 0) {
        System.out.printf(
            "resuming %s from step %d of %d%n", out.resolve("last"), start, options.steps);
      } else {
        System.out.printf(
            Locale.ROOT,
            "training %s standalone (%s): %.2f M parameters%n",
            a.key(),
            from != null ? "inherited from " + from : "from scratch",
            model.weights().parameterCount() / 1e6);
      }
      try (model) {
        SupernetTrainer.Result r =
            new SupernetTrainer(model, settings, config, out, data.bpeSha256(), System.out::println)
                .fixed(a)
                .run(train, valid, start);
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

  /** The supernet to slice from: trained (inheritance) or freshly initialised (from scratch). */
  private Supernet origin(TrainingData data, NDManager manager) {
    if (from != null) {
      return ModelFolder.load(ModelFolder.checkpoint(from, null), data, manager);
    }
    SearchSpace s = SpaceFiles.resolve(space);
    return new Supernet(
        s,
        SupernetWeights.init(
            SupernetShape.of(s, data.bpe().vocabSize(), 256), options.seed, manager));
  }
}
