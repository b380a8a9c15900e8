package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.data.Example;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one architecture on its own in a model folder, from scratch or from weights inherited from
 * a supernet folder; run again on the same folder, it resumes from {@code last/}.
 */
public final class SubnetTraining {
  /**
   * @param archFile the architecture, read against the model's space
   * @param space the space of a model trained from scratch; unused with {@code from}
   * @param from supernet folder to inherit weights and vocabulary from; null for from scratch
   * @param out the model folder, resumed when it holds a {@code last/} checkpoint
   * @param corpus corpus folder; null for {@code from}'s corpus, else the bundled one
   * @param vocab BPE vocabulary to learn without {@code from}
   */
  public record Settings(
      Path archFile,
      SearchSpace space,
      Path from,
      Path out,
      Path corpus,
      int vocab,
      TrainingSettings training,
      SupernetTrainer.Config config) {
    public Settings {
      Objects.requireNonNull(archFile, "archFile");
      Objects.requireNonNull(out, "out");
      if (space == null && from == null) {
        throw new IllegalArgumentException("training from scratch needs a space");
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(SubnetTraining.class);

  private SubnetTraining() {}

  /** Trains to the end (or resumes); logs where it starts and its progress. */
  public static SupernetTrainer.Result run(Settings s) {
    Path bpe = s.from() != null ? s.from().resolve("bpe.txt") : null;
    Path corpusDir =
        s.corpus() != null ? s.corpus() : s.from() != null ? s.from().resolve("corpus") : null;
    TrainingData data = TrainingData.prepare(s.out(), corpusDir, bpe, s.vocab());
    List<Example> train = TrainingData.encode(data.bpe(), data.corpus().train());
    List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
    try (NDManager manager = NDManager.newBaseManager()) {
      StandaloneModel.Opened opened =
          StandaloneModel.open(
              s.out(),
              manager,
              source -> origin(s, data, source),
              space -> HatYamlCodec.read(s.archFile(), space));
      try (Supernet model = opened.model()) {
        logStart(s, opened.arch(), opened.start(), model.weights().parameterCount());
        return new SupernetTrainer(model, s.training(), s.config(), s.out(), data.bpeSha256())
            .fixed(opened.arch())
            .run(train, valid, opened.start());
      }
    }
  }

  private static void logStart(Settings s, Architecture arch, long step, long parameters) {
    if (step > 0) {
      LOG.info(
          "resuming {} from step {} of {}",
          s.out().resolve("last"),
          step,
          s.training().totalSteps());
    } else {
      LOG.info(
          String.format(
              Locale.ROOT,
              "training %s standalone (%s): %.2f M parameters",
              arch.key(),
              s.from() != null ? "inherited from " + s.from() : "from scratch",
              parameters / 1e6));
    }
  }

  /** The supernet to slice from: trained (inheritance) or freshly initialised (from scratch). */
  private static Supernet origin(Settings s, TrainingData data, NDManager manager) {
    if (s.from() != null) {
      return ModelFolder.load(ModelFolder.checkpoint(s.from(), null), data, manager);
    }
    return new Supernet(
        s.space(),
        SupernetWeights.init(
            SupernetShape.of(s.space(), data.bpe().vocabSize(), 256), s.config().seed(), manager));
  }
}
