package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Individual;
import org.junit.jupiter.api.Test;

/**
 * A search rebuilt from its events is the search that emitted them, and a search whose owner died
 * after any event and resumed from the journal ends where an uninterrupted one does.
 */
class SearchReplayTest {
  private static final SearchState.Settings SETTINGS = SearchState.Settings.defaults();

  private static SearchJobSpec generational() {
    return SearchSamples.twoGenerations();
  }

  private static SearchJobSpec async() {
    return SearchSamples.fortyEvaluations();
  }

  private static EvaluationResult ok(EvaluationRequest r) {
    return EvaluationResult.success(
        r.candidate().id(), r.lease().attempt(), SearchSamples.loss(r.candidate()), "w", 1);
  }

  /** Breeds inside the state: leases four at a time, answers them all, the clock ticking. */
  private static void driveInline(SearchState s) {
    for (int step = 0; !s.finished(); step++) {
      for (EvaluationRequest r : s.lease(4, "w", 1_000L * step)) {
        s.complete(ok(r), "w");
      }
      assertTrue(step < 10_000, "the search must finish");
    }
  }

  /** Breeds outside the state, as the generator actors do: open, make, close, lease pending. */
  private static void driveOutside(SearchState s) {
    for (int step = 0; !s.finished(); step++) {
      Optional<BreedingRound> open = s.openRound(8);
      if (open.isPresent()) {
        BreedingRound r = open.get();
        List<Genome> children =
            r.draws().stream().map(d -> s.childMaker().make(d, r.parents())).toList();
        List<Architecture> archs = SearchSamples.SCREEN.decode(children);
        s.closeRound(r, children, archs, s.latencyEstimator().predictMs(archs));
      }
      for (EvaluationRequest r : s.leasePending(4, "w", 1_000L * step)) {
        s.complete(ok(r), "w");
      }
      assertTrue(step < 10_000, "the search must finish");
    }
  }

  private static SearchState recording(SearchJobSpec spec, List<SearchEvent> journal) {
    SearchState s = new SearchState(spec, SearchSamples.SCREEN, SETTINGS);
    s.journalTo(journal::add);
    return s;
  }

  private static List<String> keys(List<Individual> individuals) {
    return individuals.stream().map(Individual::key).toList();
  }

  private static void assertSameEnd(SearchState expected, SearchState actual, String where) {
    SearchState.Result e = expected.result();
    SearchState.Result a = actual.result();
    assertEquals(e.evaluated(), a.evaluated(), where);
    assertEquals(keys(e.leaders()), keys(a.leaders()), where);
    assertEquals(e.best().map(Individual::key), a.best().map(Individual::key), where);
    assertEquals(keys(e.front()), keys(a.front()), where);
  }

  @Test
  void replayingTheJournalGivesTheSameStateInBothModes() {
    for (SearchJobSpec spec : List.of(generational(), async())) {
      for (boolean outside : new boolean[] {false, true}) {
        if (outside && spec.mode() == SearchMode.GENERATIONAL) {
          continue; // generational mode breeds inside the state only
        }
        List<SearchEvent> journal = new ArrayList<>();
        SearchState original = recording(spec, journal);
        if (outside) {
          driveOutside(original);
        } else {
          driveInline(original);
        }
        SearchState replayed =
            SearchState.replay(spec, SearchSamples.SCREEN, SETTINGS, List.copyOf(journal));
        String where = spec.mode() + (outside ? " breeding outside" : " breeding inline");
        assertEquals(original.result().evaluated(), replayed.result().evaluated(), where);
        assertEquals(keys(original.result().leaders()), keys(replayed.result().leaders()), where);
        assertEquals(original.status(0), replayed.status(0), where);
        assertEquals(original.leases(), replayed.leases(), where);
        assertTrue(journal.stream().anyMatch(e -> e instanceof SearchEvent.ResultReported), where);
      }
    }
  }

  @Test
  void aGenerationalSearchResumedAfterAnyEventEndsLikeAnUninterruptedOne() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState straight = recording(generational(), journal);
    driveInline(straight);
    for (int k = 0; k <= journal.size(); k++) {
      SearchState resumed =
          SearchState.replay(generational(), SearchSamples.SCREEN, SETTINGS, journal.subList(0, k));
      resumed.recover();
      driveInline(resumed);
      assertSameEnd(straight, resumed, "crashed after event " + k + " of " + journal.size());
      assertEquals(straight.status(0).evaluated(), resumed.status(0).evaluated());
    }
  }

  @Test
  void anAsyncSearchResumedAfterAnyEventLosesNothingAndCountsNothingTwice() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState original = recording(async(), journal);
    Map<Long, String> keyOf = new HashMap<>();
    original.streamEvaluatedTo(i -> keyOf.put(i.candidate().id(), i.key()));
    driveOutside(original);
    for (int k = 0; k <= journal.size(); k++) {
      List<SearchEvent> before = journal.subList(0, k);
      SearchState resumed = SearchState.replay(async(), SearchSamples.SCREEN, SETTINGS, before);
      List<Individual> after = SearchStateTest.streamed(resumed);
      resumed.recover();
      driveOutside(resumed);
      // Before the crash: the successes the journal holds (ids replay to the same candidates).
      List<String> evaluated = new ArrayList<>();
      for (SearchEvent e : before) {
        if (e instanceof SearchEvent.ResultReported r && r.result().succeeded()) {
          evaluated.add(keyOf.get(r.result().candidateId()));
        }
      }
      evaluated.addAll(keys(after));
      assertEquals(40, resumed.result().evaluated(), "crashed after event " + k);
      assertEquals(40, evaluated.size(), "crashed after event " + k);
      assertEquals(evaluated.size(), new HashSet<>(evaluated).size(), "no candidate twice");
      assertEquals(0, resumed.status(0).failed());
    }
  }

  @Test
  void recoveringHandsOutAgainWhatWasInFlight() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState s = recording(async(), journal);
    List<EvaluationRequest> held = s.lease(3, "gone", 0);
    SearchState resumed =
        SearchState.replay(async(), SearchSamples.SCREEN, SETTINGS, List.copyOf(journal));
    assertEquals(3, resumed.leases().size());
    assertEquals(3, resumed.recover());
    assertTrue(resumed.leases().isEmpty());
    List<EvaluationRequest> again = resumed.lease(3, "new", 5);
    assertEquals(
        Set.copyOf(held.stream().map(r -> r.candidate().id()).toList()),
        Set.copyOf(again.stream().map(r -> r.candidate().id()).toList()));
    assertTrue(again.stream().allMatch(r -> r.lease().attempt() == 2));
  }

  @Test
  void aContinuousSearchEndsOnRequestWithWhatItFound() {
    SearchJobSpec forever = SearchSamples.spec(SearchMode.ASYNC, new SearchLength.Unbounded(), 13);
    List<SearchEvent> journal = new ArrayList<>();
    SearchState s = recording(forever, journal);
    for (int step = 0; s.status(0).evaluated() < 50; step++) {
      for (EvaluationRequest r : s.lease(4, "w", step)) {
        s.complete(ok(r), "w");
      }
    }
    List<EvaluationRequest> late = s.lease(4, "w", 99);
    s.halt("stopped by the user");
    assertTrue(s.finished());
    assertEquals(SearchPhase.STOPPED, s.status(0).state());
    assertEquals(Optional.of("stopped by the user"), s.haltedBecause());
    assertTrue(s.lease(4, "w", 100).isEmpty(), "nothing more is handed out");
    assertEquals(
        SearchState.Outcome.IGNORED,
        s.complete(ok(late.get(0)), "w").outcome(),
        "results still out are ignored");
    assertTrue(s.result().best().isPresent(), "what it found stands");
    SearchState replayed =
        SearchState.replay(forever, SearchSamples.SCREEN, SETTINGS, List.copyOf(journal));
    assertEquals(s.status(0), replayed.status(0));

    // Resumed, it goes on from where it stood; so does its replay.
    s.recover();
    assertEquals(SearchPhase.RUNNING, s.status(0).state());
    assertEquals(Optional.empty(), s.haltedBecause());
    List<EvaluationRequest> more = s.lease(4, "w2", 200);
    assertTrue(!more.isEmpty(), "handed out again");
    assertEquals(SearchState.Outcome.ACCEPTED, s.complete(ok(more.get(0)), "w2").outcome());
    SearchState resumed =
        SearchState.replay(forever, SearchSamples.SCREEN, SETTINGS, List.copyOf(journal));
    assertEquals(s.status(0), resumed.status(0));
  }

  @Test
  void aSearchStoppedForWantOfEvaluatorsGoesOnWhenResumed() {
    SearchState s = recording(async(), new ArrayList<>());
    s.stop("no evaluator for 600 s");
    assertEquals(SearchPhase.FAILED, s.status(0).state());
    s.recover();
    assertEquals(SearchPhase.RUNNING, s.status(0).state(), "a stop ends a run, not the search");
    assertTrue(!s.lease(2, "w", 0).isEmpty());
  }

  @Test
  void callsThatChangeNothingEmitNothing() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState s = recording(async(), journal);
    EvaluationRequest r = s.lease(1, "w", 0).get(0);
    int after = journal.size();
    assertEquals(0, s.expire(1), "nothing past its deadline");
    assertEquals(0, s.release("stranger"));
    assertEquals(SearchState.Outcome.IGNORED, s.complete(ok(r), "intruder").outcome());
    assertEquals(after, journal.size(), journal.subList(after, journal.size()).toString());
  }

  @Test
  void aJournalOfAnotherSearchDoesNotFit() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState s = recording(async(), journal);
    EvaluationRequest r = s.lease(1, "w", 0).get(0);
    s.complete(ok(r), "w");
    List<SearchEvent> results =
        journal.stream().filter(e -> e instanceof SearchEvent.ResultReported).toList();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SearchState.replay(async(), SearchSamples.SCREEN, SETTINGS, results));
    assertTrue(e.getMessage().startsWith("journal does not fit"), e.getMessage());
  }
}
