package org.automoe.cluster.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.TopKSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search's best architectures measured for real after the search: predicted against measured
 * latency, and the best one that meets the latency limit when measured (a finalist the predictor
 * let through but that runs too slow is not reported as meeting it).
 */
public final class Finalists {
  private static final Logger LOG = LoggerFactory.getLogger(Finalists.class);

  private Finalists() {}

  /** One measured finalist. */
  public record Finalist(
      Individual individual, LatencyProbe.Measurement measured, boolean meetsLimit) {
    SearchResultFile.FinalistEntry entry() {
      SearchResultFile.Entry e = SearchResultFile.Entry.of(individual);
      return new SearchResultFile.FinalistEntry(
          e.candidate(),
          e.arch(),
          e.valLoss(),
          e.predictedLatencyMs(),
          e.flops(),
          e.paramsActive(),
          e.paramsNonEmbedding(),
          measured.sample().totalMs(),
          measured.typicalMs(),
          meetsLimit);
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
      int runs) {
    List<Finalist> out = new ArrayList<>();
    for (Individual i : TopKSelection.best(evaluated, count)) {
      LatencyProbe.Measurement m = meter.measure(i.candidate().architecture(), runs);
      boolean meets = limitMs.isEmpty() || m.typicalMs() <= limitMs.getAsDouble();
      out.add(new Finalist(i, m, meets));
      LOG.info(
          String.format(
              Locale.ROOT,
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

  static SearchResultFile.FinalistsEntry report(List<Finalist> finalists) {
    return new SearchResultFile.FinalistsEntry(
        finalists.stream().map(Finalist::entry).toList(),
        finalists.stream().filter(Finalist::meetsLimit).findFirst().map(Finalist::entry));
  }
}
