package org.automoe.cluster.metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.TextLines;
import org.automoe.core.metric.Bleu;
import org.automoe.core.metric.BleuScore;
import org.automoe.core.metric.BleuSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe bleu}: sacreBLEU-compatible corpus BLEU of a hypothesis file. */
@Command(
    name = "bleu",
    mixinStandardHelpOptions = true,
    description =
        "Corpus BLEU of a hypothesis file against one or more references (sacreBLEU 2.x).")
public final class BleuCommand implements Runnable {
  @Option(names = "--hyp", required = true, description = "hypotheses, one segment per line")
  Path hyp;

  @Option(
      names = "--ref",
      required = true,
      description = "references aligned with the hypotheses; repeat for several")
  List<Path> refs;

  @Option(names = "--tokenize", defaultValue = "13a", description = "13a or none (default: 13a)")
  String tokenize;

  @Option(names = "--lowercase", description = "compare lowercased text")
  boolean lowercase;

  @Option(
      names = "--smooth",
      defaultValue = "exp",
      description = "exp, floor, add-k or none (default: exp)")
  String smooth;

  @Option(names = "--smooth-value", description = "floor value (0.1) or k (1)")
  Double smoothValue;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    BleuSettings s =
        new BleuSettings(
            tokenize, lowercase, smooth, smoothValue == null ? Double.NaN : smoothValue, false);
    List<String> hyps = TextLines.read(hyp).requireValid();
    List<List<String>> streams = new ArrayList<>();
    for (Path ref : refs) {
      List<String> lines = TextLines.read(ref).requireValid();
      if (lines.size() != hyps.size()) {
        throw new InvalidInputException(
            ref + ": has " + lines.size() + " lines, but " + hyp + " has " + hyps.size());
      }
      streams.add(lines);
    }
    BleuScore b = Bleu.corpus(hyps, streams, s);
    System.out.println(json ? Json.write(BleuJson.of(b)) : human(b));
  }

  /**
   * The {@code --json} object: the fields of {@link BleuScore}, but with the lengths before the
   * brevity penalty, the order scripts have always seen.
   */
  record BleuJson(
      double score,
      List<Long> counts,
      List<Long> totals,
      List<Double> precisions,
      long sysLen,
      long refLen,
      double bp,
      String signature) {
    static BleuJson of(BleuScore b) {
      return new BleuJson(
          b.score(),
          b.counts(),
          b.totals(),
          b.precisions(),
          b.sysLen(),
          b.refLen(),
          b.bp(),
          b.signature());
    }
  }

  /** sacreBLEU's text format. */
  private static String human(BleuScore b) {
    List<String> p =
        b.precisions().stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList();
    double ratio = b.refLen() == 0 ? 0 : (double) b.sysLen() / b.refLen();
    return String.format(
        Locale.ROOT,
        "BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)%n%s",
        b.score(),
        String.join("/", p),
        b.bp(),
        ratio,
        b.sysLen(),
        b.refLen(),
        b.signature());
  }
}
