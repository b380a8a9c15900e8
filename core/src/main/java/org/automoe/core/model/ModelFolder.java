package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.supernet.CheckpointInfo;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.Supernet;

/**
 * A supernet or standalone-model folder: {@code bpe.txt}, {@code corpus/}, checkpoints {@code
 * best/} and {@code last/}, and for standalone models {@code arch.yml}.
 */
public final class ModelFolder {
  private ModelFolder() {}

  /** The checkpoint to use: {@code best/} when present, else {@code last/}, or the one named. */
  public static Path checkpoint(Path dir, String which) {
    Path p =
        dir.resolve(
            which != null ? which : Files.isDirectory(dir.resolve("best")) ? "best" : "last");
    if (!Files.isDirectory(p)) {
      throw new InvalidInputException(
          dir + ": no checkpoint '" + p.getFileName() + "' (train it first, or pass --checkpoint)");
    }
    return p;
  }

  /** Loads a checkpoint, checking it was trained with the folder's vocabulary. */
  public static Supernet load(Path checkpoint, TrainingData data, NDManager manager) {
    CheckpointInfo info = Checkpoints.info(checkpoint);
    if (!info.bpeSha256().equals(data.bpeSha256())) {
      throw new InvalidInputException(
          checkpoint
              + ": trained with another BPE vocabulary than "
              + checkpoint.getParent().resolve("bpe.txt"));
    }
    return Checkpoints.load(checkpoint, manager);
  }

  /** Reads an architecture file against the space of a loaded model. */
  public static Architecture arch(Path file, Supernet net) {
    return HatYamlCodec.read(file, net.space());
  }
}
