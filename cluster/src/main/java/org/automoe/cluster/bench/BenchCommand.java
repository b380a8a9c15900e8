package org.automoe.cluster.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
