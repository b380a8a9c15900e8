package org.automoe.core.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Candidate;

/**
 * Who may evaluate which candidate until when: the queue of candidates waiting for an evaluator,
 * the leases handed out with their attempt and deadline, and the rule that a candidate whose last
 * allowed attempt comes to nothing counts as failed. Kept apart from breeding so both search modes
 * share one set of lease rules, and so a lease lost to a dead or slow evaluator is handed out again
 * without the search knowing how candidates are bred.
 *
 * <p>Pure: no clocks and no threads, times are passed in. A candidate is in the book from {@link
 * #add} until it is settled (succeeded, or failed on its last attempt); every other call changes
 * only where it is.
 */
public final class LeaseBook {
  /** What a reported result did to its candidate. */
  public enum Settled {
    /** The current lease succeeded; the candidate leaves the book. */
    SUCCEEDED,
    /** The current lease failed; the candidate waits first in line for another attempt. */
    RETRY,
    /** The current lease failed and it was the last attempt; the candidate counts as failed. */
    FAILED,
    /**
     * Not the current lease of a candidate in flight (late, repeated, unknown, or reported by an
     * evaluator that does not hold it): ignored.
     */
    STALE
  }

  /**
   * Leases taken back from evaluators (past their deadline, or held by one that left).
   *
   * @param leases leases taken back
   * @param failed ids of the candidates among them that had used their last attempt, in order
   */
  public record Reclaimed(int leases, List<Long> failed) {
    public Reclaimed {
      failed = List.copyOf(failed);
      if (failed.size() > leases) {
        throw new IllegalArgumentException(
            failed.size() + " candidates failed, but only " + leases + " leases were taken back");
      }
    }
  }

  /** A candidate in the book; its lease and worker mean something only while it is in flight. */
  private static final class Entry {
    final Candidate candidate;
    int attempts;
    Lease lease;
    String worker;

    /**
     * The evaluator whose attempt failed (or ran out of time) last; it gets the candidate again
     * only after {@link #MAX_PASSES} of its pulls passed it over.
     */
    String failedBy;

    int passes;

    Entry(Candidate candidate) {
      this.candidate = candidate;
    }
  }

  /**
   * Pulls of the evaluator a candidate failed on that pass it over before it gets it anyway: time
   * for another evaluator to take it, without starving it when there is no other.
   */
  static final int MAX_PASSES = 3;

  private final long leaseMillis;
  private final int maxAttempts;

  /** Every candidate not yet settled, pending or in flight. */
  private final Map<Long, Entry> entries = new HashMap<>();

  private final Deque<Long> pending = new ArrayDeque<>();
  private final Map<Long, Entry> inFlight = new LinkedHashMap<>();
  private long failed;
  private long requeued;

  /**
   * @param leaseMillis how long an evaluator may hold a candidate before it is handed out again
   * @param maxAttempts leases per candidate before it counts as failed
   */
  public LeaseBook(long leaseMillis, int maxAttempts) {
    if (leaseMillis < 1) {
      throw new InvalidInputException("lease time must be at least 1 ms, but was " + leaseMillis);
    }
    if (maxAttempts < 1) {
      throw new InvalidInputException("attempts must be at least 1, but was " + maxAttempts);
    }
    this.leaseMillis = leaseMillis;
    this.maxAttempts = maxAttempts;
  }

  /** A newly bred candidate waits at the back of the queue. */
  public void add(Candidate candidate) {
    if (entries.containsKey(candidate.id())) {
      throw new IllegalStateException("candidate " + candidate.id() + " is already in the book");
    }
    entries.put(candidate.id(), new Entry(candidate));
    pending.addLast(candidate.id());
  }

  /**
   * Leases up to {@code max} waiting candidates to {@code worker}, first in line first, each until
   * {@code nowMs} plus the lease time and under its next attempt number. A candidate whose last
   * attempt failed on this worker is passed over, so another evaluator tries it, at most {@link
   * #MAX_PASSES} times; a lone evaluator then gets it back.
   */
  public List<EvaluationRequest> lease(int max, String worker, long nowMs) {
    List<EvaluationRequest> out = new ArrayList<>();
    List<Long> passedOver = new ArrayList<>();
    while (out.size() < max && !pending.isEmpty()) {
      Entry e = entries.get(pending.pollFirst());
      if (worker.equals(e.failedBy) && e.passes < MAX_PASSES) {
        e.passes++;
        passedOver.add(e.candidate.id());
        continue;
      }
      out.add(handOut(e, worker, nowMs));
    }
    for (int i = passedOver.size() - 1; i >= 0; i--) {
      pending.addFirst(passedOver.get(i));
    }
    return out;
  }

  private EvaluationRequest handOut(Entry e, String worker, long nowMs) {
    e.attempts++;
    e.lease = new Lease(e.candidate.id(), e.attempts, nowMs + leaseMillis);
    e.worker = worker;
    e.passes = 0;
    inFlight.put(e.candidate.id(), e);
    return new EvaluationRequest(e.lease, e.candidate);
  }

  /**
   * Takes the answer to a lease in; only the current attempt of a candidate in flight, reported by
   * the evaluator holding it, counts, so a late, repeated or unknown answer, or one from another
   * evaluator, changes nothing.
   */
  public Settled complete(long candidateId, int attempt, String reporter, boolean succeeded) {
    Entry e = inFlight.get(candidateId);
    if (e == null || e.lease.attempt() != attempt || !e.worker.equals(reporter)) {
      return Settled.STALE;
    }
    inFlight.remove(candidateId);
    if (succeeded) {
      entries.remove(candidateId);
      return Settled.SUCCEEDED;
    }
    if (e.attempts >= maxAttempts) {
      entries.remove(candidateId);
      failed++;
      return Settled.FAILED;
    }
    e.failedBy = reporter;
    pending.addFirst(candidateId);
    return Settled.RETRY;
  }

  /** Takes back every lease whose deadline has passed (a lease is still good at its deadline). */
  public Reclaimed expire(long nowMs) {
    return reclaim(e -> e.lease.deadlineEpochMs() < nowMs, true, false);
  }

  /** Takes back every lease held by {@code worker}: it died or left. */
  public Reclaimed release(String worker) {
    return reclaim(e -> worker.equals(e.worker), false, false);
  }

  /**
   * Takes back every lease: their holders are gone with the owner that handed them out. Not the
   * candidates' fault, so none fails for it, even on its last attempt.
   */
  public Reclaimed releaseAll() {
    return reclaim(e -> true, false, true);
  }

  /** Candidates waiting for an evaluator. */
  public int pending() {
    return pending.size();
  }

  /** Candidates under lease. */
  public int inFlight() {
    return inFlight.size();
  }

  /** True when no candidate is waiting or under lease. */
  public boolean idle() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  /** Candidates that failed on every attempt. */
  public long failed() {
    return failed;
  }

  /** Leases taken back, by deadline or by release. */
  public long requeued() {
    return requeued;
  }

  /** The current leases, by candidate id, in the order they were handed out. */
  public Map<Long, Lease> leases() {
    Map<Long, Lease> out = new LinkedHashMap<>();
    inFlight.forEach((id, e) -> out.put(id, e.lease));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The book as values: each candidate with its genome ({@code genomes}, by id), the queue and the
   * leases in their order, and the tallies.
   */
  SearchSnapshot.Book snapshot(LongFunction<Genome> genomes) {
    List<SearchSnapshot.Waiting> candidates = new ArrayList<>(entries.size());
    entries.values().stream()
        .sorted(Comparator.comparingLong(e -> e.candidate.id()))
        .forEach(
            e -> {
              boolean out = inFlight.containsKey(e.candidate.id());
              candidates.add(
                  new SearchSnapshot.Waiting(
                      e.candidate,
                      genomes.apply(e.candidate.id()),
                      e.attempts,
                      out ? Optional.of(e.lease) : Optional.empty(),
                      out ? Optional.of(e.worker) : Optional.empty(),
                      Optional.ofNullable(e.failedBy),
                      e.passes));
            });
    return new SearchSnapshot.Book(
        candidates, List.copyOf(pending), List.copyOf(inFlight.keySet()), failed, requeued);
  }

  /**
   * The book a {@link #snapshot} describes.
   *
   * @throws IllegalStateException when it contradicts itself (a candidate queued twice, or neither
   *     queued nor leased, or leased without a lease)
   */
  static LeaseBook restore(long leaseMillis, int maxAttempts, SearchSnapshot.Book snapshot) {
    LeaseBook book = new LeaseBook(leaseMillis, maxAttempts);
    for (SearchSnapshot.Waiting w : snapshot.candidates()) {
      Entry e = new Entry(w.candidate());
      e.attempts = w.attempts();
      e.lease = w.lease().orElse(null);
      e.worker = w.worker().orElse(null);
      e.failedBy = w.failedBy().orElse(null);
      e.passes = w.passes();
      if (book.entries.put(w.candidate().id(), e) != null) {
        throw doesNotFit("candidate " + w.candidate().id() + " is in it twice");
      }
    }
    Set<Long> placed = new HashSet<>();
    for (long id : snapshot.pending()) {
      if (!book.entries.containsKey(id) || !placed.add(id)) {
        throw doesNotFit("pending candidate " + id + " is unknown or queued twice");
      }
      book.pending.addLast(id);
    }
    for (long id : snapshot.inFlight()) {
      Entry e = book.entries.get(id);
      if (e == null || e.lease == null || !placed.add(id)) {
        throw doesNotFit("candidate " + id + " in flight is unknown, queued, or without a lease");
      }
      book.inFlight.put(id, e);
    }
    if (placed.size() != book.entries.size()) {
      throw doesNotFit(
          (book.entries.size() - placed.size()) + " candidates are neither pending nor in flight");
    }
    book.failed = snapshot.failed();
    book.requeued = snapshot.requeued();
    return book;
  }

  private static IllegalStateException doesNotFit(String why) {
    return new IllegalStateException("snapshot does not fit: lease book: " + why);
  }

  /**
   * Takes back the matching leases in the order they were handed out. Each goes first in line, so
   * work already handed out once is finished before fresh work is started; on its last attempt the
   * candidate fails instead, unless {@code forgiven}.
   *
   * @param holderFailed the holder is to blame (it ran out of time): others get it first
   */
  private Reclaimed reclaim(Predicate<Entry> taken, boolean holderFailed, boolean forgiven) {
    List<Entry> back = inFlight.values().stream().filter(taken).toList();
    List<Long> lost = new ArrayList<>();
    for (Entry e : back) {
      inFlight.remove(e.candidate.id());
      requeued++;
      if (holderFailed) {
        e.failedBy = e.worker; // ran out of time there: try another evaluator first
      }
      if (e.attempts >= maxAttempts && !forgiven) {
        entries.remove(e.candidate.id());
        failed++;
        lost.add(e.candidate.id());
      } else {
        pending.addFirst(e.candidate.id());
      }
    }
    return new Reclaimed(back.size(), lost);
  }
}
