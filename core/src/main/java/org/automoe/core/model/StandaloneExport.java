package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.supernet.CheckpointInfo;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.SubnetExport;
import org.automoe.core.supernet.Supernet;

/**
 * Writes a standalone model folder holding only one architecture's sliced weights, with the
 * supernet folder's vocabulary and corpus, so that it is evaluated and retrained like a supernet
 * folder.
 */
public final class StandaloneExport {
  /**
   * @param parameters the exported model's parameters
   * @param supernetParameters the parameters of the supernet it was sliced from
   */
  public record Result(Architecture arch, long parameters, long supernetParameters) {}

  private StandaloneExport() {}

  /**
   * @param dir the supernet folder
   * @param archFile the architecture to export, read against the supernet's space
   * @param checkpoint best or last; null for best when present
   * @param out the model folder to write
   */
  public static Result run(Path dir, Path archFile, String checkpoint, Path out) {
    TrainingData data = TrainingData.open(dir);
    Path from = ModelFolder.checkpoint(dir, checkpoint);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(from, data, manager);
        NDManager exportManager = NDManager.newBaseManager()) {
      Architecture a = ModelFolder.arch(archFile, net);
      try (Supernet exported = SubnetExport.export(net, a, exportManager)) {
        CheckpointInfo info = Checkpoints.info(from);
        new RunDirectory(out).write("arch.yml", HatYamlCodec.write(a));
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
        return new Result(a, exported.weights().parameterCount(), net.weights().parameterCount());
      }
    }
  }
}
