package org.automoe.cluster.supernet;

import java.nio.file.Path;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.model.SubnetTraining;
import org.automoe.core.space.SearchSpace;
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
    TrainingSettings training = options.settings();
    Path out = options.out;
    SearchSpace scratch = from != null ? null : SpaceFiles.resolve(space);
    SubnetTraining.Settings settings =
        new SubnetTraining.Settings(
            archFile,
            scratch,
            from,
            out,
            options.corpus,
            options.vocab,
            training,
            options.config(0));
    SupernetTrainer.Result r = SubnetTraining.run(settings);
    options.printDone(r);
  }
}
