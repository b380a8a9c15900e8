package org.automoe.core.evo.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.automoe.core.InvalidInputException;

/**
 * The hard limits of a search: maximum predicted latency, maximum FLOPs, maximum non-embedding
 * parameters; an empty optional means no limit.
 */
public record Constraints(
    OptionalDouble maxLatencyMs, OptionalLong maxFlops, OptionalLong maxParams) {
  public static final Constraints NONE =
      new Constraints(OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());

  public Constraints {
    if (maxLatencyMs.isPresent() && !(maxLatencyMs.getAsDouble() > 0)) {
      throw new InvalidInputException(
          "max latency must be positive, but was " + maxLatencyMs.getAsDouble() + " ms");
    }
    if (maxFlops.isPresent() && maxFlops.getAsLong() <= 0) {
      throw new InvalidInputException(
          "max FLOPs must be positive, but was " + maxFlops.getAsLong());
    }
    if (maxParams.isPresent() && maxParams.getAsLong() <= 0) {
      throw new InvalidInputException(
          "max params must be positive, but was " + maxParams.getAsLong());
    }
  }

  /** The limits as constraint operators, latency first. */
  public List<Constraint> asList() {
    List<Constraint> out = new ArrayList<>();
    maxLatencyMs.ifPresent(limit -> out.add(a -> latency(a, limit)));
    maxFlops.ifPresent(
        limit ->
            out.add(
                a ->
                    a.cost().flops() <= limit
                        ? Optional.empty()
                        : Optional.of("FLOPs " + a.cost().flops() + " > max " + limit)));
    maxParams.ifPresent(
        limit ->
            out.add(
                a ->
                    a.cost().paramsNonEmbedding() <= limit
                        ? Optional.empty()
                        : Optional.of(
                            "params " + a.cost().paramsNonEmbedding() + " > max " + limit)));
    return out;
  }

  /** True when a latency limit is set, so a predictor is needed. */
  public boolean needsLatency() {
    return maxLatencyMs.isPresent();
  }

  private static Optional<String> latency(Assessment a, double limit) {
    double ms = a.predictedLatencyMs();
    if (Double.isNaN(ms)) {
      return Optional.of("no latency prediction for a latency limit");
    }
    return ms <= limit
        ? Optional.empty()
        : Optional.of(String.format(Locale.ROOT, "latency %.2f ms > max %.2f ms", ms, limit));
  }
}
