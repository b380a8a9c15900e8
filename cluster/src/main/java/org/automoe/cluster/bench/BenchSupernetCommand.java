package org.automoe.cluster.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.run.RunBpe;
import org.automoe.cluster.run.RunCorpus;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.cluster.supernet.TrainingData;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe bench supernet}: training target tokens/s of the supernet running its largest
 * dense subnet against a standalone model of that shape (the export: same code, no slicing), and
 * inherited-weight evaluation throughput of a mid-size subnet. One DJL thread (the launcher's
 * setting).
 */
@Command(
    name = "supernet",
    mixinStandardHelpOptions = true,
    description = "Supernet training and evaluation throughput.")
final class BenchSupernetCommand implements Runnable {
  @Option(
      names = "--space",
      defaultValue = "small",
      description = "space (default: ${DEFAULT-VALUE})")
  String space;

  @Option(
      names = "--steps",
      defaultValue = "20",
      description = "timed training steps each (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(
      names = "--bpe",
      description = "BPE file (default: learn 8000 tokens on the bundled corpus)")
  Path bpeFile;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    SearchSpace s = SpaceFiles.resolve(space);
    Corpus corpus = CorpusFiles.readBundled(RunCorpus.BUNDLED);
    Bpe bpe =
        bpeFile != null
            ? BpeFiles.read(bpeFile)
            : new BpeLearner(8000, RunBpe.MIN_CHAR_COUNT).learnJoint(corpus);
    List<Example> train = TrainingData.encode(bpe, corpus.train().subList(0, 4000));
    List<Batch> batches = new TokenBatcher(2048, 128).epoch(train, 1, 0).batches();
    List<Batch> valid =
        new TokenBatcher(4096, 256)
            .inOrder(TrainingData.encode(bpe, corpus.valid().subList(0, 500)));
    TrainingSettings settings =
        new TrainingSettings(
            1e-4f, 1e-4f, 0, 1_000_000, 0.1f, 0.01f, 2048, new Regularization(0.1f, 0.1f, 0f));
    Architecture dense = Extremes.largest(s, true);
    Map<String, Object> m = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net =
            new Supernet(
                s, SupernetWeights.init(SupernetShape.of(s, bpe.vocabSize(), 256), 1, manager));
        NDManager exportManager = NDManager.newBaseManager();
        Supernet standalone = SubnetExport.export(net, dense, exportManager)) {
      double supernetTps = tokensPerSecond(net, dense, batches, settings);
      double standaloneTps = tokensPerSecond(standalone, dense, batches, settings);
      Architecture mid = midSize(s, bpe.vocabSize());
      long t0 = System.nanoTime();
      net.validationLoss(mid, valid);
      double evalSeconds = (System.nanoTime() - t0) / 1e9;
      m.put("space", s.name());
      m.put("denseShape", dense.key());
      m.put("supernetTrainTokensPerSecond", supernetTps);
      m.put("standaloneTrainTokensPerSecond", standaloneTps);
      m.put("ratio", supernetTps / standaloneTps);
      m.put("midSubnet", mid.key());
      m.put("evalSentencesPerSecond", 500 / evalSeconds);
      m.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", 0));
    }
    System.out.println(
        json
            ? Json.write(m)
            : String.format(
                Locale.ROOT,
                "training, largest dense shape: supernet %.0f target tokens/s, standalone %.0f, ratio %.3f%n"
                    + "inherited-weight evaluation, mid-size subnet: %.1f sentences/s (500 validation sentences)",
                m.get("supernetTrainTokensPerSecond"),
                m.get("standaloneTrainTokensPerSecond"),
                m.get("ratio"),
                m.get("evalSentencesPerSecond")));
  }

  /** Target tokens per second over {@code steps} updates after 3 warm-up updates. */
  private double tokensPerSecond(
      Supernet net, Architecture a, List<Batch> batches, TrainingSettings settings) {
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
