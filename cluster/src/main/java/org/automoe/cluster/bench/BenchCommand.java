package org.automoe.cluster.bench;

import picocli.CommandLine.Command;

/** {@code automoe bench}: performance measurements; run them alone on the machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (run alone: other load on the machine skews them).",
    subcommands = {
      BenchSupernetCommand.class,
      BenchPredictorCommand.class,
      BenchEngineCommand.class
    })
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
