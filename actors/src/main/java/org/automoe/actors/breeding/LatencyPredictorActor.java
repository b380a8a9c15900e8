package org.automoe.actors.breeding;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.automoe.core.arch.Architecture;
import org.automoe.core.evo.constraint.LatencyEstimator;

/**
 * Owns the latency predictor and answers batched predictions: one DJL call per request, whatever
 * its size (about 100 us at batch 125). The predictor is not thread-safe; this actor is its only
 * user while a search breeds through it.
 */
public final class LatencyPredictorActor {
  private LatencyPredictorActor() {}

  /** Predict the latency of {@code archs}; {@code requestId} is echoed back. */
  public record Predict(long requestId, List<Architecture> archs, ActorRef<Predicted> replyTo)
      implements NoSerializationVerificationNeeded {}

  /** Milliseconds, one per architecture in order, or why the prediction failed. */
  public record Predicted(long requestId, double[] latencyMs, Optional<String> failure)
      implements NoSerializationVerificationNeeded {}

  public static Behavior<Predict> create(LatencyEstimator predictor) {
    return Behaviors.receive(Predict.class)
        .onMessage(
            Predict.class,
            m -> {
              m.replyTo().tell(predict(predictor, m));
              return Behaviors.same();
            })
        .build();
  }

  private static Predicted predict(LatencyEstimator predictor, Predict m) {
    try {
      double[] ms = predictor.predictMs(m.archs());
      if (ms.length != m.archs().size()) {
        throw new IllegalStateException(
            "the predictor returned " + ms.length + " values for " + m.archs().size());
      }
      return new Predicted(m.requestId(), ms, Optional.empty());
    } catch (RuntimeException e) {
      return new Predicted(m.requestId(), new double[0], Optional.of(e.toString()));
    }
  }
}
