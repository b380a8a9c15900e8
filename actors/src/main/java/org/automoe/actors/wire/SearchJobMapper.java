package org.automoe.actors.wire;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.automoe.core.evo.EvolutionSettings;
import org.automoe.core.evo.constraint.Constraints;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchLength;
import org.automoe.core.search.SearchMode;
import org.automoe.proto.ConstraintsProto;
import org.automoe.proto.EvolutionSettingsProto;
import org.automoe.proto.SearchJobSpecProto;
import org.automoe.proto.SearchModeProto;

/** {@link SearchJobSpec} and {@link SearchJobSpecProto}, with its constraints and settings. */
public final class SearchJobMapper {
  private SearchJobMapper() {}

  public static SearchJobSpecProto toProto(SearchJobSpec s) {
    SearchJobSpecProto.Builder b =
        SearchJobSpecProto.newBuilder()
            .setName(s.name())
            .setSpace(SearchSpaceMapper.toProto(s.space()))
            .setMode(toProto(s.mode()))
            .setConstraints(toProto(s.constraints()))
            .setEvolution(toProto(s.evolution()))
            .setSeed(s.seed());
    if (s.length() instanceof SearchLength.Iterations i) {
      b.setIterations(i.generations());
    } else if (s.length() instanceof SearchLength.Budget budget) {
      b.setBudget(budget.evaluations());
    } else {
      b.setUnbounded(true);
    }
    return b.build();
  }

  public static SearchJobSpec fromProto(SearchJobSpecProto p) {
    Wire.require(p.hasSpace(), "SearchJobSpecProto", "space");
    Wire.require(p.hasConstraints(), "SearchJobSpecProto", "constraints");
    Wire.require(p.hasEvolution(), "SearchJobSpecProto", "evolution");
    var space = SearchSpaceMapper.fromProto(p.getSpace());
    var mode = fromProto(p.getMode());
    var constraints = fromProto(p.getConstraints());
    var evolution = fromProto(p.getEvolution());
    return Wire.build(
        "SearchJobSpecProto",
        () ->
            new SearchJobSpec(
                p.getName(), space, mode, constraints, evolution, length(p), p.getSeed()));
  }

  /**
   * The one length given; zero counts as absent, as written before the unbounded field existed. A
   * negative count is given, and refused by its record.
   */
  private static SearchLength length(SearchJobSpecProto p) {
    int given =
        (p.getIterations() != 0 ? 1 : 0)
            + (p.getBudget() != 0 ? 1 : 0)
            + (p.getUnbounded() ? 1 : 0);
    if (given != 1) {
      throw new WireFormatException(
          "SearchJobSpecProto gives iterations "
              + p.getIterations()
              + ", budget "
              + p.getBudget()
              + " and unbounded "
              + p.getUnbounded()
              + "; expected exactly one of them");
    }
    if (p.getUnbounded()) {
      return new SearchLength.Unbounded();
    }
    return p.getIterations() != 0
        ? new SearchLength.Iterations(p.getIterations())
        : new SearchLength.Budget(p.getBudget());
  }

  public static SearchModeProto toProto(SearchMode m) {
    return switch (m) {
      case GENERATIONAL -> SearchModeProto.SEARCH_MODE_GENERATIONAL;
      case ASYNC -> SearchModeProto.SEARCH_MODE_ASYNC;
    };
  }

  public static SearchMode fromProto(SearchModeProto p) {
    return switch (p) {
      case SEARCH_MODE_GENERATIONAL -> SearchMode.GENERATIONAL;
      case SEARCH_MODE_ASYNC -> SearchMode.ASYNC;
      case SEARCH_MODE_UNSPECIFIED, UNRECOGNIZED ->
          throw new WireFormatException(
              "SearchJobSpecProto.mode is " + p + "; expected GENERATIONAL or ASYNC");
    };
  }

  public static ConstraintsProto toProto(Constraints c) {
    ConstraintsProto.Builder b = ConstraintsProto.newBuilder();
    c.maxLatencyMs().ifPresent(b::setMaxLatencyMs);
    c.maxFlops().ifPresent(b::setMaxFlops);
    c.maxParams().ifPresent(b::setMaxParams);
    return b.build();
  }

  public static Constraints fromProto(ConstraintsProto p) {
    return Wire.build(
        "ConstraintsProto",
        () ->
            new Constraints(
                p.hasMaxLatencyMs()
                    ? OptionalDouble.of(p.getMaxLatencyMs())
                    : OptionalDouble.empty(),
                p.hasMaxFlops() ? OptionalLong.of(p.getMaxFlops()) : OptionalLong.empty(),
                p.hasMaxParams() ? OptionalLong.of(p.getMaxParams()) : OptionalLong.empty()));
  }

  public static EvolutionSettingsProto toProto(EvolutionSettings e) {
    return EvolutionSettingsProto.newBuilder()
        .setPopulation(e.population())
        .setParents(e.parents())
        .setMutants(e.mutants())
        .setCrossovers(e.crossovers())
        .setMutationProbability(e.mutationProbability())
        .setCrossoverProbability(e.crossoverProbability())
        .setMaxDrawsPerChild(e.maxDrawsPerChild())
        .build();
  }

  public static EvolutionSettings fromProto(EvolutionSettingsProto p) {
    return Wire.build(
        "EvolutionSettingsProto",
        () ->
            new EvolutionSettings(
                p.getPopulation(),
                p.getParents(),
                p.getMutants(),
                p.getCrossovers(),
                p.getMutationProbability(),
                p.getCrossoverProbability(),
                p.getMaxDrawsPerChild()));
  }
}
