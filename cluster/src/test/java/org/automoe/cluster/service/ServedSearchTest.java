package org.automoe.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.automoe.proto.SearchStateProto;
import org.automoe.proto.SearchUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A served search whose coordinator is lost ends as failed, for every watcher now and later. */
class ServedSearchTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "served");
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void aSearchWhoseCoordinatorIsLostEndsFailedForEveryWatcher(@TempDir Path dir) throws Exception {
    SearchSpace space = BuiltInSpaces.small();
    SearchJobSpec spec =
        new SearchJobSpec(
            "search",
            space,
            SearchMode.ASYNC,
            new Constraints(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty()),
            EvolutionSettings.paper(),
            new SearchLength.Budget(10),
            1);
    ServedSearch s =
        new ServedSearch(
            "s1",
            new ServiceRecord("r1", "r1", 0),
            spec,
            dir,
            new CostModel(CostSettings.of(space)));
    CompletableFuture<List<SearchUpdate>> before =
        s.watch(system).runWith(Sink.seq(), system).toCompletableFuture();
    s.lost(new IllegalStateException("wrapper", new IllegalStateException("the journal is down")));
    List<SearchUpdate> first = before.get(30, TimeUnit.SECONDS);
    List<SearchUpdate> later =
        s.watch(system).runWith(Sink.seq(), system).toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (List<SearchUpdate> seen : List.of(first, later)) {
      assertEquals(SearchUpdate.UpdateCase.CURRENT, seen.get(0).getUpdateCase());
      SearchUpdate end = seen.get(seen.size() - 1);
      assertEquals(SearchUpdate.UpdateCase.ENDED, end.getUpdateCase());
      assertEquals(SearchStateProto.SEARCH_STATE_FAILED, end.getEnded().getStatus().getState());
      assertEquals(
          "its coordinator stopped: the journal is down", end.getEnded().getStatus().getFailure());
    }
    assertFalse(s.running(), "no longer counted among the running searches");
    assertTrue(s.recovered.isDone(), "a server taking it up does not wait for it");
  }
}
