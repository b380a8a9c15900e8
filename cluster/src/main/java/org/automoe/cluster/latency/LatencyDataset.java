package org.automoe.cluster.latency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.automoe.cluster.cli.Versions;
import org.automoe.core.Durations;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.latency.Hardware;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.latency.LatencyMeter;
import org.automoe.core.latency.LatencyProtocol;
import org.automoe.core.latency.LatencyRecord;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.latency.MeasurementPlan;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Supernet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a latency dataset into a CSV, resuming a file measured the same way (its rows are kept
 * and not measured again). Shared by {@code latency measure} and the latency stage of {@code run}.
 */
public final class LatencyDataset {
  private static final Logger LOG = LoggerFactory.getLogger(LatencyDataset.class);

  /** Untimed decoding before the first timed architecture (less for a handful of rows). */
  static final double WARM_UP_SECONDS = 20;

  /** Timed runs of the reference architecture before each row (after the protocol's warm-ups). */
  static final int REFERENCE_RUNS = 10;

  /** Metadata key naming the reference architecture. */
  static final String REFERENCE_ARCH = "reference-arch";

  private LatencyDataset() {}

  record Result(int rows, int measured) {}

  public static Result measure(
      Path out,
      Supernet net,
      MeasurementSetup setup,
      LatencyProtocol protocol,
      int samples,
      long seed,
      int threads) {
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
    SearchSpace s = net.space();
    // The smallest architecture: cheap to time before every row (about a fifth of a row's time).
    Architecture reference = Extremes.smallest(s);
    Map<String, String> metadata = metadata(s, setup.weights(), protocol, seed, threads, reference);
    requireSameRun(out, previous, metadata);
    List<Architecture> plan = MeasurementPlan.of(s, samples, seed);
    LatencyMeter meter = new LatencyMeter(net, setup.sentences(), protocol);
    LatencyMeter referenceMeter =
        new LatencyMeter(
            net, setup.sentences(), LatencyProtocol.hat(REFERENCE_RUNS, protocol.beam()));
    int todo = (int) plan.stream().filter(a -> !done.contains(a.key())).count();
    LOG.info(
        String.format(
            Locale.ROOT,
            "measuring %d architectures of space '%s' (%d already in %s), %d threads, beam %d,"
                + " %d windows of real source text",
            todo,
            s.name(),
            plan.size() - todo,
            out,
            threads,
            protocol.beam(),
            meter.sourceCount()));
    String hardware = Hardware.describe();
    if (todo > 0) {
      meter.warmUp(Extremes.largest(s, false), Math.min(WARM_UP_SECONDS, 0.2 * todo));
    }
    long start = System.nanoTime();
    int measured = 0;
    try (LatencyCsv.Appender appender = new LatencyCsv.Appender(out, metadata)) {
      for (Architecture a : plan) {
        if (done.contains(a.key())) {
          continue;
        }
        double referenceMs = referenceMeter.measure(reference, hardware, threads).totalMs();
        LatencySample sample = meter.measure(a, hardware, threads);
        appender.append(sample, referenceMs);
        measured++;
        if (measured % 25 == 0 || measured == todo) {
          double perArch = (System.nanoTime() - start) / 1e9 / measured;
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "%d/%d  last %.2f ms (encoder %.2f + decoder %.2f, reference %.2f)  %.2f s"
                      + " each  ETA %s",
                  measured,
                  todo,
                  sample.totalMs(),
                  sample.encoderMeanMs(),
                  sample.decoderMeanMs(),
                  referenceMs,
                  perArch,
                  Durations.format((todo - measured) * perArch)));
        }
      }
    }
    return new Result(plan.size() - todo + measured, measured);
  }

  private static Map<String, String> metadata(
      SearchSpace s,
      String weights,
      LatencyProtocol p,
      long seed,
      int threads,
      Architecture reference) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("automoe-latency-dataset", "1");
    m.put("space", s.name());
    m.put("qkv-dim", String.valueOf(s.qkvDim()));
    m.put("vocab-size", String.valueOf(s.vocabSize()));
    m.put("seed", String.valueOf(seed));
    m.put("beam", String.valueOf(p.beam()));
    m.put("threads", String.valueOf(threads));
    m.put(
        "protocol",
        String.format(
            Locale.ROOT,
            "batch 1, %d-token source from the validation split, encoder then %d cached decoder"
                + " steps, %d warm-ups, %d timed runs, %.0f %% trimmed at each end, latency in ms",
            p.sourceTokens(),
            p.decoderSteps(),
            p.warmups(),
            p.runs(),
            100 * p.trim()));
    m.put("weights", weights);
    m.put(REFERENCE_ARCH, reference.key());
    m.put("reference-runs", REFERENCE_RUNS + " timed runs before each row");
    m.put("hardware", Hardware.describe());
    m.put("software", Versions.describe());
    m.put("started", Instant.now().toString());
    return m;
  }

  /** A resumed file must have been measured the same way, or its rows would mix. */
  private static void requireSameRun(
      Path out, Map<String, String> previous, Map<String, String> now) {
    for (String key :
        List.of("space", "seed", "beam", "threads", "protocol", "weights", REFERENCE_ARCH)) {
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
