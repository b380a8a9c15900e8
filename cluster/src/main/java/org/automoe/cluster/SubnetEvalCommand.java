package org.automoe.cluster;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Example;
import org.automoe.core.data.ParallelPair;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.metric.Bleu;
import org.automoe.core.metric.BleuScore;
import org.automoe.core.metric.BleuSettings;
import org.automoe.core.supernet.BeamSearch;
import org.automoe.core.supernet.Supernet;
import org.automoe.core.supernet.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe subnet eval}: validation loss with inherited weights, greedy translation of the
 * test split, BLEU, and the decoded text.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Validation loss, greedy translation of the test split and BLEU of one architecture.")
final class SubnetEvalCommand implements Runnable {
  @Option(
      names = "--supernet",
      required = true,
      description = "supernet (or exported model) folder")
  Path dir;

  @Option(names = "--arch", required = true, description = "architecture file")
  Path archFile;

  @Option(names = "--checkpoint", description = "best or last (default: best when present)")
  String checkpoint;

  @Option(names = "--test-sentences", description = "translate only the first N test sentences")
  Integer testSentences;

  @Option(
      names = "--hyp-out",
      description = "decoded text file (default: DIR/eval/<arch name>.hyp)")
  Path hypOut;

  @Option(
      names = "--beam",
      defaultValue = "1",
      description = "beam width; 1 is greedy (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    TrainingData data = TrainingData.open(dir);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(ModelFolder.checkpoint(dir, checkpoint), data, manager)) {
      Architecture a = ModelFolder.arch(archFile, net);
      long t0 = System.nanoTime();
      List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
      double validLoss = net.validationLoss(a, new TokenBatcher(4096, 256).inOrder(valid));
      long t1 = System.nanoTime();
      List<ParallelPair> test = data.corpus().test();
      if (testSentences != null) {
        test = test.subList(0, Math.min(testSentences, test.size()));
      }
      List<int[]> sources = test.stream().map(p -> data.bpe().encode(p.source())).toList();
      List<String> hyps = new ArrayList<>();
      List<int[]> translated =
          beam > 1
              ? new BeamSearch(net, a, beam).translate(sources)
              : new Translator(net, a).translate(sources, 2048);
      for (int[] ids : translated) {
        hyps.add(data.bpe().decode(ids));
      }
      long t2 = System.nanoTime();
      List<String> refs = test.stream().map(ParallelPair::target).toList();
      BleuScore bleu = Bleu.corpus(hyps, List.of(refs), BleuSettings.SACREBLEU);
      Path hyp = hypOut != null ? hypOut : dir.resolve("eval").resolve(stem(archFile) + ".hyp");
      write(hyp, hyps);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", archFile.toString());
      m.put("key", a.key());
      m.put("validLoss", validLoss);
      m.put("validSentences", valid.size());
      m.put("bleu", bleu.score());
      m.put("bleuSignature", bleu.signature());
      m.put("testSentences", test.size());
      m.put("beam", beam);
      m.put("translationSentencesPerSecond", test.size() / ((t2 - t1) / 1e9));
      m.put("validationSeconds", (t1 - t0) / 1e9);
      m.put("hypotheses", hyp.toString());
      System.out.println(
          json
              ? Json.write(m)
              : String.format(
                  Locale.ROOT,
                  "validation loss %.4f nats/token (%d sentences)%nBLEU %.2f on %d test sentences (%s)%ntranslation %.1f sentences/s; hypotheses in %s",
                  validLoss,
                  valid.size(),
                  bleu.score(),
                  test.size(),
                  bleu.signature(),
                  m.get("translationSentencesPerSecond"),
                  hyp));
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
