package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.data.Example;
import org.automoe.core.data.ParallelPair;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.metric.Bleu;
import org.automoe.core.metric.BleuScore;
import org.automoe.core.metric.BleuSettings;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.decode.BeamSearch;
import org.automoe.core.supernet.decode.Translator;

/**
 * Evaluates one architecture of a model folder: validation loss with inherited weights, translation
 * of the test split, sacreBLEU, and the hypotheses written to a file.
 */
public final class SubnetEvaluation {
  /** What an evaluation measured. */
  public record Result(
      Architecture arch,
      double validLoss,
      int validSentences,
      BleuScore bleu,
      int testSentences,
      double translationSentencesPerSecond,
      double validationSeconds,
      Path hypotheses) {}

  private SubnetEvaluation() {}

  public static Result run(
      Path dir, Path archFile, String checkpoint, Integer testSentences, int beam, Path hypOut) {
    TrainingData data = TrainingData.open(dir);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(ModelFolder.checkpoint(dir, checkpoint), data, manager)) {
      Architecture a = HatYamlCodec.read(archFile, net.space());
      long t0 = System.nanoTime();
      List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
      double validLoss = net.validationLoss(a, new TokenBatcher(4096, 256).inOrder(valid));
      long t1 = System.nanoTime();
      List<ParallelPair> test = data.corpus().test();
      if (testSentences != null) {
        test = test.subList(0, Math.min(testSentences, test.size()));
      }
      List<int[]> sources = test.stream().map(p -> data.bpe().encode(p.source())).toList();
      List<int[]> translated =
          beam > 1
              ? new BeamSearch(net, a, beam).translate(sources)
              : new Translator(net, a).translate(sources, 2048);
      List<String> hyps = new ArrayList<>();
      translated.forEach(ids -> hyps.add(data.bpe().decode(ids)));
      long t2 = System.nanoTime();
      BleuScore bleu =
          Bleu.corpus(
              hyps,
              List.of(test.stream().map(ParallelPair::target).toList()),
              BleuSettings.SACREBLEU);
      Path hyp = hypOut != null ? hypOut : dir.resolve("eval").resolve(stem(archFile) + ".hyp");
      write(hyp, hyps);
      return new Result(
          a,
          validLoss,
          valid.size(),
          bleu,
          test.size(),
          test.size() / ((t2 - t1) / 1e9),
          (t1 - t0) / 1e9,
          hyp);
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static void write(Path file, List<String> lines) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
