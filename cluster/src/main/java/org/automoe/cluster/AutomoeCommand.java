package org.automoe.cluster;

import picocli.CommandLine.Command;

/** The {@code automoe} command and its subcommands. */
@Command(
    name = "automoe",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Search efficient Mixture-of-Experts translation models under hardware constraints.",
    subcommands = {
      RunCommand.class,
      SpaceCommand.class,
      CostCommand.class,
      BleuCommand.class,
      DataCommand.class,
      BpeCommand.class,
      SupernetCommand.class,
      SubnetCommand.class,
      LatencyCommand.class,
      SearchCommand.class,
      NodeCommand.class,
      BenchCommand.class
    })
final class AutomoeCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
