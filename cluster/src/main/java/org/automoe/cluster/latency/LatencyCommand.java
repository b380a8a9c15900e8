package org.automoe.cluster.latency;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code automoe latency}: measure latency on this node, train and use the latency predictor. */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    description = "Measure latency on this hardware; train, use and check the latency predictor.",
    subcommands = {
      LatencyMeasureCommand.class,
      LatencyTrainCommand.class,
      LatencyPredictCommand.class,
      LatencyVerifyCommand.class
    })
public final class LatencyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
