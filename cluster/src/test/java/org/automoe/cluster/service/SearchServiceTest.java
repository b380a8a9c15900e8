package org.automoe.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.SSLContextUtils;
import org.apache.pekko.grpc.javadsl.SingleResponseRequestBuilder;
import org.apache.pekko.stream.javadsl.Sink;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.ProcessConsole;
import org.automoe.proto.CreateSearchRequest;
import org.automoe.proto.EvaluatedProto;
import org.automoe.proto.ExportArchitectureRequest;
import org.automoe.proto.ExportArchitectureResponse;
import org.automoe.proto.GetFrontRequest;
import org.automoe.proto.GetSearchRequest;
import org.automoe.proto.ListEvaluatedRequest;
import org.automoe.proto.ListEvaluatedResponse;
import org.automoe.proto.ListSearchesRequest;
import org.automoe.proto.SearchInfo;
import org.automoe.proto.SearchModeProto;
import org.automoe.proto.SearchServiceClient;
import org.automoe.proto.SearchStateProto;
import org.automoe.proto.SearchUpdate;
import org.automoe.proto.StopSearchRequest;
import org.automoe.proto.WatchSearchRequest;
import org.automoe.proto.health.HealthCheckRequest;
import org.automoe.proto.health.HealthCheckResponse;
import org.automoe.proto.health.HealthClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code automoe serve} in its own JVM, driven by the generated Pekko gRPC client as another
 * service would: health, the bearer token, field-naming errors, a search created, watched to its
 * end and read, and every search still there after the server is killed and started again.
 */
class SearchServiceTest {
  private static final String TOKEN = "a-token-of-sixteen-or-more";
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir static Path dir;
  static Path supernet;
  static Path config;
  static ActorSystem<Void> client;

  @BeforeAll
  static void setUp() throws IOException {
    supernet = Cli.tinySupernet(dir, 4);
    config =
        Files.writeString(
            dir.resolve("serve.conf"),
            "automoe.cluster.port = 0\n"
                + "automoe.service.port = 0\n"
                + "automoe.search.valid-sentences = 40\n"
                + "automoe.search.evaluators = 2\n");
    client = ActorSystem.create(Behaviors.empty(), "client");
  }

  @AfterAll
  static void tearDown() {
    client.terminate();
  }

  /** A server on the test's data folder; returns its process and its gRPC port. */
  private static Server serve() throws Exception {
    return serve(dir.resolve("data"));
  }

  private static Server serve(Path data) throws Exception {
    return serve(data, config);
  }

  private static Server serve(Path data, Path conf) throws Exception {
    ProcessBuilder pb =
        Cli.jvm(
                "serve",
                "--supernet",
                supernet.toString(),
                "--data",
                data.toString(),
                "--config",
                conf.toString())
            .redirectErrorStream(true);
    pb.environment().put("AUTOMOE_SERVICE_TOKEN", TOKEN);
    Process p = pb.start();
    ProcessConsole says = new ProcessConsole(p);
    int port =
        Integer.parseInt(
            says.await("serving automoe.v1.SearchService on 127\\.0\\.0\\.1:(\\d+)")
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .group(1));
    return new Server(p, says, port);
  }

  private record Server(Process process, ProcessConsole console, int port) {
    GrpcClientSettings settings() {
      return GrpcClientSettings.connectToServiceAt("127.0.0.1", port, client)
          .withTls(false)
          .withDeadline(Duration.ofSeconds(30));
    }
  }

  /** Calls {@code rpc} with the server's token. */
  private static <Q, R> R call(SingleResponseRequestBuilder<Q, R> rpc, Q request) throws Exception {
    return rpc.addHeader("authorization", "Bearer " + TOKEN)
        .invoke(request)
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  /** The status a call that must fail ended with. */
  private static Status refused(Callable<?> call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::call);
    return assertInstanceOf(StatusRuntimeException.class, e.getCause(), String.valueOf(e))
        .getStatus();
  }

  @Test
  void aClientCreatesWatchesAndReadsSearchesThatOutliveTheServer() throws Exception {
    Server server = serve();
    SearchServiceClient search = SearchServiceClient.create(server.settings(), client);
    HealthClient health = HealthClient.create(server.settings(), client);
    try {
      // Health needs no token; the search service does.
      HealthCheckResponse serving =
          health
              .check(HealthCheckRequest.newBuilder().setService("automoe.v1.SearchService").build())
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      assertEquals(HealthCheckResponse.ServingStatus.SERVING, serving.getStatus());
      Status noToken =
          refused(
              () ->
                  search
                      .listSearches(ListSearchesRequest.getDefaultInstance())
                      .toCompletableFuture()
                      .get(60, TimeUnit.SECONDS));
      assertEquals(Status.Code.UNAUTHENTICATED, noToken.getCode());
      Status badMode =
          refused(
              () ->
                  call(
                      search.createSearch(),
                      CreateSearchRequest.newBuilder().setRequestId("bad").setBudget(5).build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, badMode.getCode());
      assertTrue(badMode.getDescription().startsWith("mode: "), badMode.getDescription());
      Status hugePopulation =
          refused(
              () ->
                  call(
                      search.createSearch(),
                      CreateSearchRequest.newBuilder()
                          .setRequestId("huge")
                          .setMode(SearchModeProto.SEARCH_MODE_ASYNC)
                          .setBudget(5)
                          .setPopulation(2_000_000_000)
                          .build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, hugePopulation.getCode());
      assertTrue(
          hugePopulation.getDescription().startsWith("population: "),
          hugePopulation.getDescription());
      Status unknown =
          refused(
              () ->
                  call(
                      search.getSearch(), GetSearchRequest.newBuilder().setSearchId("no").build()));
      assertEquals(Status.Code.NOT_FOUND, unknown.getCode());

      CreateSearchRequest twenty =
          CreateSearchRequest.newBuilder()
              .setRequestId("twenty")
              .setMode(SearchModeProto.SEARCH_MODE_ASYNC)
              .setBudget(20)
              .setPopulation(10)
              .setSeed(3)
              .build();
      SearchInfo created = call(search.createSearch(), twenty);
      assertEquals(
          created.getId(), call(search.createSearch(), twenty).getId(), "idempotent on request_id");

      List<SearchUpdate> updates =
          search
              .watchSearch()
              .addHeader("authorization", "Bearer " + TOKEN)
              .invoke(WatchSearchRequest.newBuilder().setSearchId(created.getId()).build())
              .runWith(Sink.seq(), client)
              .toCompletableFuture()
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(SearchUpdate.UpdateCase.CURRENT, updates.get(0).getUpdateCase(), "state first");
      SearchUpdate last = updates.get(updates.size() - 1);
      assertEquals(SearchUpdate.UpdateCase.ENDED, last.getUpdateCase(), "the end last");
      assertEquals(SearchStateProto.SEARCH_STATE_DONE, last.getEnded().getStatus().getState());
      assertEquals(20, last.getEnded().getStatus().getEvaluated());
      assertTrue(
          updates.stream().anyMatch(u -> u.getUpdateCase() == SearchUpdate.UpdateCase.NEW_BEST),
          "a new best was streamed");
      assertTrue(
          call(search.getFront(), GetFrontRequest.newBuilder().setSearchId(created.getId()).build())
                  .getPointsCount()
              > 0);

      List<Long> numbers = new ArrayList<>();
      Set<Long> ids = new HashSet<>();
      String token = "";
      do {
        ListEvaluatedResponse page =
            call(
                search.listEvaluated(),
                ListEvaluatedRequest.newBuilder()
                    .setSearchId(created.getId())
                    .setPageSize(7)
                    .setPageToken(token)
                    .build());
        for (EvaluatedProto e : page.getEvaluatedList()) {
          numbers.add(e.getNumber());
          ids.add(e.getCandidate().getId());
        }
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), numbers, "in order, paged");
      assertEquals(20, ids.size());
      ExportArchitectureResponse best =
          call(
              search.exportArchitecture(),
              ExportArchitectureRequest.newBuilder().setSearchId(created.getId()).build());
      assertEquals(
          last.getEnded().getStatus().getBestCandidateId(), best.getCandidateId(), "the best");
      assertTrue(best.getYaml().contains("encoder-embed-dim"), best.getYaml());
      assertEquals(
          Status.Code.NOT_FOUND,
          refused(
                  () ->
                      call(
                          search.exportArchitecture(),
                          ExportArchitectureRequest.newBuilder()
                              .setSearchId(created.getId())
                              .setCandidateId(999_999)
                              .build()))
              .getCode());
      assertEquals(
          Status.Code.INVALID_ARGUMENT,
          refused(
                  () ->
                      call(
                          search.listEvaluated(),
                          ListEvaluatedRequest.newBuilder()
                              .setSearchId(created.getId())
                              .setPageSize(5000)
                              .build()))
              .getCode());

      SearchInfo forever =
          call(
              search.createSearch(),
              CreateSearchRequest.newBuilder()
                  .setRequestId("forever")
                  .setMode(SearchModeProto.SEARCH_MODE_ASYNC)
                  .setContinuous(true)
                  .setPopulation(10)
                  .build());
      server.process().destroyForcibly(); // kill -9
      assertTrue(server.process().waitFor(1, TimeUnit.MINUTES));
      search.close();
      health.close();

      Server restarted = serve();
      SearchServiceClient after = SearchServiceClient.create(restarted.settings(), client);
      try {
        List<SearchInfo> listed =
            call(after.listSearches(), ListSearchesRequest.getDefaultInstance()).getSearchesList();
        assertEquals(
            Set.of(created.getId(), forever.getId()),
            listed.stream().map(SearchInfo::getId).collect(Collectors.toSet()));
        SearchInfo done =
            call(
                after.getSearch(),
                GetSearchRequest.newBuilder().setSearchId(created.getId()).build());
        assertEquals(SearchStateProto.SEARCH_STATE_DONE, done.getStatus().getState());
        assertEquals(20, done.getStatus().getEvaluated(), "the finished search is readable");
        SearchInfo stopped =
            call(
                after.stopSearch(),
                StopSearchRequest.newBuilder().setSearchId(forever.getId()).build());
        assertEquals(SearchStateProto.SEARCH_STATE_STOPPED, stopped.getStatus().getState());
      } finally {
        after.close();
        restarted.process().destroyForcibly();
      }
    } finally {
      server.process().destroyForcibly();
    }
  }

  /**
   * The Python client of {@code examples/python} (grpcio, stubs generated from proto/ by its setup
   * script into a virtual environment) creates a search, watches it to the end, reads the front and
   * exports the best architecture.
   */
  @Test
  void thePythonClientDrivesASearchToItsEnd() throws Exception {
    Path venv = Path.of("target", "python-venv").toAbsolutePath();
    Process setup =
        new ProcessBuilder(
                Path.of("..", "examples", "python", "setup.sh").toString(), venv.toString())
            .redirectErrorStream(true)
            .start();
    String setupSays = new String(setup.getInputStream().readAllBytes());
    assertEquals(0, setup.waitFor(), setupSays);
    Server server = serve(dir.resolve("python-data"));
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
                  venv.resolve("bin/python").toString(),
                  Path.of("..", "examples", "python", "search_client.py").toString(),
                  "--target",
                  "127.0.0.1:" + server.port(),
                  "--budget",
                  "15",
                  "--population",
                  "10")
              .redirectErrorStream(true);
      pb.environment().put("AUTOMOE_SERVICE_TOKEN", TOKEN);
      Process client = pb.start();
      String out = new String(client.getInputStream().readAllBytes());
      assertTrue(client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), out);
      assertEquals(0, client.exitValue(), out);
      assertTrue(out.contains("ended: SEARCH_STATE_DONE, 15 evaluated"), out);
      assertTrue(out.matches("(?s).*front: [1-9]\\d* architectures.*"), out);
      assertTrue(out.contains("encoder-embed-dim"), out);
    } finally {
      server.process().destroyForcibly();
    }
  }

  /**
   * With a certificate and key (PEM, made by openssl here), the server speaks TLS only: a client
   * that trusts the certificate is served, a plaintext one is not.
   */
  @Test
  void withACertificateTheServerSpeaksTlsOnly() throws Exception {
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(openssl.getInputStream().readAllBytes());
    assertEquals(0, openssl.waitFor(), said);
    Path tlsConfig =
        Files.writeString(
            dir.resolve("tls.conf"),
            Files.readString(config)
                + "automoe.service.tls.cert = \""
                + cert
                + "\"\nautomoe.service.tls.key = \""
                + key
                + "\"\n");
    Server server = serve(dir.resolve("tls-data"), tlsConfig);
    try (var trusted = Files.newInputStream(cert)) {
      GrpcClientSettings tls =
          GrpcClientSettings.connectToServiceAt("127.0.0.1", server.port(), client)
              .withTrustManager(SSLContextUtils.trustManagerFromStream(trusted))
              .withDeadline(Duration.ofSeconds(30));
      HealthClient overTls = HealthClient.create(tls, client);
      HealthClient plain = HealthClient.create(server.settings(), client);
      try {
        assertEquals(
            HealthCheckResponse.ServingStatus.SERVING,
            overTls
                .check(HealthCheckRequest.getDefaultInstance())
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS)
                .getStatus());
        assertEquals(
            Status.Code.UNAVAILABLE,
            refused(
                    () ->
                        plain
                            .check(HealthCheckRequest.getDefaultInstance())
                            .toCompletableFuture()
                            .get(60, TimeUnit.SECONDS))
                .getCode());
      } finally {
        overTls.close();
        plain.close();
      }
    } finally {
      server.process().destroyForcibly();
    }
  }

  /**
   * Three searches at once, each watched by ten watchers: every watcher sees each search's end, and
   * the searches, sharing the server's evaluators, all finish.
   */
  @Test
  void threeSearchesAndTenWatchersEachSeeEveryEnd() throws Exception {
    Server server = serve(dir.resolve("many-data"));
    SearchServiceClient search = SearchServiceClient.create(server.settings(), client);
    try {
      List<String> ids = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        ids.add(
            call(
                    search.createSearch(),
                    CreateSearchRequest.newBuilder()
                        .setRequestId("many-" + k)
                        .setMode(SearchModeProto.SEARCH_MODE_ASYNC)
                        .setBudget(15)
                        .setPopulation(10)
                        .setSeed(10 + k)
                        .build())
                .getId());
      }
      List<CompletableFuture<List<SearchUpdate>>> watches = new ArrayList<>();
      for (int w = 0; w < 10; w++) {
        for (String id : ids) {
          watches.add(
              search
                  .watchSearch()
                  .addHeader("authorization", "Bearer " + TOKEN)
                  .invoke(WatchSearchRequest.newBuilder().setSearchId(id).build())
                  .runWith(Sink.seq(), client)
                  .toCompletableFuture());
        }
      }
      for (int i = 0; i < watches.size(); i++) {
        List<SearchUpdate> seen = watches.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        SearchUpdate end = seen.get(seen.size() - 1);
        assertEquals(SearchUpdate.UpdateCase.ENDED, end.getUpdateCase(), "watch " + i);
        assertEquals(ids.get(i % 3), end.getEnded().getId());
        assertEquals(SearchStateProto.SEARCH_STATE_DONE, end.getEnded().getStatus().getState());
        assertEquals(15, end.getEnded().getStatus().getEvaluated());
      }
    } finally {
      search.close();
      server.process().destroyForcibly();
    }
  }

  /** {@code automoe search --server} runs its search on the server and follows it to its end. */
  @Test
  void theSearchCommandRunsItsSearchOnAServer() throws Exception {
    Server server = serve(dir.resolve("cli-data"));
    try {
      ProcessBuilder pb =
          Cli.jvm(
                  "search",
                  "--server",
                  "127.0.0.1:" + server.port(),
                  "--budget",
                  "10",
                  "--population",
                  "10")
              .redirectErrorStream(true);
      pb.environment().put("AUTOMOE_SERVICE_TOKEN", TOKEN);
      Process cli = pb.start();
      String out = new String(cli.getInputStream().readAllBytes());
      assertTrue(cli.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), out);
      assertEquals(0, cli.exitValue(), out);
      assertTrue(
          out.matches("(?s).*search \\S+ on 127\\.0\\.0\\.1:\\d+: done: 10 evaluated.*"), out);
      Cli.Result local =
          Cli.run(
              "search", "--server", "127.0.0.1:" + server.port(), "--out", "x", "--budget", "5");
      assertEquals(2, local.exitCode(), local.err());
      assertTrue(local.err().contains("--out cannot be given"), local.err());
    } finally {
      server.process().destroyForcibly();
    }
  }
}
