package org.automoe.cluster.node;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.automoe.cluster.run.RunSettings;
import org.automoe.cluster.search.SearchSettings;
import org.automoe.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe node}: a worker JVM that joins a running search's cluster and evaluates for it
 * until stopped. Stopping it (Ctrl-C, SIGTERM) leaves the cluster; the candidates it held are
 * handed to the other evaluators, so none is lost.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Start a worker node: load the supernet, join the cluster at --seed and evaluate the"
          + " candidates its coordinator hands out, until stopped."
    })
public final class NodeCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

  @Option(
      names = "--roles",
      defaultValue = "worker",
      split = ",",
      description = "node roles; only worker (the coordinator runs with `automoe search`)")
  List<String> roles;

  @Option(names = "--seed", required = true, description = "HOST:PORT of a node of the cluster")
  String seed;

  @Option(names = "--run", description = "run directory holding supernet/")
  Path run;

  @Option(names = "--supernet", description = "trained supernet folder (default: RUN/supernet)")
  Path supernet;

  @Option(
      names = "--evaluators",
      description = "evaluators here (default: automoe.search.evaluators)")
  Integer evaluators;

  @Option(names = "--port", defaultValue = "0", description = "port to bind (default: any free)")
  int port;

  @Option(names = "--config", description = "HOCON file overriding the packaged application.conf")
  Path config;

  @Override
  public void run() {
    if (!roles.equals(List.of("worker"))) {
      throw new InvalidInputException(
          "--roles: a node started this way is a worker; the coordinator runs with `automoe"
              + " search`");
    }
    ClusterNode.address(seed); // checks HOST:PORT before anything heavy
    Path net = supernet != null ? supernet : run != null ? run.resolve("supernet") : null;
    if (net == null) {
      throw new InvalidInputException("give --run DIR or --supernet DIR");
    }
    Config conf = RunSettings.load(config);
    SearchSettings search = SearchSettings.from(conf);
    int n = evaluators != null ? evaluators : search.evaluators();
    if (n < 1 || n > 64) {
      throw new InvalidInputException("--evaluators = " + n + ": must be in [1, 64]");
    }
    if (!Files.isDirectory(net)) {
      throw new InvalidInputException(net + ": no supernet folder (train one first)");
    }
    int validSentences = search.validSentences();
    try (ClusterNode node =
        ClusterNode.start(
            conf, conf.getString("automoe.cluster.host"), port, roles, List.of(seed), n)) {
      node.startEvaluatorsAndWait(
          () -> WorkerResources.load(net, validSentences), n, search.prefetch());
      LOG.info(
          "worker node {}: {} evaluators and a latency probe, joining {}",
          node.seedAddress(),
          n,
          seed);
      node.system().getWhenTerminated().toCompletableFuture().join();
      Optional<CoordinatedShutdown.Reason> reason =
          CoordinatedShutdown.get(node.system()).getShutdownReason();
      if (reason.isEmpty() || !reason.get().equals(CoordinatedShutdown.jvmExitReason())) {
        throw new NodeLostException(
            "worker node "
                + node.seedAddress()
                + " left the cluster ("
                + describe(reason)
                + "); start it again to join the next coordinator");
      }
    }
  }

  private static String describe(Optional<CoordinatedShutdown.Reason> reason) {
    if (reason.isEmpty()) {
      return "its actor system stopped";
    }
    CoordinatedShutdown.Reason r = reason.get();
    if (r.equals(CoordinatedShutdown.clusterDowningReason())) {
      return "downed: its coordinator's side of the cluster became unreachable";
    }
    if (r.equals(CoordinatedShutdown.clusterLeavingReason())) {
      return "it was asked to leave";
    }
    if (r.equals(CoordinatedShutdown.clusterJoinUnsuccessfulReason())) {
      return "it could not join its seed";
    }
    return String.valueOf(r);
  }
}
