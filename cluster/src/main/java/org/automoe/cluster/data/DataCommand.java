package org.automoe.cluster.data;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code automoe data}: build and inspect parallel corpora. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Build parallel corpora.",
    subcommands = {BuildCorpusCommand.class, ImportCorpusCommand.class})
public final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
