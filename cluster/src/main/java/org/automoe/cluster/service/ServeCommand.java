package org.automoe.cluster.service;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.automoe.cluster.node.ClusterNode;
import org.automoe.cluster.node.WorkerResources;
import org.automoe.cluster.run.RunSettings;
import org.automoe.cluster.search.SearchJournal;
import org.automoe.cluster.search.SearchRun;
import org.automoe.cluster.search.SearchSettings;
import org.automoe.cluster.search.SearchSetup;
import org.automoe.core.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe serve}: a node with the coordinator role and evaluators of its own that serves the
 * search service over gRPC, its searches kept in {@code --data DIR} and taken up again when it
 * starts.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve searches over gRPC (automoe.v1.SearchService, grpc.health.v1.Health, reflection)"
            + " until stopped; searches in --data survive restarts.")
public final class ServeCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--run", description = "run directory holding supernet/ (and latency/)")
  Path run;

  @Option(names = "--supernet", description = "trained supernet folder (default: RUN/supernet)")
  Path supernet;

  @Option(
      names = "--predictor",
      description = "latency predictor (default: RUN/latency/predictor.bin when there is one)")
  Path predictor;

  @Option(
      names = "--data",
      defaultValue = "automoe-service",
      description = "folder of the searches and their journal (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--host", description = "address to bind (default: automoe.service.host)")
  String host;

  @Option(names = "--port", description = "gRPC port, 0 for any free (default: 50051)")
  Integer port;

  @Option(names = "--evaluators", description = "evaluators on this node (default: the config's)")
  Integer evaluators;

  @Option(names = "--config", description = "HOCON file overriding the packaged application.conf")
  Path config;

  @Override
  public void run() {
    Config conf = RunSettings.load(config);
    ServiceSettings settings =
        ServiceSettings.from(conf, Optional.ofNullable(host), Optional.ofNullable(port));
    SearchSettings search = SearchSettings.from(conf);
    SearchJournal journal = SearchJournal.from(conf);
    int n = evaluators != null ? evaluators : search.evaluators();
    if (n < 1 || n > 64) {
      throw new InvalidInputException("--evaluators = " + n + ": must be in [1, 64]");
    }
    Path net = supernet != null ? supernet : run != null ? run.resolve("supernet") : null;
    if (net == null) {
      throw new InvalidInputException("give --run DIR or --supernet DIR");
    }
    Path model = predictor;
    if (model == null && run != null && Files.isRegularFile(run.resolve("latency/predictor.bin"))) {
      model = run.resolve("latency/predictor.bin");
    }
    if (!settings.loopback() && settings.token().isEmpty()) {
      LOG.warn(
          "serving on {} without a token: anyone who reaches it can create and stop searches"
              + " (set AUTOMOE_SERVICE_TOKEN)",
          settings.host());
    }
    journal.checkNotInUse(data);
    try (SearchSetup setup = SearchSetup.open(net, model, search.validSentences());
        ClusterNode node =
            ClusterNode.start(
                journal.over(conf, data),
                conf.getString("automoe.cluster.host"),
                conf.getInt("automoe.cluster.port"),
                List.of(SearchRun.COORDINATOR_ROLE, "worker"),
                List.of(),
                n)) {
      journal.createTables(node.system(), data);
      node.startEvaluatorsAndWait(() -> WorkerResources.sharing(setup), n, search.prefetch());
      CreateSearchRequests.Offer offer =
          new CreateSearchRequests.Offer(
              net.toAbsolutePath().normalize().getFileName().toString(),
              net.toAbsolutePath().normalize(),
              setup.net().space(),
              Optional.ofNullable(model).map(p -> p.getFileName().toString()),
              Optional.ofNullable(model).map(p -> p.toAbsolutePath().normalize()));
      SearchRegistry registry =
          new SearchRegistry(
              node.system(),
              data,
              offer,
              setup.cost(),
              setup.fingerprint(),
              search.state(),
              journal,
              settings.maxSearches());
      int taken = registry.takeUp();
      ServerBinding binding =
          GrpcServer.bind(
              node.system(),
              settings,
              new SearchServiceImpl(registry, new BearerToken(settings.token()), node.system()));
      LOG.info(
          "serving automoe.v1.SearchService on {}:{} ({}{}; {} searches taken up from {});"
              + " workers join with `automoe node --roles worker --seed {}`",
          settings.host(),
          binding.localAddress().getPort(),
          settings.tlsCert().isPresent() ? "TLS" : "plaintext",
          settings.token().isPresent() ? ", bearer token" : "",
          taken,
          data,
          node.seedAddress());
      node.system().getWhenTerminated().toCompletableFuture().join();
    }
  }
}
