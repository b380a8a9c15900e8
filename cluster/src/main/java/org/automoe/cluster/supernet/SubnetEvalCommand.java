package org.automoe.cluster.supernet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.core.model.SubnetEvaluation;
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
    SubnetEvaluation.Result r =
        SubnetEvaluation.run(dir, archFile, checkpoint, testSentences, beam, hypOut);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", archFile.toString());
    m.put("key", r.arch().key());
    m.put("validLoss", r.validLoss());
    m.put("validSentences", r.validSentences());
    m.put("bleu", r.bleu().score());
    m.put("bleuSignature", r.bleu().signature());
    m.put("testSentences", r.testSentences());
    m.put("beam", beam);
    m.put("translationSentencesPerSecond", r.translationSentencesPerSecond());
    m.put("validationSeconds", r.validationSeconds());
    m.put("hypotheses", r.hypotheses().toString());
    System.out.println(
        json
            ? Json.write(m)
            : String.format(
                Locale.ROOT,
                "validation loss %.4f nats/token (%d sentences)%nBLEU %.2f on %d test sentences (%s)%ntranslation %.1f sentences/s; hypotheses in %s",
                r.validLoss(),
                r.validSentences(),
                r.bleu().score(),
                r.testSentences(),
                r.bleu().signature(),
                r.translationSentencesPerSecond(),
                r.hypotheses()));
  }
}
