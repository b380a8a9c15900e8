package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.automoe.actors.wire.AutomoeSerializer;
import org.automoe.actors.wire.SearchSnapshotMapper;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.SearchEvent;
import org.automoe.core.search.SearchSnapshot;
import org.automoe.core.search.SearchState;
import org.automoe.proto.RoundClosedEventProto;
import org.automoe.proto.SearchEventProto;
import org.automoe.proto.SearchSnapshotProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A search's journal crosses the project's serializer (as Pekko Persistence will store it), and a
 * search rebuilt from the deserialized journal is the search that wrote it.
 */
class JournalWireTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Serialization SERIALIZATION =
      SerializationExtension.get(Adapter.toClassic(KIT.system()));

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  private static Object roundTrip(Object event) throws NotSerializableException {
    return roundTrip(event, "search-event");
  }

  private static Object roundTrip(Object o, String expectedManifest)
      throws NotSerializableException {
    Serializer s = SERIALIZATION.findSerializerFor(o);
    assertInstanceOf(AutomoeSerializer.class, s, "bound to the project's serializer");
    String manifest = Serializers.manifestFor(s, o);
    assertEquals(expectedManifest, manifest);
    return SERIALIZATION.deserialize(s.toBinary(o), s.identifier(), manifest).get();
  }

  /** An async search bred outside the state, with a failure, an expiry and a departure. */
  private static List<SearchEvent> journalOfASearch(SearchState s) {
    List<SearchEvent> journal = new ArrayList<>();
    journal.add(s.created());
    s.journalTo(journal::add);
    for (int step = 0; !s.finished() && step < 10_000; step++) {
      Optional<BreedingRound> open = s.openRound(8);
      if (open.isPresent()) {
        BreedingRound r = open.get();
        List<Genome> children =
            r.draws().stream().map(d -> s.childMaker().make(d, r.parents())).toList();
        List<Architecture> archs =
            children.stream().map(g -> new GenomeLayout(SearchFixtures.SMALL).decode(g)).toList();
        s.closeRound(r, children, archs, s.latencyEstimator().predictMs(archs));
      }
      for (EvaluationRequest r : s.leasePending(4, "w" + step % 2, 1_000L * step)) {
        long id = r.candidate().id();
        int attempt = r.lease().attempt();
        String by = "w" + step % 2;
        EvaluationResult result =
            id % 7 == 0 && attempt == 1
                ? EvaluationResult.failed(id, attempt, "decoder failed", by, 3)
                : EvaluationResult.success(
                    id, attempt, SearchFixtures.loss(r.candidate()), by, 1000);
        s.complete(result, by);
      }
      if (step == 3) {
        s.lease(2, "gone", 0);
        s.release("gone");
      }
    }
    s.recover();
    return journal;
  }

  @Test
  void everyEventOfASearchRoundTripsAndRebuildsTheSearch() throws Exception {
    SearchState original = SearchFixtures.async(30, 5, SearchState.Settings.defaults());
    List<SearchEvent> journal = journalOfASearch(original);
    List<SearchEvent> back = new ArrayList<>();
    for (SearchEvent e : journal) {
      Object copy = roundTrip(e);
      assertEquals(e, copy);
      back.add((SearchEvent) copy);
    }
    for (Class<?> kind :
        List.of(
            SearchEvent.Created.class,
            SearchEvent.Leased.class,
            SearchEvent.ResultReported.class,
            SearchEvent.WorkerLeft.class,
            SearchEvent.RoundOpened.class,
            SearchEvent.RoundClosed.class,
            SearchEvent.Recovered.class)) {
      assertTrue(journal.stream().anyMatch(kind::isInstance), "the journal holds a " + kind);
    }
    SearchState rebuilt =
        SearchState.replay(
            original.spec(),
            new Screen(
                new GenomeLayout(SearchFixtures.SMALL),
                SearchFixtures.COST,
                LatencyEstimator.NONE,
                SearchFixtures.LIMIT),
            SearchState.Settings.defaults(),
            back);
    assertEquals(original.status(0), rebuilt.status(0));
    assertEquals(original.result().evaluated(), rebuilt.result().evaluated());
    assertEquals(
        original.result().leaders().stream().map(Individual::key).toList(),
        rebuilt.result().leaders().stream().map(Individual::key).toList());
  }

  /**
   * A snapshot after every event of the search (breeding rounds open, leases out, a failure waiting
   * for another evaluator) crosses the serializer unchanged.
   */
  @Test
  void aSnapshotAfterAnyEventRoundTrips() throws Exception {
    List<SearchEvent> journal =
        journalOfASearch(SearchFixtures.async(30, 5, SearchState.Settings.defaults()));
    SearchState s = SearchFixtures.async(30, 5, SearchState.Settings.defaults());
    boolean roundOpen = false;
    boolean inFlight = false;
    for (SearchEvent e : journal) {
      s.apply(e);
      SearchSnapshot snapshot = s.snapshot();
      assertEquals(snapshot, roundTrip(snapshot, "search-snapshot"), "after " + e);
      roundOpen |= snapshot.population() instanceof SearchSnapshot.Aging a && a.open().isPresent();
      inFlight |= !snapshot.book().inFlight().isEmpty();
    }
    assertTrue(roundOpen && inFlight, "snapshots with a round open and leases out");
  }

  @Test
  void malformedSnapshotsAreRejectedNamingTheField() {
    AutomoeSerializer s =
        (AutomoeSerializer) SERIALIZATION.findSerializerFor(new SearchEvent.Recovered());
    NotSerializableException noSpec =
        assertThrows(
            NotSerializableException.class,
            () ->
                s.fromBinary(
                    SearchSnapshotProto.getDefaultInstance().toByteArray(), "search-snapshot"));
    assertEquals(
        "'search-snapshot' message: SearchSnapshotProto.spec is missing", noSpec.getMessage());
    SearchSnapshot good = SearchFixtures.async(30, 5, SearchState.Settings.defaults()).snapshot();
    byte[] unsorted =
        SearchSnapshotMapper.toProto(good).toBuilder()
            .addSeen(2L)
            .addSeen(1L)
            .build()
            .toByteArray();
    NotSerializableException seen =
        assertThrows(
            NotSerializableException.class, () -> s.fromBinary(unsorted, "search-snapshot"));
    assertTrue(
        seen.getMessage().startsWith("'search-snapshot' message: SearchSnapshotProto: key hashes"),
        seen.getMessage());
  }

  @Test
  void aJournalReplaysOnlyIntoTheJobThatWroteIt() throws Exception {
    SearchState seedFive = SearchFixtures.async(30, 5, SearchState.Settings.defaults());
    SearchEvent created = (SearchEvent) roundTrip(seedFive.created());
    SearchState seedSix = SearchFixtures.async(30, 6, SearchState.Settings.defaults());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> seedSix.apply(created));
    assertEquals(
        "journal does not fit: it holds the search 'test' (async, 30 evaluations, seed 5), not"
            + " 'test' (async, 30 evaluations, seed 6) as asked",
        e.getMessage());
    SearchFixtures.async(30, 5, SearchState.Settings.defaults()).apply(created); // fits
  }

  @Test
  void malformedEventsAreRejectedNamingTheField() {
    AutomoeSerializer s =
        (AutomoeSerializer) SERIALIZATION.findSerializerFor(new SearchEvent.Recovered());
    NotSerializableException empty =
        assertThrows(
            NotSerializableException.class,
            () ->
                s.fromBinary(SearchEventProto.getDefaultInstance().toByteArray(), "search-event"));
    assertEquals("'search-event' message: SearchEventProto.event is not set", empty.getMessage());
    byte[] uneven =
        SearchEventProto.newBuilder()
            .setRoundClosed(RoundClosedEventProto.newBuilder().setRoundId(1).addLatencyMs(2.0))
            .build()
            .toByteArray();
    NotSerializableException mismatch =
        assertThrows(NotSerializableException.class, () -> s.fromBinary(uneven, "search-event"));
    assertEquals(
        "'search-event' message: RoundClosedEventProto: 0 children, 0 architectures and 1"
            + " latencies; they must match",
        mismatch.getMessage());
  }
}
