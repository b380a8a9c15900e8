package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Regularization;
import org.automoe.core.supernet.SubnetExport;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.SupernetShape;
import org.automoe.core.supernet.SupernetWeights;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * Training target tokens/s of the supernet running its largest dense subnet against a standalone
 * model of that shape (the export: same code, no slicing), and inherited-weight evaluation
 * throughput of a mid-size subnet, on the bundled corpus. The cost of weight sharing is the ratio.
 */
public final class SupernetBenchmark {
  /** Validation sentences the mid-size subnet is evaluated on. */
  static final int EVAL_SENTENCES = 500;

  /**
   * @param denseShape the largest dense subnet, trained both ways
   * @param midSubnet the subnet of median active size among 21 seeded draws
   * @param threads DJL's intra-op threads ({@code ai.djl.pytorch.num_threads}; 0 when unset)
   */
  public record Result(
      String space,
      Architecture denseShape,
      double supernetTrainTokensPerSecond,
      double standaloneTrainTokensPerSecond,
      Architecture midSubnet,
      double evalSentencesPerSecond,
      int threads) {
    /** Supernet over standalone training throughput. */
    public double ratio() {
      return supernetTrainTokensPerSecond / standaloneTrainTokensPerSecond;
    }
  }

  private SupernetBenchmark() {}

  /**
   * @param steps timed training steps each, after 3 warm-up steps
   * @param bpeFile the BPE to use; null to learn 8000 tokens on the bundled corpus
   */
  public static Result run(SearchSpace s, int steps, Path bpeFile) {
    Corpus corpus = CorpusFiles.readBundled(CorpusFiles.BUNDLED);
    Bpe bpe =
        bpeFile != null
            ? BpeFiles.read(bpeFile)
            : new BpeLearner(8000, BpeLearner.DEFAULT_MIN_CHAR_COUNT).learnJoint(corpus);
    List<Example> train = TrainingData.encode(bpe, corpus.train().subList(0, 4000));
    List<Batch> batches = new TokenBatcher(2048, 128).epoch(train, 1, 0).batches();
    List<Batch> valid =
        new TokenBatcher(4096, 256)
            .inOrder(TrainingData.encode(bpe, corpus.valid().subList(0, EVAL_SENTENCES)));
    TrainingSettings settings =
        new TrainingSettings(
            1e-4f, 1e-4f, 0, 1_000_000, 0.1f, 0.01f, 2048, new Regularization(0.1f, 0.1f, 0f));
    Architecture dense = Extremes.largest(s, true);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net =
            new Supernet(
                s, SupernetWeights.init(SupernetShape.of(s, bpe.vocabSize(), 256), 1, manager));
        NDManager exportManager = NDManager.newBaseManager();
        Supernet standalone = SubnetExport.export(net, dense, exportManager)) {
      double supernetTps = tokensPerSecond(net, dense, batches, settings, steps);
      double standaloneTps = tokensPerSecond(standalone, dense, batches, settings, steps);
      Architecture mid = midSize(s, bpe.vocabSize());
      long t0 = System.nanoTime();
      net.validationLoss(mid, valid);
      double evalSeconds = (System.nanoTime() - t0) / 1e9;
      return new Result(
          s.name(),
          dense,
          supernetTps,
          standaloneTps,
          mid,
          EVAL_SENTENCES / evalSeconds,
          Integer.getInteger("ai.djl.pytorch.num_threads", 0));
    }
  }

  /** Target tokens per second over {@code steps} updates after 3 warm-up updates. */
  private static double tokensPerSecond(
      Supernet net, Architecture a, List<Batch> batches, TrainingSettings settings, int steps) {
    for (int i = 0; i < 3; i++) {
      net.train(a, batches.get(i), settings, 1e-4f, i);
    }
    long tokens = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      tokens +=
          net.train(a, batches.get((3 + i) % batches.size()), settings, 1e-4f, 3 + i)
              .targetTokens();
    }
    return tokens / ((System.nanoTime() - t0) / 1e9);
  }

  /** The subnet of median active size among 21 seeded draws. */
  private static Architecture midSize(SearchSpace s, int vocab) {
    GenomeLayout layout = new GenomeLayout(s);
    RandomSampler sampler = new RandomSampler(layout);
    CostModel cost = new CostModel(CostSettings.of(s).withVocabSize(vocab));
    List<Architecture> draws = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      draws.add(layout.decode(sampler.sample(Seeds.rng(Seeds.derive(3, i)))));
    }
    draws.sort(Comparator.comparingLong(a -> cost.cost(a).paramsActive()));
    return draws.get(10);
  }
}
