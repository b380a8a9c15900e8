package org.automoe.cluster.space;

import picocli.CommandLine.Command;

/** {@code automoe space}: look at and sample search spaces. */
@Command(
    name = "space",
    mixinStandardHelpOptions = true,
    description = "Show a search space or sample architectures from it.",
    subcommands = {SpaceShowCommand.class, SpaceSampleCommand.class})
public final class SpaceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
