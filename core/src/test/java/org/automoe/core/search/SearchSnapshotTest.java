package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.evo.Individual;
import org.junit.jupiter.api.Test;

/**
 * A snapshot taken after any event of a search restores into a state that takes the rest of the
 * journal and ends exactly where the search that wrote it ended: the snapshot holds everything the
 * state is.
 */
class SearchSnapshotTest {
  private static final SearchState.Settings SETTINGS = SearchState.Settings.defaults();

  private static SearchJobSpec generational() {
    return SearchSamples.twoGenerations();
  }

  private static SearchJobSpec async() {
    return SearchSamples.fortyEvaluations();
  }

  /** Leases four at a time and answers them, every third candidate failing once. */
  private static void drive(SearchState s, boolean breedOutside) {
    for (int step = 0; !s.finished(); step++) {
      if (breedOutside) {
        Optional<BreedingRound> open = s.openRound(8);
        if (open.isPresent()) {
          BreedingRound r = open.get();
          List<Genome> children =
              r.draws().stream().map(d -> s.childMaker().make(d, r.parents())).toList();
          List<Architecture> archs = SearchSamples.SCREEN.decode(children);
          s.closeRound(r, children, archs, s.latencyEstimator().predictMs(archs));
        }
      }
      String worker = "w" + (step % 2);
      List<EvaluationRequest> leased =
          breedOutside
              ? s.leasePending(4, worker, 1_000L * step)
              : s.lease(4, worker, 1_000L * step);
      for (EvaluationRequest r : leased) {
        long id = r.candidate().id();
        s.complete(
            id % 3 == 0 && r.lease().attempt() == 1
                ? EvaluationResult.failed(id, 1, "flaky", worker, 1)
                : EvaluationResult.success(
                    id, r.lease().attempt(), SearchSamples.loss(r.candidate()), worker, 1),
            worker);
      }
      assertTrue(step < 10_000, "the search must finish");
    }
  }

  @Test
  void aSnapshotAfterAnyEventRestoresTheStateThatTakesTheRestOfTheJournal() {
    record Case(SearchJobSpec spec, boolean outside) {}
    for (Case c :
        List.of(
            new Case(generational(), false), new Case(async(), false), new Case(async(), true))) {
      List<SearchEvent> journal = new ArrayList<>();
      SearchState original = new SearchState(c.spec(), SearchSamples.SCREEN, SETTINGS);
      original.journalTo(journal::add);
      drive(original, c.outside());
      SearchSnapshot end = original.snapshot();
      SearchState replaying = new SearchState(c.spec(), SearchSamples.SCREEN, SETTINGS);
      for (int k = 0; k <= journal.size(); k++) {
        String where = c + ", snapshot after event " + k + " of " + journal.size();
        SearchSnapshot taken = replaying.snapshot();
        SearchState restored = SearchState.restore(c.spec(), SearchSamples.SCREEN, SETTINGS, taken);
        assertEquals(taken, restored.snapshot(), where);
        assertEquals(replaying.status(0), restored.status(0), where);
        journal.subList(k, journal.size()).forEach(restored::apply);
        assertEquals(end, restored.snapshot(), where);
        if (k < journal.size()) {
          replaying.apply(journal.get(k));
        }
      }
      assertTrue(end.counters().evaluated() > 0 && end.book().failed() == 0, c.toString());
    }
  }

  @Test
  void aGenerationalSearchResumedFromASnapshotEndsLikeAnUninterruptedOne() {
    List<SearchEvent> journal = new ArrayList<>();
    SearchState straight = new SearchState(generational(), SearchSamples.SCREEN, SETTINGS);
    straight.journalTo(journal::add);
    drive(straight, false);
    for (int k = 0; k <= journal.size(); k += 3) {
      SearchState before =
          SearchState.replay(generational(), SearchSamples.SCREEN, SETTINGS, journal.subList(0, k));
      SearchState resumed =
          SearchState.restore(generational(), SearchSamples.SCREEN, SETTINGS, before.snapshot());
      resumed.recover();
      drive(resumed, false);
      String where = "snapshot after event " + k;
      assertEquals(straight.result().evaluated(), resumed.result().evaluated(), where);
      assertEquals(keys(straight.result().leaders()), keys(resumed.result().leaders()), where);
      assertEquals(keys(straight.result().front()), keys(resumed.result().front()), where);
    }
  }

  @Test
  void aRestoredStateHandsItsLastEvaluatedToTheReplaySinkNumbered() {
    SearchState s = new SearchState(async(), SearchSamples.SCREEN, SETTINGS);
    List<Individual> evaluated = new ArrayList<>();
    s.streamEvaluatedTo(evaluated::add);
    drive(s, false);
    SearchState restored =
        SearchState.restore(async(), SearchSamples.SCREEN, SETTINGS, s.snapshot());
    List<Long> numbers = new ArrayList<>();
    List<Individual> handed = new ArrayList<>();
    restored.streamReplayedTo(
        (i, n) -> {
          handed.add(i);
          numbers.add(n);
        });
    assertEquals(evaluated, handed, "all 40, fewer than the snapshot keeps");
    assertEquals(1L, numbers.get(0));
    assertEquals(40L, numbers.get(numbers.size() - 1));
    restored.streamReplayedTo((i, n) -> handed.add(i));
    assertEquals(40, handed.size(), "handed once, to the first sink");
  }

  @Test
  void aSnapshotOfAnotherJobOrAtOddsWithItselfDoesNotFit() {
    SearchState s = new SearchState(async(), SearchSamples.SCREEN, SETTINGS);
    s.lease(4, "w", 0);
    SearchSnapshot snap = s.snapshot();
    IllegalStateException other =
        assertThrows(
            IllegalStateException.class,
            () -> SearchState.restore(generational(), SearchSamples.SCREEN, SETTINGS, snap));
    assertTrue(
        other
            .getMessage()
            .startsWith(
                "journal does not fit: it holds the search 'test' (async, 40 evaluations, seed 12)"),
        other.getMessage());

    SearchSnapshot.Book book = snap.book();
    SearchSnapshot twice =
        withBook(
            snap,
            new SearchSnapshot.Book(
                book.candidates(),
                book.pending(),
                List.of(book.inFlight().get(0), book.inFlight().get(0)),
                0,
                0));
    IllegalStateException odd =
        assertThrows(
            IllegalStateException.class,
            () -> SearchState.restore(async(), SearchSamples.SCREEN, SETTINGS, twice));
    assertTrue(odd.getMessage().contains("snapshot does not fit: lease book"), odd.getMessage());

    SearchSnapshot generations =
        new SearchSnapshot(
            snap.spec(),
            snap.counters(),
            snap.failure(),
            snap.stopped(),
            snap.halted(),
            snap.seen(),
            snap.leaders(),
            snap.front(),
            snap.best(),
            snap.lastEvaluated(),
            snap.book(),
            new SearchSnapshot.Generational(List.of(), 0, 0));
    IllegalStateException mode =
        assertThrows(
            IllegalStateException.class,
            () -> SearchState.restore(async(), SearchSamples.SCREEN, SETTINGS, generations));
    assertTrue(mode.getMessage().contains("holds generations"), mode.getMessage());
  }

  private static SearchSnapshot withBook(SearchSnapshot s, SearchSnapshot.Book book) {
    return new SearchSnapshot(
        s.spec(),
        s.counters(),
        s.failure(),
        s.stopped(),
        s.halted(),
        s.seen(),
        s.leaders(),
        s.front(),
        s.best(),
        s.lastEvaluated(),
        book,
        s.population());
  }

  private static List<String> keys(List<Individual> individuals) {
    return individuals.stream().map(Individual::key).toList();
  }
}
