package org.automoe.cluster.space;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code automoe space}: look at and sample search spaces. */
@Command(
    name = "space",
    mixinStandardHelpOptions = true,
    description = "Show a search space or sample architectures from it.",
    subcommands = {SpaceShowCommand.class, SpaceSampleCommand.class})
public final class SpaceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
