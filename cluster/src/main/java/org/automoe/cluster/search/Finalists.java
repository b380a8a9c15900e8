package org.automoe.cluster.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.TopKSelection;

/**
 * The search's best architectures measured for real after the search: predicted against measured
 * latency, and the best one that meets the latency limit when measured (a finalist the predictor
 * let through but that runs too slow is not reported as meeting it).
 */
public final class Finalists {
  private Finalists() {}

  /** One measured finalist. */
  public record Finalist(
      Individual individual, LatencyProbe.Measurement measured, boolean meetsLimit) {
    Map<String, Object> asMap() {
      Map<String, Object> m = SearchReport.individual(individual);
      m.put("measuredLatencyMs", measured.sample().totalMs());
      m.put("typicalSpeedLatencyMs", measured.typicalMs());
      m.put("meetsLimitWhenMeasured", meetsLimit);
      return m;
    }
  }

  /**
   * @param meter measures on the cluster's latency probe (or directly, in tests)
   */
  static List<Finalist> measure(
      LatencyProbe.Meter meter,
      List<Individual> evaluated,
      int count,
      OptionalDouble limitMs,
      int runs,
      Consumer<String> log) {
    List<Finalist> out = new ArrayList<>();
    for (Individual i : TopKSelection.best(evaluated, count)) {
      LatencyProbe.Measurement m = meter.measure(i.candidate().architecture(), runs);
      boolean meets = limitMs.isEmpty() || m.typicalMs() <= limitMs.getAsDouble();
      out.add(new Finalist(i, m, meets));
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "  finalist #%d: validation loss %.4f, predicted %.2f ms, measured %.2f ms (%.2f ms"
                  + " at typical speed)%s",
              i.candidate().id(),
              i.validationLoss(),
              i.candidate().predictedLatencyMs(),
              m.sample().totalMs(),
              m.typicalMs(),
              meets ? "" : ": breaks the limit"));
    }
    return out;
  }

  static Map<String, Object> report(List<Finalist> finalists) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> all = new ArrayList<>();
    finalists.forEach(f -> all.add(f.asMap()));
    out.put("measured", all);
    finalists.stream()
        .filter(Finalist::meetsLimit)
        .findFirst()
        .ifPresent(f -> out.put("best", f.asMap()));
    return out;
  }
}
