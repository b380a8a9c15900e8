package org.automoe.cluster.latency;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe latency measure}: a latency dataset of this machine, resumable. */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the latency of sampled architectures on this machine with HAT's protocol (batch 1,"
          + " 30-token real source, encoder then 30 cached decoder steps, 5 warm-ups, 10%% trimmed"
          + " at both ends). Rerun with the same options to resume: rows already in --out are"
          + " kept."
    })
final class LatencyMeasureCommand implements Runnable {
  @Option(names = "--space", description = "paper, small, tiny or a space file (default: small)")
  String space;

  @Option(
      names = "--supernet",
      description = "trained supernet folder (default: weights initialised from --seed)")
  Path supernet;

  @Option(names = "--corpus", description = "corpus for source sentences without --supernet")
  Path corpus;

  @Option(names = "--samples", required = true, description = "architectures to measure")
  int samples;

  @Option(names = "--out", required = true, description = "CSV to write or resume")
  Path out;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "intra-op threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--beam",
      defaultValue = "1",
      description = "1 (greedy) or a beam width such as 5 (default: ${DEFAULT-VALUE})")
  int beam;

  @Option(
      names = "--runs",
      defaultValue = "20",
      description = "timed runs per architecture (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "architecture draws (and weights without --supernet) (default: 1)")
  long seed;

  @Override
  public void run() {
    LatencyDataset.Result r =
        LatencyMeasurement.run(
            new LatencyMeasurement.Settings(
                supernet, space, corpus, samples, out, threads, beam, runs, seed));
    System.out.printf(Locale.ROOT, "%s: %d rows (%d new)%n", out, r.rows(), r.measured());
  }
}
