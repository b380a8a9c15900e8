package org.automoe.cluster.search;

import java.util.Locale;
import java.util.OptionalLong;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.core.space.SearchSpace;

/**
 * A search's job from its manifest, checked: what `automoe search` and the search service both
 * start from, so a search resumed by either is the same job.
 */
public final class SearchJobs {
  private SearchJobs() {}

  /** The job of {@code manifest} on {@code space} (the supernet's). */
  public static SearchJobSpec spec(SearchManifest manifest, SearchSpace space) {
    SearchMode m = parseMode(manifest.mode());
    return new SearchJobSpec(
        "search",
        space,
        m,
        limits(manifest),
        evolution(manifest.population().isPresent() ? manifest.population().getAsInt() : null),
        length(m, manifest),
        manifest.seed());
  }

  /** The search length of a manifest, or a continuous search (async mode only). */
  static SearchLength length(SearchMode m, SearchManifest manifest) {
    if (manifest.budget().isPresent()) {
      return new SearchLength.Budget(manifest.budget().getAsInt());
    }
    if (manifest.iterations().isPresent()) {
      return new SearchLength.Iterations(manifest.iterations().getAsInt());
    }
    if (m == SearchMode.GENERATIONAL) {
      throw new InvalidInputException(
          "--mode generational needs --iterations; a continuous search is --mode async");
    }
    return new SearchLength.Unbounded();
  }

  static Constraints limits(SearchManifest m) {
    return new Constraints(
        m.maxLatencyMs(),
        m.maxGflops().isPresent()
            ? OptionalLong.of(Math.round(m.maxGflops().getAsDouble() * 1e9))
            : OptionalLong.empty(),
        m.maxMillionParams().isPresent()
            ? OptionalLong.of(Math.round(m.maxMillionParams().getAsDouble() * 1e6))
            : OptionalLong.empty());
  }

  public static SearchMode parseMode(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "async" -> SearchMode.ASYNC;
      case "generational" -> SearchMode.GENERATIONAL;
      default ->
          throw new InvalidInputException(
              "--mode must be async or generational, but was '" + name + "'");
    };
  }

  /** The paper's constants, or a population of the given size in the paper's proportions. */
  public static EvolutionSettings evolution(Integer population) {
    EvolutionSettings paper = EvolutionSettings.paper();
    if (population == null) {
      return paper;
    }
    if (population < 5) {
      throw new InvalidInputException("--population must be at least 5, but was " + population);
    }
    int parents = population / 5;
    int mutants = (population - parents) / 2;
    return new EvolutionSettings(
        population,
        parents,
        mutants,
        population - parents - mutants,
        paper.mutationProbability(),
        paper.crossoverProbability(),
        paper.maxDrawsPerChild());
  }
}
