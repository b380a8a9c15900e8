package org.automoe.cluster.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.latency.LatencyPredictor;
import org.automoe.core.space.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe bench predictor}: what a latency prediction costs per candidate, one at a time and
 * as a whole population in one call (features included).
 */
@Command(
    name = "predictor",
    mixinStandardHelpOptions = true,
    description =
        "Cost per candidate of latency prediction at batch 1 and batch 125 (features included).")
final class BenchPredictorCommand implements Runnable {
  @Option(names = "--model", required = true, description = "predictor file (latency train)")
  Path model;

  @Option(
      names = "--space",
      defaultValue = "small",
      description = "space to draw candidates from (default: ${DEFAULT-VALUE})")
  String space;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "timed seconds per batch size (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    SearchSpace s = SpaceFiles.resolve(space);
    GenomeLayout layout = new GenomeLayout(s);
    RandomSampler sampler = new RandomSampler(layout);
    var rng = Seeds.rng(1);
    List<Architecture> population = new ArrayList<>();
    for (int i = 0; i < 125; i++) {
      population.add(layout.decode(sampler.sample(rng)));
    }
    try (LatencyPredictor p = LatencyPredictor.load(model)) {
      double batch1 = timeBatch(p, population, 1);
      double batch125 = timeBatch(p, population, 125);
      if (json) {
        System.out.println(Json.write(new TimingsJson(batch1, batch125)));
      }
    }
  }

  /** The {@code --json} object: microseconds per candidate at batch 1 and at batch 125. */
  record TimingsJson(double batch1MicrosPerCandidate, double batch125MicrosPerCandidate) {}

  /** Warms up, then times one batch size; prints the figure unless --json. */
  private double timeBatch(LatencyPredictor p, List<Architecture> population, int batch) {
    time(p, population, batch, Math.min(1.0, seconds / 5)); // warm-up
    double micros = time(p, population, batch, seconds);
    if (!json) {
      System.out.printf(Locale.ROOT, "batch %3d: %.2f us per candidate%n", batch, micros);
    }
    return micros;
  }

  /** Microseconds per candidate over about {@code seconds} of calls. */
  private static double time(
      LatencyPredictor p, List<Architecture> population, int batch, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long candidates = 0;
    int offset = 0;
    double sink = 0;
    while (System.nanoTime() < end) {
      List<Architecture> slice =
          batch == population.size() ? population : population.subList(offset, offset + batch);
      sink += p.predictMs(slice)[0];
      candidates += batch;
      offset = (offset + batch) % population.size();
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("prediction returned NaN");
    }
    return (System.nanoTime() - start) / 1e3 / candidates;
  }
}
