package org.automoe.cluster.supernet;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import org.automoe.cluster.run.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.SubnetExport;
import org.automoe.core.supernet.Supernet;
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
    TrainingData data = TrainingData.open(dir);
    Path from = ModelFolder.checkpoint(dir, checkpoint);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(from, data, manager);
        NDManager exportManager = NDManager.newBaseManager()) {
      Architecture a = ModelFolder.arch(archFile, net);
      try (Supernet exported = SubnetExport.export(net, a, exportManager)) {
        var info = Checkpoints.info(from);
        RunDirectory folder = new RunDirectory(out);
        folder.write("arch.yml", HatYamlCodec.write(a));
        BpeFiles.write(out.resolve("bpe.txt"), data.bpe());
        CorpusFiles.write(out.resolve("corpus"), data.corpus());
        Checkpoints.save(
            out.resolve("last"),
            exported,
            0,
            info.seed(),
            info.settings(),
            data.bpeSha256(),
            Double.NaN);
        System.out.printf(
            Locale.ROOT,
            "exported %s: %.2f M parameters (of %.2f M in the supernet) -> %s%n",
            a.key(),
            exported.weights().parameterCount() / 1e6,
            net.weights().parameterCount() / 1e6,
            out);
      }
    }
  }
}
