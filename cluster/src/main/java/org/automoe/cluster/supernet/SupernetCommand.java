package org.automoe.cluster.supernet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code automoe supernet}: train the weight-sharing supernet. */
@Command(
    name = "supernet",
    mixinStandardHelpOptions = true,
    description = "Train the weight-sharing MoE supernet.",
    subcommands = {SupernetTrainCommand.class, SupernetSurveyCommand.class})
public final class SupernetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
