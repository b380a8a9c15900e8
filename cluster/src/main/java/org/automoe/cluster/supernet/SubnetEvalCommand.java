package org.automoe.cluster.supernet;

import java.nio.file.Path;
import java.util.Locale;
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
    System.out.println(
        json
            ? Json.write(EvalJson.of(archFile, beam, r))
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

  /**
   * The {@code --json} object: the architecture, its validation loss, BLEU with its signature, the
   * decoding settings and speed, and where the hypotheses are.
   */
  record EvalJson(
      String arch,
      String key,
      double validLoss,
      int validSentences,
      double bleu,
      String bleuSignature,
      int testSentences,
      int beam,
      double translationSentencesPerSecond,
      double validationSeconds,
      Path hypotheses) {
    static EvalJson of(Path archFile, int beam, SubnetEvaluation.Result r) {
      return new EvalJson(
          archFile.toString(),
          r.arch().key(),
          r.validLoss(),
          r.validSentences(),
          r.bleu().score(),
          r.bleu().signature(),
          r.testSentences(),
          beam,
          r.translationSentencesPerSecond(),
          r.validationSeconds(),
          r.hypotheses());
    }
  }
}
