package org.automoe.cluster.cli;

import org.automoe.cluster.bench.BenchCommand;
import org.automoe.cluster.data.BpeCommand;
import org.automoe.cluster.data.DataCommand;
import org.automoe.cluster.latency.LatencyCommand;
import org.automoe.cluster.metric.BleuCommand;
import org.automoe.cluster.node.NodeCommand;
import org.automoe.cluster.run.RunCommand;
import org.automoe.cluster.search.SearchCommand;
import org.automoe.cluster.service.ServeCommand;
import org.automoe.cluster.space.CostCommand;
import org.automoe.cluster.space.SpaceCommand;
import org.automoe.cluster.supernet.SubnetCommand;
import org.automoe.cluster.supernet.SupernetCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

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
      ServeCommand.class,
      BenchCommand.class
    })
final class AutomoeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "print warnings and errors only (or set AUTOMOE_LOG_LEVEL=WARN)")
  void setQuiet(boolean quiet) {
    if (quiet) {
      Logging.quiet();
    }
  }

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "print debug lines too (or set AUTOMOE_LOG_LEVEL=DEBUG)")
  void setVerbose(boolean verbose) {
    if (verbose) {
      Logging.verbose();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
