package org.automoe.cluster.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar and of the {@code automoe} launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code: 0 ok, 2 bad input, 1 internal error. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new AutomoeCommand());
    cli.setExecutionExceptionHandler(new CliErrors());
    cli.setParameterExceptionHandler(new CliErrors());
    return cli.execute(args);
  }
}
