package org.automoe.cluster.search;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Batch;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.model.ModelFolder;
import org.automoe.core.model.TrainingData;
import org.automoe.core.search.Evaluator;
import org.automoe.core.supernet.Supernet;

/**
 * What a search needs on a node, loaded once: the trained supernet (read-only, shared by the node's
 * evaluators), the validation batches of the fitness, the cost model and, when given, the latency
 * predictor (used by the coordinator only: it is not thread-safe).
 */
public final class SearchSetup implements AutoCloseable {
  private final NDManager manager;
  private final Supernet net;
  private final List<Batch> valid;
  private final List<int[]> sources;
  private final CostModel cost;
  private final LatencyPredictor predictor;
  private final String fingerprint;

  private SearchSetup(
      NDManager manager,
      Supernet net,
      List<Batch> valid,
      List<int[]> sources,
      CostModel cost,
      LatencyPredictor predictor,
      String fingerprint) {
    this.fingerprint = fingerprint;
    this.manager = manager;
    this.net = net;
    this.valid = valid;
    this.sources = sources;
    this.cost = cost;
    this.predictor = predictor;
  }

  /**
   * @param supernet a trained supernet folder (bpe.txt, corpus/, best/ or last/)
   * @param predictor a saved latency predictor, or null
   * @param validSentences validation sentences of the fitness
   */
  public static SearchSetup open(Path supernet, Path predictor, int validSentences) {
    if (!Files.isDirectory(supernet)) {
      throw new InvalidInputException(supernet + ": no supernet folder (train one first)");
    }
    if (predictor != null && !Files.isRegularFile(predictor)) {
      throw new InvalidInputException(predictor + ": no latency predictor file");
    }
    if (validSentences < 1) {
      throw new InvalidInputException("valid sentences must be at least 1");
    }
    TrainingData data = TrainingData.open(supernet);
    NDManager manager = NDManager.newBaseManager();
    try {
      Path checkpoint = ModelFolder.checkpoint(supernet, null);
      Supernet net = ModelFolder.load(checkpoint, data, manager);
      String fingerprint = fingerprint(checkpoint);
      var examples = TrainingData.encode(data.bpe(), data.corpus().valid());
      List<Batch> valid =
          new TokenBatcher(4096, 256)
              .inOrder(examples.subList(0, Math.min(validSentences, examples.size())));
      CostModel cost =
          new CostModel(CostSettings.of(net.space()).withVocabSize(data.bpe().vocabSize()));
      LatencyPredictor p = predictor == null ? null : LatencyPredictor.load(predictor);
      List<int[]> sources = examples.stream().map(e -> e.source()).toList();
      return new SearchSetup(manager, net, valid, sources, cost, p, fingerprint);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The first 16 hex digits of the SHA-256 of the checkpoint's files: coordinator and workers must
   * search the same weights.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprint(Path checkpoint) {
    try (var files = Files.list(checkpoint)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("weights")).sorted().toList()) {
        sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        try (var in = Files.newInputStream(f)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new InvalidInputException(checkpoint + ": cannot read the weights: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Supernet net() {
    return net;
  }

  /** Validation source sentences (token ids): the text latency measurements decode. */
  public List<int[]> sources() {
    return sources;
  }

  /** The predictor's metadata, or null without one. */
  public LatencyPredictor.Metadata predictorMetadata() {
    return predictor == null ? null : predictor.metadata();
  }

  public CostModel cost() {
    return cost;
  }

  /** The fitness: validation loss with inherited weights; safe to call from several threads. */
  public Evaluator evaluator() {
    return c -> net.validationLoss(c.architecture(), valid);
  }

  /** The latency predictor, or {@link LatencyEstimator#NONE}. */
  LatencyEstimator latency() {
    return predictor == null ? LatencyEstimator.NONE : predictor;
  }

  boolean hasPredictor() {
    return predictor != null;
  }

  @Override
  public void close() {
    if (predictor != null) {
      predictor.close();
    }
    net.close();
    manager.close();
  }
}
