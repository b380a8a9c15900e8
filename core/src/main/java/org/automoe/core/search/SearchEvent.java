package org.automoe.core.search;

import java.util.Arrays;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;

/**
 * One fact of a search: a call that changed its {@link SearchState}. Replaying a search's events,
 * in order, into a fresh state with the same job, screen and settings gives exactly the state that
 * emitted them ({@link SearchState#replay}), because every transition is a pure function of the
 * state and the event (times travel inside the events; every random draw comes from the job's seed;
 * breeding rounds carry their children and predicted latencies, so a replay never calls the
 * predictor in async mode). Calls that change nothing (a result that is not the current lease, an
 * expiry with no lease past its deadline) emit nothing. Generational mode breeds each generation
 * when the previous one settles; its replay breeds again with the same seeds and screen.
 */
public sealed interface SearchEvent {

  /**
   * The search began with {@code spec}: its owner journals this first, so a journal is only ever
   * replayed into a search of the same job.
   */
  record Created(SearchJobSpec spec) implements SearchEvent {}

  /**
   * Up to {@code max} pending candidates were leased to {@code worker} at {@code nowMs} (rounds
   * bred first by {@link SearchState#lease} are events of their own).
   */
  record Leased(int max, String worker, long nowMs) implements SearchEvent {}

  /** {@code reporter} reported {@code result}, and it counted. */
  record ResultReported(EvaluationResult result, String reporter) implements SearchEvent {}

  /** Leases past their deadline at {@code nowMs} were taken back. */
  record LeasesExpired(long nowMs) implements SearchEvent {}

  /** {@code worker} left, and its leases were taken back. */
  record WorkerLeft(String worker) implements SearchEvent {}

  /** A breeding round was opened for up to {@code wanted} children. */
  record RoundOpened(int wanted) implements SearchEvent {}

  /**
   * The open round {@code roundId} closed with its children (one per draw) and their predicted
   * latency.
   */
  record RoundClosed(
      long roundId, List<Genome> children, List<Architecture> archs, double[] latencyMs)
      implements SearchEvent {
    public RoundClosed {
      children = List.copyOf(children);
      archs = List.copyOf(archs);
      latencyMs = latencyMs.clone();
    }

    @Override
    public double[] latencyMs() {
      return latencyMs.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RoundClosed r
          && r.roundId == roundId
          && r.children.equals(children)
          && r.archs.equals(archs)
          && Arrays.equals(r.latencyMs, latencyMs);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(roundId) * 31 + Arrays.hashCode(latencyMs);
    }
  }

  /** The open round {@code roundId} could not be bred; the search failed, saying why. */
  record RoundFailed(long roundId, String why) implements SearchEvent {}

  /** The search was ended on request, saying why; what it found stands. */
  record Halted(String reason) implements SearchEvent {}

  /** The search was stopped before its end, saying why; it counts as failed. */
  record Stopped(String why) implements SearchEvent {}

  /**
   * The search's owner started again from its journal: the leases of the evaluators it had were
   * taken back, so they are handed out again.
   */
  record Recovered() implements SearchEvent {}
}
