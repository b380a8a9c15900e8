package org.automoe.cluster.latency;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.Example;
import org.automoe.core.model.ModelFolder;
import org.automoe.core.model.TrainingData;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.CheckpointInfo;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;

/**
 * What a latency measurement runs on: a trained supernet (its weights route tokens as they will in
 * use) or, without one, weights initialised from the seed over a BPE learned on the corpus; and the
 * validation sentences that feed it. Shared by {@code latency measure} and {@code verify}.
 *
 * @param weights how the weights came about, for the dataset's metadata
 */
public record MeasurementSetup(Supernet net, List<int[]> sentences, String weights) {

  /** Sets the engine's threads; must run before the first DJL call of the process. */
  static void threads(int threads) {
    if (threads < 1) {
      throw new InvalidInputException("--threads must be at least 1, but was " + threads);
    }
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }

  public static MeasurementSetup open(
      Path supernet, String spaceName, Path corpusDir, long seed, NDManager manager) {
    if (supernet != null) {
      TrainingData data = TrainingData.open(supernet);
      Path checkpoint = ModelFolder.checkpoint(supernet, null);
      Supernet net = ModelFolder.load(checkpoint, data, manager);
      if (spaceName != null && !SpaceFiles.resolve(spaceName).equals(net.space())) {
        net.close();
        throw new InvalidInputException(
            "--space " + spaceName + " differs from the space of " + supernet);
      }
      CheckpointInfo info = Checkpoints.info(checkpoint);
      return new MeasurementSetup(
          net,
          sources(data.bpe(), data.corpus()),
          "supernet " + supernet.toAbsolutePath().normalize() + " step " + info.step());
    }
    SearchSpace space = SpaceFiles.resolve(spaceName == null ? "small" : spaceName);
    Corpus corpus =
        corpusDir == null
            ? CorpusFiles.readBundled(CorpusFiles.BUNDLED)
            : CorpusFiles.read(corpusDir);
    Bpe bpe =
        new BpeLearner(space.vocabSize(), BpeLearner.DEFAULT_MIN_CHAR_COUNT).learnJoint(corpus);
    Supernet net =
        new Supernet(
            space,
            SupernetWeights.init(SupernetShape.of(space, bpe.vocabSize(), 256), seed, manager));
    return new MeasurementSetup(
        net, sources(bpe, corpus), "initialised from seed " + seed + " (no --supernet)");
  }

  private static List<int[]> sources(Bpe bpe, Corpus corpus) {
    return TrainingData.encode(bpe, corpus.valid()).stream().map(Example::source).toList();
  }
}
