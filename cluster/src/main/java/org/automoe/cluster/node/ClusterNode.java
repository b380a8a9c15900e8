package org.automoe.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.automoe.actors.node.NodeGuardian;
import org.automoe.actors.worker.SupernetActor;
import org.automoe.core.InvalidInputException;

/**
 * One node of an AutoMoE cluster: an actor system named {@code automoe} with the cluster provider,
 * bound to {@code automoe.cluster.host:port}, with the given roles, joining the given seed nodes
 * (itself when none, which makes a one-node cluster). Its actors run under a {@link NodeGuardian},
 * which starts them and supervises them.
 */
public final class ClusterNode implements AutoCloseable {
  static final String SYSTEM = "automoe";
  static final String EVALUATOR_DISPATCHER = "automoe.search.evaluator-dispatcher";

  /** Starting an actor is quick; a guardian that does not answer in this time is stuck. */
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<NodeGuardian.Command> system;

  private ClusterNode(ActorSystem<NodeGuardian.Command> system) {
    this.system = system;
  }

  /**
   * @param port 0 picks a free port
   * @param seeds host:port of nodes to join; empty to found a cluster alone
   * @param evaluators threads of the evaluator dispatcher (one per evaluator)
   */
  public static ClusterNode start(
      Config base, String host, int port, List<String> roles, List<String> seeds, int evaluators) {
    StringBuilder seedList = new StringBuilder();
    for (String s : seeds) {
      seedList.append(seedList.length() == 0 ? "" : ",").append('"').append(address(s)).append('"');
    }
    Config node =
        ConfigFactory.parseString(
            String.join(
                "\n",
                "pekko.remote.artery.canonical.hostname = \"" + host + "\"",
                "pekko.remote.artery.canonical.port = " + port,
                "pekko.cluster.roles = [" + quoted(roles) + "]",
                "pekko.cluster.seed-nodes = [" + seedList + "]",
                EVALUATOR_DISPATCHER
                    + ".thread-pool-executor.fixed-pool-size = "
                    + Math.max(1, evaluators)));
    Config config = node.withFallback(base).resolve();
    ActorSystem<NodeGuardian.Command> system;
    try {
      system = ActorSystem.create(NodeGuardian.create(), SYSTEM, config);
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "cannot start the cluster node on " + host + ":" + port + ": " + rootMessage(e));
    }
    if (seeds.isEmpty()) {
      Cluster c = Cluster.get(system);
      c.manager().tell(new Join(c.selfMember().address()));
    }
    return new ClusterNode(system);
  }

  /** The node's actor system; its user guardian is the node's {@link NodeGuardian}. */
  public ActorSystem<NodeGuardian.Command> system() {
    return system;
  }

  /**
   * Starts {@code behavior} as the guardian's child {@code name}, stopped if it fails (whoever
   * depends on it watches it).
   *
   * @throws IllegalStateException when the name is taken or the guardian does not answer
   */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    return NodeGuardian.spawn(system, behavior, name, NodeGuardian.Supervision.STOP, SPAWN_TIMEOUT);
  }

  /** The dedicated dispatcher blocking DJL evaluations run on. */
  public Executor evaluatorExecutor() {
    return system.dispatchers().lookup(DispatcherSelector.fromConfig(EVALUATOR_DISPATCHER));
  }

  /**
   * Starts this node's supernet actor, which loads {@code resources} once and then starts {@code
   * evaluators} evaluators (asking {@code prefetch} candidates at a time) and a latency probe.
   *
   * @return completes once they are started, or fails with why the supernet could not be loaded
   */
  public CompletableFuture<String> startEvaluators(
      Callable<SupernetActor.Loaded> resources, int evaluators, int prefetch) {
    CompletableFuture<String> ready = new CompletableFuture<>();
    spawn(
        SupernetActor.create(
            resources,
            new SupernetActor.Settings(
                evaluators, prefetch, evaluatorExecutor(), Clock.systemUTC()),
            ready),
        "supernet");
    return ready;
  }

  /**
   * {@link #startEvaluators}, waiting for them: a supernet that cannot be loaded is a one-line
   * error naming why.
   */
  public void startEvaluatorsAndWait(
      Callable<SupernetActor.Loaded> resources, int evaluators, int prefetch) {
    try {
      startEvaluators(resources, evaluators, prefetch).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof InvalidInputException bad
          ? bad
          : new InvalidInputException("cannot load the supernet: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the supernet", e);
    }
  }

  /** The address a worker passes as {@code --seed} to join this node. */
  public String seedAddress() {
    var a = system.address();
    return a.getHost().orElse("?") + ":" + a.getPort().orElse(0);
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // shutting down anyway
    }
  }

  /** {@code host:port} as a Pekko address of this system name. */
  static String address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new InvalidInputException("seed '" + hostPort + "' is not HOST:PORT");
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("seed '" + hostPort + "': the port is not 1-65535");
    }
    return "pekko://" + SYSTEM + "@" + hostPort;
  }

  private static String quoted(List<String> values) {
    return String.join(",", values.stream().map(v -> '"' + v + '"').toList());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
