package org.automoe.actors.worker;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.core.search.Evaluator;

/**
 * One per worker node: loads the supernet once (off the actor threads), then starts the node's
 * evaluators with a read-only handle to it and a {@link LatencyProbe} that measures on it. It owns
 * what it loaded and releases it when it stops.
 */
public final class SupernetActor {
  private SupernetActor() {}

  /** What a worker node loads once. */
  public interface Loaded extends AutoCloseable {
    /** Inherited-weight validation loss; safe to call from several threads. */
    Evaluator evaluator();

    /** Real latency measurements on this node. */
    LatencyProbe.Meter meter();

    /** Identifies the supernet's weights; evaluators join only searches of the same one. */
    String fingerprint();

    /** For the log: what was loaded. */
    String description();

    @Override
    void close();
  }

  /**
   * @param evaluators evaluator actors to start
   * @param prefetch candidates each evaluator keeps in hand
   * @param blocking where loading, evaluations and measurements run (one DJL thread each)
   */
  public record Settings(int evaluators, int prefetch, Executor blocking, Clock clock) {
    public Settings {
      if (evaluators < 1 || prefetch < 1) {
        throw new IllegalArgumentException("evaluators and prefetch must be at least 1");
      }
    }
  }

  /** What the supernet actor understands (all local). */
  public sealed interface Command extends NoSerializationVerificationNeeded {}

  private record LoadDone(Loaded loaded, Throwable error) implements Command {}

  /**
   * @param ready completed with the loaded description once the evaluators run, or exceptionally
   *     with the loading error (the actor then stops)
   */
  public static Behavior<Command> create(
      Callable<Loaded> loader, Settings settings, CompletableFuture<String> ready) {
    return Behaviors.setup(
        ctx -> {
          ctx.pipeToSelf(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return loader.call();
                    } catch (Exception e) {
                      throw new CompletionException(e);
                    }
                  },
                  settings.blocking()),
              (loaded, error) -> new LoadDone(loaded, error));
          return Behaviors.receive(Command.class)
              .onMessage(LoadDone.class, m -> onLoaded(ctx, m, settings, ready))
              .build();
        });
  }

  private static Behavior<Command> onLoaded(
      ActorContext<Command> ctx, LoadDone m, Settings settings, CompletableFuture<String> ready) {
    if (m.error() != null) {
      Throwable cause =
          m.error() instanceof CompletionException && m.error().getCause() != null
              ? m.error().getCause()
              : m.error();
      ctx.getLog().error("the supernet could not be loaded: {}", cause.getMessage());
      ready.completeExceptionally(cause);
      return Behaviors.stopped();
    }
    Loaded loaded = m.loaded();
    for (int i = 0; i < settings.evaluators(); i++) {
      ctx.spawn(
          EvaluatorActor.create(
              loaded.evaluator(),
              settings.blocking(),
              settings.prefetch(),
              settings.clock(),
              loaded.fingerprint()),
          "evaluator-" + i);
    }
    ctx.spawn(LatencyProbe.create(loaded.meter(), settings.blocking()), "latency-probe");
    ctx.getLog()
        .info(
            "{} loaded; {} evaluators and a latency probe started",
            loaded.description(),
            settings.evaluators());
    ready.complete(loaded.description());
    return Behaviors.receive(Command.class)
        .onSignal(
            PostStop.class,
            s -> {
              loaded.close();
              return Behaviors.same();
            })
        .build();
  }
}
