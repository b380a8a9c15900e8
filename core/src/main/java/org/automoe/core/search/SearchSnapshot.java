package org.automoe.core.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;

/**
 * Everything a {@link SearchState} holds, as plain values: what a journal keeps every so many
 * events, so that a restart restores it ({@link SearchState#restore}) and replays only the events
 * after it. Its size is bounded by the search's queue, population, front and leaders, plus 8 bytes
 * per architecture drawn (the hashes of {@link #seen}).
 *
 * @param spec the job; a snapshot is only ever restored into the same job
 * @param counters ids and tallies
 * @param failure why the search failed, if it did
 * @param stopped the failure is a stop: a resumed search goes on
 * @param halted why the search was ended on request, if it was
 * @param seen the hashes of every architecture drawn
 * @param leaders the best evaluated, best first
 * @param front the Pareto front, in the order its members joined it
 * @param best the best evaluated
 * @param lastEvaluated the last individuals evaluated, oldest first, at most {@link
 *     SearchState#LAST_EVALUATED}: an owner whose file of results lagged the snapshot catches up
 *     from them
 * @param book the candidates not yet settled and where each is
 * @param population the breeding strategy's own state
 */
public record SearchSnapshot(
    SearchJobSpec spec,
    Counters counters,
    Optional<String> failure,
    boolean stopped,
    Optional<String> halted,
    KeyHashes seen,
    List<Individual> leaders,
    List<Individual> front,
    Optional<Individual> best,
    List<Individual> lastEvaluated,
    Book book,
    Population population) {

  public SearchSnapshot {
    leaders = List.copyOf(leaders);
    front = List.copyOf(front);
    lastEvaluated = List.copyOf(lastEvaluated);
  }

  /**
   * @param nextId the id the next candidate gets
   * @param draws architectures drawn
   * @param rejected draws that broke a constraint or repeated an architecture
   * @param evaluated candidates evaluated
   */
  public record Counters(long nextId, long draws, long rejected, long evaluated) {}

  /** 64-bit hashes of canonical architecture keys, ascending. */
  public record KeyHashes(long[] ascending) {
    public KeyHashes {
      ascending = ascending.clone();
      for (int i = 1; i < ascending.length; i++) {
        if (ascending[i - 1] >= ascending[i]) {
          throw new IllegalArgumentException(
              "key hashes must be distinct and ascending, but hash "
                  + i
                  + " is not above the one before it");
        }
      }
    }

    @Override
    public long[] ascending() {
      return ascending.clone();
    }

    public int size() {
      return ascending.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyHashes k && Arrays.equals(ascending, k.ascending);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ascending);
    }

    @Override
    public String toString() {
      return "KeyHashes[" + ascending.length + " hashes]";
    }
  }

  /**
   * A candidate not yet settled.
   *
   * @param candidate the candidate
   * @param genome the genome its individual will carry
   * @param attempts leases it has had
   * @param lease its current lease, while it is in flight
   * @param worker who holds that lease, while it is in flight
   * @param failedBy the evaluator its last failed attempt ran on
   * @param passes pulls of that evaluator that passed it over since
   */
  public record Waiting(
      Candidate candidate,
      Genome genome,
      int attempts,
      Optional<Lease> lease,
      Optional<String> worker,
      Optional<String> failedBy,
      int passes) {
    public Waiting {
      if (attempts < 0 || passes < 0) {
        throw new IllegalArgumentException(
            "candidate "
                + candidate.id()
                + ": attempts and passes must not be negative, but were "
                + attempts
                + " and "
                + passes);
      }
      if (lease.isPresent() != worker.isPresent()) {
        throw new IllegalArgumentException(
            "candidate " + candidate.id() + ": a lease and its holder come together");
      }
    }
  }

  /**
   * The lease book.
   *
   * @param candidates every candidate not yet settled, by id
   * @param pending ids waiting for an evaluator, first in line first
   * @param inFlight ids under lease, in the order they were handed out
   * @param failed candidates that failed on every attempt
   * @param requeued leases taken back
   */
  public record Book(
      List<Waiting> candidates,
      List<Long> pending,
      List<Long> inFlight,
      long failed,
      long requeued) {
    public Book {
      candidates = List.copyOf(candidates);
      pending = List.copyOf(pending);
      inFlight = List.copyOf(inFlight);
    }
  }

  /** A breeding strategy's state. */
  public sealed interface Population permits Aging, Generational {}

  /**
   * Steady-state aging evolution.
   *
   * @param members the population, oldest first
   * @param open the round open, if one is
   * @param nextRoundId the id the next round gets
   * @param drawsOpened draws handed out in rounds so far
   * @param bred candidates bred
   * @param fruitlessBrokeConstraint draws in a row that broke a constraint
   * @param fruitlessDuplicates draws in a row that repeated an architecture
   */
  public record Aging(
      List<Individual> members,
      Optional<BreedingRound> open,
      long nextRoundId,
      long drawsOpened,
      long bred,
      long fruitlessBrokeConstraint,
      long fruitlessDuplicates)
      implements Population {
    public Aging {
      members = List.copyOf(members);
    }
  }

  /**
   * The paper's generations.
   *
   * @param members this generation's members: the parents kept, then each child evaluated
   * @param generation the generation bred last
   * @param unfinished its candidates not yet settled
   */
  public record Generational(List<Individual> members, int generation, int unfinished)
      implements Population {
    public Generational {
      members = List.copyOf(members);
    }
  }
}
