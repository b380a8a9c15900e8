package org.automoe.cluster.latency;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.core.arch.Architecture;
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
    Architecture a = v.arch();
    double predicted = v.predictedMs();
    LatencySample s = v.sample();
    String referenceKey = v.referenceArch();
    double referenceNowMs = v.referenceMs();
    double typicalMs = v.typicalMs();
    double error = v.relativeError();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("predictedLatencyMs", predicted);
      out.put("measuredLatencyMs", s.totalMs());
      out.put("encoderMs", s.encoderMeanMs());
      out.put("decoderMs", s.decoderMeanMs());
      if (referenceKey != null) {
        out.put("referenceMs", referenceNowMs);
        out.put("typicalSpeedLatencyMs", typicalMs);
      }
      out.put("relativeError", error);
      out.put("arch", a.key());
      System.out.println(Json.write(out));
    } else {
      System.out.printf(
          Locale.ROOT,
          "predicted %.2f ms, measured %.2f ms (encoder %.2f + decoder %.2f, std %.2f + %.2f"
              + " over %d runs)%n",
          predicted,
          s.totalMs(),
          s.encoderMeanMs(),
          s.decoderMeanMs(),
          s.encoderStdMs(),
          s.decoderStdMs(),
          runs);
      if (referenceKey != null) {
        System.out.printf(
            Locale.ROOT,
            "reference ran at %.2f ms against %.2f ms in the training data: %.2f ms at the"
                + " typical speed%n",
            referenceNowMs,
            v.trainingReferenceMs(),
            typicalMs);
      }
      System.out.printf(Locale.ROOT, "prediction error %+.1f %%%n", 100 * error);
    }
  }
}
