package org.automoe.cluster.search;

import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe search stop}: asks the search writing into a folder to end. The search looks for
 * the request on every tick, ends as stopped (what it found stands) and writes its report.
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description =
        "Ask the search writing into --out to end: it stops within a second, what it found"
            + " standing, and writes its report.")
final class SearchStopCommand implements Runnable {
  @Option(names = "--out", description = "the search's output folder")
  Path out;

  @Option(
      names = "--server",
      paramLabel = "HOST:PORT",
      description = "stop search --id on this server (`automoe serve`) instead")
  String server;

  @Option(names = "--id", description = "with --server: the search's id")
  String id;

  @Override
  public void run() {
    if (server != null) {
      if (id == null || out != null) {
        throw new InvalidInputException("with --server give --id ID (and no --out)");
      }
      try (RemoteSearch remote = new RemoteSearch(server)) {
        System.out.println(
            "search "
                + id
                + " on "
                + server
                + ": "
                + RemoteSearch.line(remote.stop(id).getStatus()));
      }
      return;
    }
    if (out == null) {
      throw new InvalidInputException("give --out DIR (or --server HOST:PORT --id ID)");
    }
    if (!Files.isDirectory(out)) {
      throw new InvalidInputException(out + ": no such search folder");
    }
    new RunDirectory(out).write(SearchRun.STOP_FILE, "stop requested\n");
    System.out.println(
        "asked the search in "
            + out
            + " to stop; its report will be in "
            + out.resolve("result.json"));
  }
}
