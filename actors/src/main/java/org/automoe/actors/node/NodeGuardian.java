package org.automoe.actors.node;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.InvalidActorNameException;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * The user guardian of a node's actor system: starts the node's actors when asked, each under the
 * supervision its role calls for, so what supervises what is decided in one place (pekko-samples
 * {@code Guardian.java}). A child that stops, for whatever reason, leaves the guardian and the
 * other children running; who needs to know watches it.
 */
public final class NodeGuardian extends AbstractBehavior<NodeGuardian.Command> {

  /** How a child that throws is treated. */
  public enum Supervision {
    /**
     * Stops, the error logged (Pekko's default): for actors a restart would not mend, such as a
     * search coordinator (it would lose its search) or a supernet actor (see {@code
     * SupernetActor}).
     */
    STOP,
    /**
     * Restarts after a pause that grows with each failure in a row: for actors that rebuild what
     * they need when they start, such as evaluators and latency probes.
     */
    RESTART;

    /** {@code behavior} under this supervision. */
    public <T> Behavior<T> apply(Behavior<T> behavior, Backoff backoff) {
      return switch (this) {
        case STOP -> behavior;
        case RESTART -> Behaviors.supervise(behavior).onFailure(backoff.strategy());
      };
    }
  }

  /**
   * How long a failed actor waits before it restarts: {@code min}, doubling with each failure in a
   * row up to {@code max}, each pause varied by up to {@code randomFactor} of itself so that actors
   * failing together do not restart in step.
   */
  public record Backoff(Duration min, Duration max, double randomFactor) {
    public Backoff {
      if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "backoff needs 0 < min <= max, but was min " + min + ", max " + max);
      }
      if (!(randomFactor >= 0 && randomFactor <= 1)) {
        throw new IllegalArgumentException(
            "backoff random factor must be in [0, 1], but was " + randomFactor);
      }
    }

    public static Backoff defaults() {
      return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    }

    BackoffSupervisorStrategy strategy() {
      return SupervisorStrategy.restartWithBackoff(min, max, randomFactor);
    }
  }

  /** What the guardian understands (all local: behaviours do not travel). */
  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /**
   * Start {@code behavior} as the child {@code name}; answered with its reference, or with an error
   * when the name is taken or invalid.
   */
  public record Spawn<T>(
      Behavior<T> behavior,
      String name,
      Supervision supervision,
      ActorRef<StatusReply<ActorRef<T>>> replyTo)
      implements Command {}

  private final Backoff backoff;

  /**
   * Asks the guardian of {@code system} to start {@code behavior} as its child {@code name} and
   * waits for the answer.
   *
   * @throws IllegalStateException when the name is taken or the guardian does not answer in time
   */
  public static <T> ActorRef<T> spawn(
      ActorSystem<Command> system,
      Behavior<T> behavior,
      String name,
      Supervision supervision,
      Duration timeout) {
    try {
      return AskPattern.<Command, ActorRef<T>>askWithStatus(
              system,
              replyTo -> new Spawn<>(behavior, name, supervision, replyTo),
              timeout,
              system.scheduler())
          .toCompletableFuture()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot start " + name + ": " + cause.getMessage(), cause);
    }
  }

  public static Behavior<Command> create() {
    return create(Backoff.defaults());
  }

  /**
   * @param backoff the restart pauses of children spawned with {@link Supervision#RESTART}
   */
  public static Behavior<Command> create(Backoff backoff) {
    return Behaviors.setup(ctx -> new NodeGuardian(ctx, backoff));
  }

  private NodeGuardian(ActorContext<Command> ctx, Backoff backoff) {
    super(ctx);
    this.backoff = backoff;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Spawn.class, this::onSpawn).build();
  }

  private <T> Behavior<Command> onSpawn(Spawn<T> m) {
    try {
      ActorRef<T> child =
          getContext().spawn(m.supervision().apply(m.behavior(), backoff), m.name());
      getContext().getLog().debug("started {} ({})", child.path(), m.supervision());
      m.replyTo().tell(StatusReply.success(child));
    } catch (InvalidActorNameException e) {
      m.replyTo().tell(StatusReply.error("cannot start '" + m.name() + "': " + e.getMessage()));
    }
    return this;
  }
}
