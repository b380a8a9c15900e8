package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class LeaseBookTest {
  private static final long LEASE_MS = 1_000;

  /** A book holding candidates 1 to {@code candidates}, in that order. */
  private static LeaseBook book(int candidates, int maxAttempts) {
    LeaseBook b = new LeaseBook(LEASE_MS, maxAttempts);
    for (long id = 1; id <= candidates; id++) {
      b.add(SearchSamples.candidate(id));
    }
    return b;
  }

  private static List<Long> ids(List<EvaluationRequest> work) {
    return work.stream().map(r -> r.candidate().id()).toList();
  }

  @Test
  void leasesFirstInLineUnderTheirFirstAttemptUntilTheDeadline() {
    LeaseBook b = book(3, 3);
    List<EvaluationRequest> work = b.lease(2, "w", 500);
    assertEquals(List.of(1L, 2L), ids(work));
    assertEquals(new Lease(1, 1, 500 + LEASE_MS), work.get(0).lease());
    assertEquals(1, b.pending());
    assertEquals(2, b.inFlight());
    assertEquals(List.of(1L, 2L), List.copyOf(b.leases().keySet()));
    assertEquals(List.of(3L), ids(b.lease(5, "w", 600)), "no more than is waiting");
    assertTrue(b.lease(5, "w", 700).isEmpty());
  }

  @Test
  void completesWithTheCurrentAttemptOnly() {
    LeaseBook b = book(1, 3);
    b.lease(1, "w", 0);
    assertEquals(
        LeaseBook.Settled.STALE, b.complete(1, 2, "w", true), "an attempt never handed out");
    assertEquals(LeaseBook.Settled.STALE, b.complete(7, 1, "w", true), "an unknown candidate");
    assertEquals(
        LeaseBook.Settled.STALE, b.complete(1, 1, "intruder", true), "not the lease holder");
    assertEquals(1, b.inFlight());
    assertEquals(LeaseBook.Settled.SUCCEEDED, b.complete(1, 1, "w", true));
    assertEquals(LeaseBook.Settled.STALE, b.complete(1, 1, "w", true), "a repeated answer");
    assertTrue(b.idle());
  }

  @Test
  void ignoresTheAnswerOfAnAttemptHandedOutAgain() {
    LeaseBook b = book(1, 3);
    b.lease(1, "dies", 0);
    b.release("dies");
    EvaluationRequest again = b.lease(1, "lives", 10).get(0);
    assertEquals(2, again.lease().attempt());
    assertEquals(
        LeaseBook.Settled.STALE, b.complete(1, 1, "dies", true), "the first attempt's answer");
    assertEquals(1, b.inFlight(), "the second attempt still holds it");
    assertEquals(LeaseBook.Settled.SUCCEEDED, b.complete(1, 2, "lives", true));
  }

  @Test
  void aFailedAttemptGoesFirstInLineForAnotherEvaluator() {
    LeaseBook b = book(3, 3);
    b.lease(1, "w", 0);
    assertEquals(LeaseBook.Settled.RETRY, b.complete(1, 1, "w", false));
    assertEquals(
        List.of(2L), ids(b.lease(1, "w", 0)), "the evaluator it failed on takes other work");
    EvaluationRequest next = b.lease(1, "v", 0).get(0);
    assertEquals(new Lease(1, 2, LEASE_MS), next.lease(), "before candidate 3, on attempt 2");
    assertEquals(0, b.failed());
  }

  @Test
  void aLoneEvaluatorGetsItsFailedCandidateBackAfterPassingItOverAFewTimes() {
    LeaseBook b = book(1, 3);
    b.lease(1, "w", 0);
    assertEquals(LeaseBook.Settled.RETRY, b.complete(1, 1, "w", false));
    for (int pass = 0; pass < LeaseBook.MAX_PASSES; pass++) {
      assertTrue(b.lease(5, "w", 0).isEmpty(), "passed over for another evaluator");
    }
    assertEquals(List.of(1L), ids(b.lease(5, "w", 0)), "then no longer starved");
  }

  @Test
  void aLeaseThatRanOutOfTimeGoesToAnotherEvaluatorFirst() {
    LeaseBook b = book(2, 3);
    b.lease(1, "slow", 0);
    b.expire(LEASE_MS + 1);
    assertEquals(List.of(2L), ids(b.lease(1, "slow", LEASE_MS + 2)));
    assertEquals(List.of(1L), ids(b.lease(1, "quick", LEASE_MS + 2)));
  }

  @Test
  void recoveryTakesEveryLeaseBackWithoutFailingAnyCandidate() {
    LeaseBook b = book(2, 1);
    b.lease(2, "gone", 0);
    assertEquals(new LeaseBook.Reclaimed(2, List.of()), b.releaseAll());
    assertEquals(
        0, b.failed(), "one attempt allowed, but the owner's stop is no candidate's fault");
    assertEquals(2, b.pending());
  }

  @Test
  void requeuesLeasesPastTheirDeadline() {
    LeaseBook b = book(2, 3);
    b.lease(1, "w", 0);
    b.lease(1, "w", 500);
    assertEquals(new LeaseBook.Reclaimed(0, List.of()), b.expire(LEASE_MS), "good at the deadline");
    assertEquals(new LeaseBook.Reclaimed(1, List.of()), b.expire(LEASE_MS + 1));
    assertEquals(Set.of(2L), b.leases().keySet());
    assertEquals(1, b.requeued());
    EvaluationRequest again = b.lease(1, "v", 5_000).get(0);
    assertEquals(new Lease(1, 2, 5_000 + LEASE_MS), again.lease());
  }

  @Test
  void releasesTheLeasesOfAWorkerThatLeftAndNoOthers() {
    LeaseBook b = book(4, 3);
    b.lease(2, "dies", 0);
    b.lease(1, "lives", 0);
    assertEquals(new LeaseBook.Reclaimed(2, List.of()), b.release("dies"));
    assertEquals(Set.of(3L), b.leases().keySet());
    assertEquals(3, b.pending());
    assertEquals(List.of(2L, 1L, 4L), ids(b.lease(3, "new", 0)), "taken back ones go first");
    assertEquals(0, b.release("dies").leases(), "nothing left to take back");
  }

  @Test
  void aCandidateFailsWhenItsLastAttemptFails() {
    LeaseBook b = book(1, 2);
    b.lease(1, "w", 0);
    assertEquals(LeaseBook.Settled.RETRY, b.complete(1, 1, "w", false));
    b.lease(1, "v", 0);
    assertEquals(LeaseBook.Settled.FAILED, b.complete(1, 2, "v", false));
    assertEquals(1, b.failed());
    assertTrue(b.idle());
    assertTrue(b.lease(1, "w", 0).isEmpty(), "a failed candidate is never handed out again");
  }

  @Test
  void aLeaseTakenBackOnItsLastAttemptFailsItsCandidate() {
    LeaseBook b = book(3, 1);
    b.lease(2, "w", 0);
    assertEquals(new LeaseBook.Reclaimed(2, List.of(1L, 2L)), b.expire(5_000));
    assertEquals(2, b.failed());
    assertEquals(2, b.requeued());
    assertEquals(List.of(3L), ids(b.lease(3, "w", 5_000)));
  }

  @Test
  void refusesACandidateItAlreadyHolds() {
    LeaseBook b = book(1, 3);
    assertThrows(IllegalStateException.class, () -> b.add(SearchSamples.candidate(1)));
  }

  @Test
  void rejectsLeaseTimesAndAttemptsBelowOneNamingThem() {
    InvalidInputException time =
        assertThrows(InvalidInputException.class, () -> new LeaseBook(0, 3));
    assertEquals("lease time must be at least 1 ms, but was 0", time.getMessage());
    InvalidInputException attempts =
        assertThrows(InvalidInputException.class, () -> new LeaseBook(1_000, 0));
    assertEquals("attempts must be at least 1, but was 0", attempts.getMessage());
  }
}
