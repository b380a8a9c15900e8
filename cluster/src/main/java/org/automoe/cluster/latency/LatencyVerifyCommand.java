package org.automoe.cluster.latency;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.automoe.cluster.cli.Json;
import org.automoe.core.latency.LatencySample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe latency verify}: predicted against really measured latency. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Measure an architecture's real latency on this machine (100 timed runs) and print it"
            + " next to the predictor's figure.")
final class LatencyVerifyCommand implements Runnable {
  @Option(names = "--model", required = true, description = "predictor file (latency train)")
  Path model;

  @Option(names = "--arch", required = true, description = "architecture file (HAT/AutoMoE YAML)")
  Path arch;

  @Option(names = "--supernet", description = "trained supernet folder (default: seeded weights)")
  Path supernet;

  @Option(names = "--space", description = "space without --supernet (default: small)")
  String space;

  @Option(names = "--corpus", description = "corpus for source sentences without --supernet")
  Path corpus;

  @Option(
      names = "--runs",
      defaultValue = "100",
      description = "timed runs (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--threads", defaultValue = "1", description = "intra-op threads (default: 1)")
  int threads;

  @Option(names = "--beam", defaultValue = "1", description = "beam width (default: 1)")
  int beam;

  @Option(names = "--seed", defaultValue = "1", description = "weights without --supernet")
  long seed;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    LatencyVerification.Result v =
        LatencyVerification.run(
            new LatencyVerification.Settings(
                model, arch, supernet, space, corpus, runs, threads, beam, seed));
    if (json) {
      System.out.println(Json.write(VerificationJson.of(v)));
      return;
    }
    LatencySample s = v.sample();
    System.out.printf(
        Locale.ROOT,
        "predicted %.2f ms, measured %.2f ms (encoder %.2f + decoder %.2f, std %.2f + %.2f"
            + " over %d runs)%n",
        v.predictedMs(),
        s.totalMs(),
        s.encoderMeanMs(),
        s.decoderMeanMs(),
        s.encoderStdMs(),
        s.decoderStdMs(),
        runs);
    if (v.referenceArch() != null) {
      System.out.printf(
          Locale.ROOT,
          "reference ran at %.2f ms against %.2f ms in the training data: %.2f ms at the"
              + " typical speed%n",
          v.referenceMs(),
          v.trainingReferenceMs(),
          v.typicalMs());
    }
    System.out.printf(Locale.ROOT, "prediction error %+.1f %%%n", 100 * v.relativeError());
  }

  /**
   * The {@code --json} object: predicted against measured latency (and its encoder and decoder
   * parts), the reference figures when the predictor has a reference architecture, and the
   * prediction's relative error.
   */
  record VerificationJson(
      double predictedLatencyMs,
      double measuredLatencyMs,
      double encoderMs,
      double decoderMs,
      OptionalDouble referenceMs,
      OptionalDouble typicalSpeedLatencyMs,
      double relativeError,
      String arch) {
    static VerificationJson of(LatencyVerification.Result v) {
      boolean referenced = v.referenceArch() != null;
      LatencySample s = v.sample();
      return new VerificationJson(
          v.predictedMs(),
          s.totalMs(),
          s.encoderMeanMs(),
          s.decoderMeanMs(),
          referenced ? OptionalDouble.of(v.referenceMs()) : OptionalDouble.empty(),
          referenced ? OptionalDouble.of(v.typicalMs()) : OptionalDouble.empty(),
          v.relativeError(),
          v.arch().key());
    }
  }
}
