package org.automoe.cluster.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.model.SupernetBenchmark;
import org.automoe.core.space.SearchSpace;
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
    SupernetBenchmark.Result r = SupernetBenchmark.run(s, steps, bpeFile);
    System.out.println(
        json
            ? Json.write(ThroughputJson.of(r))
            : String.format(
                Locale.ROOT,
                "training, largest dense shape: supernet %.0f target tokens/s, standalone %.0f, ratio %.3f%n"
                    + "inherited-weight evaluation, mid-size subnet: %.1f sentences/s (500 validation sentences)",
                r.supernetTrainTokensPerSecond(),
                r.standaloneTrainTokensPerSecond(),
                r.ratio(),
                r.evalSentencesPerSecond()));
  }

  /**
   * The {@code --json} object: the space, the dense shape's training throughput as supernet and as
   * standalone model with their ratio, the mid-size subnet's evaluation throughput, and DJL's
   * threads.
   */
  record ThroughputJson(
      String space,
      String denseShape,
      double supernetTrainTokensPerSecond,
      double standaloneTrainTokensPerSecond,
      double ratio,
      String midSubnet,
      double evalSentencesPerSecond,
      int threads) {
    static ThroughputJson of(SupernetBenchmark.Result r) {
      return new ThroughputJson(
          r.space(),
          r.denseShape().key(),
          r.supernetTrainTokensPerSecond(),
          r.standaloneTrainTokensPerSecond(),
          r.ratio(),
          r.midSubnet().key(),
          r.evalSentencesPerSecond(),
          r.threads());
    }
  }
}
