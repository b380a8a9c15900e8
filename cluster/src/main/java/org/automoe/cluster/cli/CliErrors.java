package org.automoe.cluster.cli;

import java.io.PrintWriter;
import org.automoe.cluster.node.NodeLostException;
import org.automoe.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr: bad input exits 2 and names what is wrong; a worker node
 * that left its cluster unasked exits 3; anything else exits 1. Set {@code AUTOMOE_DEBUG=1} to also
 * print the stack trace of internal errors.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL = 1;

  /** A worker node left its cluster unasked; a supervisor should start it again. */
  public static final int NODE_LOST = 3;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof InvalidInputException) {
      err.println("automoe: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof NodeLostException) {
      err.println("automoe: " + e.getMessage());
      return NODE_LOST;
    }
    err.println("automoe: internal error: " + e);
    if (System.getenv("AUTOMOE_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("automoe: run again with AUTOMOE_DEBUG=1 for the stack trace");
    }
    return INTERNAL;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr()
        .println(
            "automoe: "
                + e.getMessage()
                + " (see '"
                + cmd.getCommandSpec().qualifiedName()
                + " --help')");
    return BAD_INPUT;
  }
}
