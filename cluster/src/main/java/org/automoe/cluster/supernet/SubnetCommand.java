package org.automoe.cluster.supernet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code automoe subnet}: evaluate, export and retrain single architectures. */
@Command(
    name = "subnet",
    mixinStandardHelpOptions = true,
    description = "Evaluate, export or train one architecture.",
    subcommands = {SubnetEvalCommand.class, SubnetExportCommand.class, SubnetTrainCommand.class})
public final class SubnetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
