package org.automoe.cluster.supernet;

import picocli.CommandLine.Command;

/** {@code automoe supernet}: train the weight-sharing supernet. */
@Command(
    name = "supernet",
    mixinStandardHelpOptions = true,
    description = "Train the weight-sharing MoE supernet.",
    subcommands = {SupernetTrainCommand.class, SupernetSurveyCommand.class})
public final class SupernetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
