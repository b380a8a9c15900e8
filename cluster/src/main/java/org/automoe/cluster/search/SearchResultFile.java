package org.automoe.cluster.search;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;

/**
 * {@code result.json} of a search (and {@code automoe search --json}): the job, the counters, the
 * best architecture, the Pareto front and the measured finalists. Keys are the record components;
 * an empty optional leaves its key out.
 *
 * @param mode async or generational
 * @param seed the root seed
 * @param constraints the hard limits searched under
 * @param search the counters when the search ended
 * @param best the lowest validation loss, when anything was evaluated
 * @param front the Pareto front (loss against cost), by loss
 * @param finalists the best architectures measured after the search, when measured
 */
public record SearchResultFile(
    String mode,
    long seed,
    Limits constraints,
    Counters search,
    Optional<Entry> best,
    List<Entry> front,
    Optional<FinalistsEntry> finalists) {

  /** The limits given; absent ones have no key. */
  public record Limits(
      OptionalDouble maxLatencyMs, OptionalLong maxFlops, OptionalLong maxParams) {}

  /** The search's counters when it ended, and why it failed if it did. */
  public record Counters(
      String state,
      long generated,
      long evaluated,
      long rejected,
      long failed,
      long requeued,
      double wallSeconds,
      Optional<String> failure) {}

  /** One evaluated architecture. */
  public record Entry(
      long candidate,
      String arch,
      double valLoss,
      double predictedLatencyMs,
      long flops,
      long paramsActive,
      long paramsNonEmbedding) {
    static Entry of(Individual i) {
      Candidate c = i.candidate();
      return new Entry(
          c.id(),
          c.architecture().key(),
          i.validationLoss(),
          c.predictedLatencyMs(),
          c.cost().flops(),
          c.cost().paramsActive(),
          c.cost().paramsNonEmbedding());
    }
  }

  /** An evaluated architecture measured after the search. */
  public record FinalistEntry(
      long candidate,
      String arch,
      double valLoss,
      double predictedLatencyMs,
      long flops,
      long paramsActive,
      long paramsNonEmbedding,
      double measuredLatencyMs,
      double typicalSpeedLatencyMs,
      boolean meetsLimitWhenMeasured) {}

  /** Every finalist measured, and the best one that met the limit when measured. */
  public record FinalistsEntry(List<FinalistEntry> measured, Optional<FinalistEntry> best) {}

  static SearchResultFile of(
      SearchJobSpec spec,
      SearchState.Result result,
      SearchStatus status,
      List<Finalists.Finalist> finalists) {
    return new SearchResultFile(
        spec.mode().name().toLowerCase(Locale.ROOT),
        spec.seed(),
        new Limits(
            spec.constraints().maxLatencyMs(),
            spec.constraints().maxFlops(),
            spec.constraints().maxParams()),
        new Counters(
            status.state().name().toLowerCase(Locale.ROOT),
            status.generated(),
            status.evaluated(),
            status.rejected(),
            status.failed(),
            status.requeued(),
            status.elapsedSeconds(),
            status.failure()),
        result.best().map(Entry::of),
        result.front().stream().map(Entry::of).toList(),
        finalists.isEmpty() ? Optional.empty() : Optional.of(Finalists.report(finalists)));
  }
}
