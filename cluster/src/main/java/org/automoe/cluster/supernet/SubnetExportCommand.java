package org.automoe.cluster.supernet;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.core.model.StandaloneExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe subnet export}: a standalone model folder with only the sliced weights of one
 * architecture; {@code subnet eval} and {@code subnet train} use it like a supernet folder.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a standalone model holding only one architecture's sliced weights.")
final class SubnetExportCommand implements Runnable {
  @Option(names = "--supernet", required = true, description = "supernet folder")
  Path dir;

  @Option(names = "--arch", required = true, description = "architecture file")
  Path archFile;

  @Option(names = "--checkpoint", description = "best or last (default: best when present)")
  String checkpoint;

  @Option(names = "--out", required = true, description = "model folder to write")
  Path out;

  @Override
  public void run() {
    StandaloneExport.Result r = StandaloneExport.run(dir, archFile, checkpoint, out);
    System.out.printf(
        Locale.ROOT,
        "exported %s: %.2f M parameters (of %.2f M in the supernet) -> %s%n",
        r.arch().key(),
        r.parameters() / 1e6,
        r.supernetParameters() / 1e6,
        out);
  }
}
