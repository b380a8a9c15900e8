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
import org.automoe.actors.node.NodeGuardian;
import org.automoe.actors.search.EvaluatorActor;
import org.automoe.core.search.Evaluator;

/**
 * One per worker node: loads the supernet once (off the actor threads), then starts the node's
 * evaluators with a read-only handle to it and a {@link LatencyProbe} that measures on it, both
 * restarted with backoff if they fail. It owns what it loaded and releases it when it stops.
 *
 * <p>Spawn it without restarts ({@link NodeGuardian.Supervision#STOP}). A load that fails is not an
 * actor failure: the actor completes {@code ready} with the error and stops, and the node reports
 * it. Restarting would be wrong: the usual causes (no checkpoint, a wrong folder, a corrupt file,
 * too little memory) fail again on every attempt, each one reading the whole supernet while the
 * node has already said it could not start; an operator or process supervisor reruns the node once
 * the cause is fixed.
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
   * @param probe the latency probe's settings
   * @param restart pauses before a failed evaluator or probe restarts
   */
  public record Settings(
      int evaluators,
      int prefetch,
      Executor blocking,
      Clock clock,
      LatencyProbe.Settings probe,
      NodeGuardian.Backoff restart) {
    public Settings {
      if (evaluators < 1 || prefetch < 1) {
        throw new IllegalArgumentException("evaluators and prefetch must be at least 1");
      }
    }

    /** The default probe settings and restart pauses. */
    public Settings(int evaluators, int prefetch, Executor blocking, Clock clock) {
      this(
          evaluators,
          prefetch,
          blocking,
          clock,
          LatencyProbe.Settings.defaults(),
          NodeGuardian.Backoff.defaults());
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
          restarting(
              EvaluatorActor.create(
                  loaded.evaluator(),
                  settings.blocking(),
                  settings.prefetch(),
                  settings.clock(),
                  loaded.fingerprint()),
              settings),
          "evaluator-" + i);
    }
    ctx.spawn(
        restarting(
            LatencyProbe.create(loaded.meter(), settings.blocking(), settings.probe()), settings),
        "latency-probe");
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

  private static <T> Behavior<T> restarting(Behavior<T> behavior, Settings settings) {
    return NodeGuardian.Supervision.RESTART.apply(behavior, settings.restart());
  }
}
