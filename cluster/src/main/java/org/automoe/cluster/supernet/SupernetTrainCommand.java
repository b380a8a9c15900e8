package org.automoe.cluster.supernet;

import java.nio.file.Path;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.model.TrainingData;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
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
    TrainingData data = TrainingData.prepare(options.out, options.corpus, bpe, options.vocab);
    SupernetTrainer.Result r =
        SupernetTraining.run(options.out, s, data, settings, options.config(3));
    options.printDone(r);
  }
}
