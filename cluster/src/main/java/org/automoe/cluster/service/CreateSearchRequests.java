package org.automoe.cluster.service;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.pekko.grpc.GrpcServiceException;
import org.automoe.actors.wire.SearchSpaceMapper;
import org.automoe.cluster.search.SearchJobs;
import org.automoe.cluster.search.SearchManifest;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;
import org.automoe.proto.ConstraintsProto;
import org.automoe.proto.CreateSearchRequest;
import org.automoe.proto.EvaluatorKindProto;
import org.automoe.proto.SearchModeProto;

/**
 * A CreateSearch request checked field by field and turned into a search's manifest; a bad field is
 * INVALID_ARGUMENT naming it, an unknown supernet or predictor NOT_FOUND.
 */
final class CreateSearchRequests {
  /** Most generations of a generational search. */
  static final int MAX_ITERATIONS = 10_000;

  /** Largest population: every member is bred and evaluated before the search breeds on. */
  static final int MAX_POPULATION = 10_000;

  /** Most evaluations of a search with a budget. */
  static final int MAX_BUDGET = 100_000_000;

  private CreateSearchRequests() {}

  /**
   * What the server offers searches: its supernet (by name, with its space) and its latency
   * predictor, when it has one.
   */
  record Offer(
      String supernetName,
      Path supernet,
      SearchSpace space,
      Optional<String> predictorName,
      Optional<Path> predictor) {}

  static GrpcServiceException invalid(String field, String why) {
    return new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(field + ": " + why));
  }

  /** The manifest of a new search {@code id} for {@code r}. */
  static SearchManifest manifest(String id, CreateSearchRequest r, Offer offer) {
    if (!ServiceRecord.REQUEST_ID.matcher(r.getRequestId()).matches()) {
      throw invalid("request_id", "1 to 128 characters of letters, digits, '.', '_' and '-'");
    }
    if (r.getEvaluatorKind() == EvaluatorKindProto.EVALUATOR_KIND_EXTERNAL) {
      throw new GrpcServiceException(
          Status.UNIMPLEMENTED.withDescription(
              "evaluator_kind: external evaluation (AskCandidates, TellResults) is not served by"
                  + " this server yet; use EVALUATOR_KIND_CLUSTER"));
    }
    if (r.getEvaluatorKind() == EvaluatorKindProto.UNRECOGNIZED) {
      throw invalid("evaluator_kind", "unknown value");
    }
    checkSpace(r, offer);
    if (!r.getSupernet().isEmpty() && !r.getSupernet().equals(offer.supernetName())) {
      throw new GrpcServiceException(
          Status.NOT_FOUND.withDescription(
              "supernet: '"
                  + r.getSupernet()
                  + "' is not registered here; this server searches '"
                  + offer.supernetName()
                  + "'"));
    }
    if (!r.getPredictor().isEmpty()
        && !Optional.of(r.getPredictor()).equals(offer.predictorName())) {
      throw new GrpcServiceException(
          Status.NOT_FOUND.withDescription(
              "predictor: '"
                  + r.getPredictor()
                  + "' is not registered here"
                  + offer.predictorName().map(n -> "; this server has '" + n + "'").orElse("")));
    }
    String mode =
        switch (r.getMode()) {
          case SEARCH_MODE_ASYNC -> "async";
          case SEARCH_MODE_GENERATIONAL -> "generational";
          case SEARCH_MODE_UNSPECIFIED, UNRECOGNIZED ->
              throw invalid("mode", "SEARCH_MODE_ASYNC or SEARCH_MODE_GENERATIONAL");
        };
    int lengths =
        (r.getIterations() != 0 ? 1 : 0)
            + (r.getBudget() != 0 ? 1 : 0)
            + (r.getContinuous() ? 1 : 0);
    if (lengths != 1) {
      throw invalid("iterations, budget, continuous", "give exactly one of them");
    }
    if (r.getMode() == SearchModeProto.SEARCH_MODE_GENERATIONAL && r.getIterations() == 0) {
      throw invalid("iterations", "a generational search needs iterations");
    }
    if (r.getMode() == SearchModeProto.SEARCH_MODE_ASYNC && r.getIterations() != 0) {
      throw invalid("iterations", "an async search takes a budget or runs continuously");
    }
    if (r.getIterations() < 0 || r.getIterations() > MAX_ITERATIONS) {
      throw invalid(
          "iterations", "must be in [1, " + MAX_ITERATIONS + "], not " + r.getIterations());
    }
    if (r.getBudget() < 0 || r.getBudget() > MAX_BUDGET) {
      throw invalid("budget", "must be in [1, " + MAX_BUDGET + "], not " + r.getBudget());
    }
    if (r.getPopulation() < 0 || r.getPopulation() > MAX_POPULATION) {
      throw invalid(
          "population",
          "must be in [5, "
              + MAX_POPULATION
              + "], or 0 for the paper's 125, not "
              + r.getPopulation());
    }
    if (r.getDisplayName().length() > 200) {
      throw invalid("display_name", "200 characters at most");
    }
    OptionalInt population =
        r.getPopulation() == 0 ? OptionalInt.empty() : OptionalInt.of(r.getPopulation());
    try {
      SearchJobs.evolution(population.isPresent() ? population.getAsInt() : null);
    } catch (InvalidInputException e) {
      throw invalid("population", e.getMessage().replace("--population ", ""));
    }
    ConstraintsProto c = r.getConstraints();
    if (c.hasMaxLatencyMs()) {
      if (!(c.getMaxLatencyMs() > 0) || Double.isInfinite(c.getMaxLatencyMs())) {
        throw invalid("constraints.max_latency_ms", "must be a positive number of milliseconds");
      }
      if (offer.predictor().isEmpty()) {
        throw new GrpcServiceException(
            Status.FAILED_PRECONDITION.withDescription(
                "constraints.max_latency_ms: this server has no latency predictor"));
      }
    }
    if (c.hasMaxFlops() && c.getMaxFlops() <= 0) {
      throw invalid("constraints.max_flops", "must be positive");
    }
    if (c.hasMaxParams() && c.getMaxParams() <= 0) {
      throw invalid("constraints.max_params", "must be positive");
    }
    return new SearchManifest(
        id,
        offer.supernet(),
        c.hasMaxLatencyMs() ? offer.predictor() : Optional.empty(),
        mode,
        r.getBudget() == 0 ? OptionalInt.empty() : OptionalInt.of(r.getBudget()),
        r.getIterations() == 0 ? OptionalInt.empty() : OptionalInt.of(r.getIterations()),
        population,
        r.getSeed() == 0 ? 1 : r.getSeed(),
        c.hasMaxLatencyMs() ? OptionalDouble.of(c.getMaxLatencyMs()) : OptionalDouble.empty(),
        c.hasMaxFlops() ? OptionalDouble.of(c.getMaxFlops() / 1e9) : OptionalDouble.empty(),
        c.hasMaxParams() ? OptionalDouble.of(c.getMaxParams() / 1e6) : OptionalDouble.empty());
  }

  /** The space must be the supernet's: its evaluators hold no weights for any other. */
  private static void checkSpace(CreateSearchRequest r, Offer offer) {
    if (!r.getSpaceName().isEmpty() && r.hasSpace()) {
      throw invalid("space_name, space", "give one of them, or neither for the supernet's space");
    }
    if (!r.getSpaceName().isEmpty()
        && !r.getSpaceName().toLowerCase(Locale.ROOT).equals(offer.space().name())) {
      throw invalid(
          "space_name",
          "'"
              + r.getSpaceName()
              + "': this server's supernet searches '"
              + offer.space().name()
              + "'");
    }
    if (r.hasSpace()) {
      SearchSpace given;
      try {
        given = SearchSpaceMapper.fromProto(r.getSpace());
      } catch (RuntimeException e) {
        throw invalid("space", e.getMessage());
      }
      if (!given.equals(offer.space())) {
        throw invalid(
            "space", "an inline space must be the supernet's ('" + offer.space().name() + "')");
      }
    }
  }
}
