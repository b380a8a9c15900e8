package org.automoe.core.search;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.Breeder;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.ChildMaker;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.evo.constraint.Assessment;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.evo.constraint.LatencyEstimator;
import org.automoe.core.evo.constraint.Screen;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** The small space under a FLOPs limit, with a synthetic fitness, for the search's unit tests. */
final class SearchSamples {
  static final SearchSpace SMALL = BuiltInSpaces.small();
  static final GenomeLayout LAYOUT = new GenomeLayout(SMALL);
  static final CostModel COST = new CostModel(CostSettings.of(SMALL));
  static final Constraints LIMIT =
      new Constraints(OptionalDouble.empty(), OptionalLong.of(80_000_000L), OptionalLong.empty());
  static final EvolutionSettings EVOLUTION = new EvolutionSettings(20, 5, 8, 7, 0.3, 0.5, 1000);
  static final Screen SCREEN = new Screen(LAYOUT, COST, LatencyEstimator.NONE, LIMIT);
  static final ChildMaker MAKER = new ChildMaker(LAYOUT, EVOLUTION, 10);

  private SearchSamples() {}

  static SearchJobSpec spec(SearchMode mode, SearchLength length, long seed) {
    return new SearchJobSpec("test", SMALL, mode, LIMIT, EVOLUTION, length, seed);
  }

  /** A short generational job: two generations after the first population. */
  static SearchJobSpec twoGenerations() {
    return spec(SearchMode.GENERATIONAL, new SearchLength.Iterations(2), 11);
  }

  /** A short steady-state job: 40 evaluations. */
  static SearchJobSpec fortyEvaluations() {
    return spec(SearchMode.ASYNC, new SearchLength.Budget(40), 12);
  }

  /** Bigger is better, with a fixed per-architecture jitter so ranks are not trivial. */
  static double loss(Candidate c) {
    return 10.0
        - Math.log(c.cost().paramsActive())
        + Math.floorMod(c.architecture().key().hashCode(), 1000) / 5000.0;
  }

  /** A random architecture of the small space, drawn from seed {@code id}. */
  static Candidate candidate(long id) {
    Architecture a = LAYOUT.decode(genome(id));
    return new Candidate(id, id, 0, a, COST.cost(a), Double.NaN);
  }

  static Genome genome(long seed) {
    return new RandomSampler(LAYOUT).sample(Seeds.rng(seed));
  }

  /** The individual a bred child becomes under id {@code id}, with the synthetic loss. */
  static Individual evaluated(Breeder.Child child, long id) {
    Assessment a = child.screened().assessment();
    Candidate c =
        new Candidate(id, child.seed(), 0, a.architecture(), a.cost(), a.predictedLatencyMs());
    return new Individual(c, child.screened().genome(), loss(c));
  }

  /** An individual of a random architecture with the given loss. */
  static Individual individual(long id, double loss) {
    return new Individual(candidate(id), genome(id), loss);
  }

  /** Makes the round's children the way the generator and predictor actors do, and closes it. */
  static PopulationStrategy.Brood close(
      PopulationStrategy p, BreedingRound round, Predicate<String> isNew) {
    List<Genome> children =
        round.draws().stream().map(d -> MAKER.make(d, round.parents())).toList();
    List<Architecture> archs = SCREEN.decode(children);
    return p.closeRound(round, children, archs, LatencyEstimator.NONE.predictMs(archs), isNew);
  }
}
