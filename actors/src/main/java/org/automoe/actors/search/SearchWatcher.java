package org.automoe.actors.search;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a search's coordinator as its child and fails {@code done} when the coordinator stops before
 * the search has finished: when it throws (the cause is named), is stopped, or goes down with the
 * node. Whoever awaits the search thus never waits on a coordinator that is gone. The coordinator's
 * listener completes {@code done} when the search finishes; failing a future already completed
 * changes nothing, so the watcher need not know which came first. It stops with its coordinator.
 */
public final class SearchWatcher {
  private SearchWatcher() {}

  private static final String STOPPED = "the search coordinator stopped before the search finished";

  /** The reason given when the coordinator's node shut down (Ctrl-C, a stop of its JVM). */
  public static final String NODE_SHUT_DOWN = "the node shut down";

  /**
   * @param coordinator the coordinator to run, as the child {@code coordinator}
   * @param done failed with an {@link IllegalStateException} if the coordinator stops first
   */
  public static Behavior<Void> create(
      Behavior<SearchCoordinator.Command> coordinator, CompletableFuture<?> done) {
    return Behaviors.setup(ctx -> watching(ctx, coordinator, done));
  }

  private static Behavior<Void> watching(
      ActorContext<Void> ctx,
      Behavior<SearchCoordinator.Command> coordinator,
      CompletableFuture<?> done) {
    ctx.watch(ctx.spawn(coordinator, "coordinator"));
    // ChildFailed is a Terminated: it must be matched first.
    return Behaviors.receive(Void.class)
        .onSignal(
            ChildFailed.class, s -> stopped(done, reason(cause(s.getCause())), cause(s.getCause())))
        .onSignal(Terminated.class, s -> stopped(done, "it was stopped", null))
        .onSignal(PostStop.class, s -> stopped(done, NODE_SHUT_DOWN, null))
        .build();
  }

  /** Fails {@code done}, its exception carrying the coordinator's (for a debug trace). */
  private static Behavior<Void> stopped(CompletableFuture<?> done, String reason, Throwable why) {
    done.completeExceptionally(new IllegalStateException(STOPPED + ": " + reason, why));
    return Behaviors.stopped();
  }

  /**
   * What went wrong: a journal's failure (Pekko Persistence wraps it in its own exceptions, with
   * sequence numbers) is named by its innermost cause, which says it in our words.
   */
  private static String reason(Throwable t) {
    if (!t.getClass().getName().startsWith("org.apache.pekko.persistence")) {
      return String.valueOf(t);
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : String.valueOf(root);
  }

  /** A failure while starting comes wrapped; the wrapped one says what went wrong. */
  private static Throwable cause(Throwable t) {
    return t instanceof ActorInitializationException && t.getCause() != null ? t.getCause() : t;
  }
}
