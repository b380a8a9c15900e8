package org.automoe.actors.search;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.search.SearchSnapshot;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** Searches over the small space with a synthetic fitness, for driving the actors in tests. */
final class SearchFixtures {
  private SearchFixtures() {}

  static final SearchSpace SMALL = BuiltInSpaces.small();
  static final CostModel COST = new CostModel(CostSettings.of(SMALL));
  static final Constraints LIMIT =
      new Constraints(OptionalDouble.empty(), OptionalLong.of(80_000_000L), OptionalLong.empty());

  /** Every local message crosses the project's serializer, as it would between nodes. */
  static final Config SERIALIZE_ALL =
      ConfigFactory.parseString(
              "pekko.actor.serialize-messages = on\n"
                  + "pekko.actor.allow-java-serialization = off\n"
                  + "pekko.loglevel = WARNING\n")
          .withFallback(ConfigFactory.load());

  /** Candidate {@code id}: a random architecture of {@link #SMALL}, drawn from seed {@code id}. */
  static Candidate candidate(long id) {
    GenomeLayout layout = new GenomeLayout(SMALL);
    Architecture a =
        layout.decode(new RandomSampler(layout).sample(Seeds.rng(Seeds.derive(7, id))));
    return new Candidate(id, Seeds.derive(7, id), 0, a, COST.cost(a), 10.0);
  }

  /** Bigger is better, with a fixed per-architecture jitter. */
  static double loss(Candidate c) {
    return 10.0
        - Math.log(c.cost().paramsActive())
        + Math.floorMod(c.architecture().key().hashCode(), 1000) / 5000.0;
  }

  /** A continuous async search: it runs until stopped. */
  static SearchState unbounded(long seed) {
    SearchJobSpec spec =
        new SearchJobSpec(
            "forever",
            SMALL,
            SearchMode.ASYNC,
            LIMIT,
            new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000),
            new SearchLength.Unbounded(),
            seed);
    return new SearchState(
        spec,
        new Screen(new GenomeLayout(SMALL), COST, LatencyEstimator.NONE, LIMIT),
        SearchState.Settings.defaults());
  }

  static SearchState async(int budget, long seed, SearchState.Settings settings) {
    return async(budget, seed, settings, Optional.empty());
  }

  /** A steady-state search with a budget: fresh, or restored from {@code snapshot}. */
  static SearchState async(
      int budget, long seed, SearchState.Settings settings, Optional<SearchSnapshot> snapshot) {
    SearchJobSpec spec =
        new SearchJobSpec(
            "test",
            SMALL,
            SearchMode.ASYNC,
            LIMIT,
            new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000),
            new SearchLength.Budget(budget),
            seed);
    return SearchState.of(spec, SCREEN, settings, snapshot);
  }

  /** The paper's generational search, on a population of 20. */
  static SearchState generational(int generations, long seed) {
    return generational(generations, seed, Optional.empty());
  }

  /** The paper's generational search: fresh, or restored from {@code snapshot}. */
  static SearchState generational(int generations, long seed, Optional<SearchSnapshot> snapshot) {
    SearchJobSpec spec =
        new SearchJobSpec(
            "generations",
            SMALL,
            SearchMode.GENERATIONAL,
            LIMIT,
            new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000),
            new SearchLength.Iterations(generations),
            seed);
    return SearchState.of(spec, SCREEN, SearchState.Settings.defaults(), snapshot);
  }

  private static final Screen SCREEN =
      new Screen(new GenomeLayout(SMALL), COST, LatencyEstimator.NONE, LIMIT);

  /** Collects progress and completes when the search finishes. */
  static class Outcome implements SearchCoordinator.Listener {
    final CompletableFuture<SearchState.Result> result = new CompletableFuture<>();
    final List<SearchStatus> progress = new ArrayList<>();
    final List<Individual> evaluated = new CopyOnWriteArrayList<>();
    volatile SearchStatus last;
    final List<SearchState.Result> snapshots = new CopyOnWriteArrayList<>();

    @Override
    public void snapshot(SearchState.Result r, SearchStatus status) {
      snapshots.add(r);
    }

    @Override
    public void evaluated(Individual i) {
      evaluated.add(i);
    }

    @Override
    public synchronized void progress(SearchStatus status) {
      progress.add(status);
    }

    @Override
    public void finished(SearchState.Result r, SearchStatus status) {
      last = status;
      result.complete(r);
    }
  }
}
