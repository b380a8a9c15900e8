package org.automoe.cluster;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.latency.Hardware;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.latency.LatencyMeter;
import org.automoe.core.latency.LatencyProtocol;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.latency.MeasurementPlan;
import org.automoe.core.space.SearchSpace;
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
    MeasurementSetup.threads(threads);
    LatencyProtocol protocol = LatencyProtocol.hat(runs, beam);
    Set<String> done = new HashSet<>();
    Map<String, String> previous = Map.of();
    if (Files.exists(out)) {
      LatencyCsv.Dataset existing = LatencyCsv.read(out);
      previous = existing.metadata();
      for (LatencyRecord r : existing.rows()) {
        if (r.architecture() != null) {
          done.add(r.architecture().key());
        }
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      MeasurementSetup setup = MeasurementSetup.open(supernet, space, corpus, seed, manager);
      try (var net = setup.net()) {
        SearchSpace s = net.space();
        Map<String, String> metadata = metadata(s, setup.weights());
        requireSameRun(previous, metadata);
        List<Architecture> plan = MeasurementPlan.of(s, samples, seed);
        LatencyMeter meter = new LatencyMeter(net, setup.sentences(), protocol);
        long todo = plan.stream().filter(a -> !done.contains(a.key())).count();
        System.err.printf(
            Locale.ROOT,
            "measuring %d architectures of space '%s' (%d already in %s), %d threads, beam %d,"
                + " %d windows of real source text%n",
            todo,
            s.name(),
            plan.size() - todo,
            out,
            threads,
            beam,
            meter.sourceCount());
        String hardware = Hardware.describe();
        long start = System.nanoTime();
        int measured = 0;
        try (LatencyCsv.Appender appender = new LatencyCsv.Appender(out, metadata)) {
          for (Architecture a : plan) {
            if (done.contains(a.key())) {
              continue;
            }
            LatencySample sample = meter.measure(a, hardware, threads);
            appender.append(sample);
            measured++;
            if (measured % 10 == 0 || measured == todo) {
              double perArch = (System.nanoTime() - start) / 1e9 / measured;
              System.err.printf(
                  Locale.ROOT,
                  "  %d/%d  last %.2f ms (encoder %.2f + decoder %.2f)  %.1f s each  ETA %s%n",
                  measured,
                  todo,
                  sample.totalMs(),
                  sample.encoderMeanMs(),
                  sample.decoderMeanMs(),
                  perArch,
                  org.automoe.core.Durations.format((todo - measured) * perArch));
            }
          }
        }
        System.out.printf(
            Locale.ROOT, "%s: %d rows (%d new)%n", out, plan.size() - todo + measured, measured);
      }
    }
  }

  private Map<String, String> metadata(SearchSpace s, String weights) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("automoe-latency-dataset", "1");
    m.put("space", s.name());
    m.put("qkv-dim", String.valueOf(s.qkvDim()));
    m.put("vocab-size", String.valueOf(s.vocabSize()));
    m.put("seed", String.valueOf(seed));
    m.put("beam", String.valueOf(beam));
    m.put("threads", String.valueOf(threads));
    m.put(
        "protocol",
        "batch 1, 30-token source from the validation split, encoder then 30 cached decoder"
            + " steps, 5 warm-ups, "
            + runs
            + " timed runs, 10 % trimmed at each end, latency in ms");
    m.put("weights", weights);
    m.put("hardware", Hardware.describe());
    m.put("software", Versions.describe());
    m.put("started", Instant.now().toString());
    return m;
  }

  /** A resumed file must have been measured the same way, or its rows would mix. */
  private void requireSameRun(Map<String, String> previous, Map<String, String> now) {
    if (previous.isEmpty()) {
      return;
    }
    for (String key : List.of("space", "seed", "beam", "threads", "protocol", "weights")) {
      if (previous.containsKey(key) && !previous.get(key).equals(now.get(key))) {
        throw new InvalidInputException(
            out
                + ": measured with "
                + key
                + " '"
                + previous.get(key)
                + "', now '"
                + now.get(key)
                + "'; use the same options to resume, or another --out");
      }
    }
  }
}
