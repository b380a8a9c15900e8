package org.automoe.cluster.search;

import com.typesafe.config.ConfigFactory;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.javadsl.SingleResponseRequestBuilder;
import org.apache.pekko.stream.javadsl.Sink;
import org.automoe.core.InvalidInputException;
import org.automoe.proto.CreateSearchRequest;
import org.automoe.proto.SearchInfo;
import org.automoe.proto.SearchServiceClient;
import org.automoe.proto.SearchStateProto;
import org.automoe.proto.SearchStatusProto;
import org.automoe.proto.SearchUpdate;
import org.automoe.proto.StopSearchRequest;
import org.automoe.proto.WatchSearchRequest;

/**
 * {@code automoe search --server HOST:PORT} and {@code automoe search stop --server}: the search
 * runs on a server ({@code automoe serve}); this side creates it and watches it to its end, or asks
 * it to stop. The token comes from {@code AUTOMOE_SERVICE_TOKEN}; a refused call is a one-line
 * error naming the server's status.
 */
final class RemoteSearch implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final String server;
  private final ActorSystem<Void> system;
  private final SearchServiceClient client;
  private final Optional<String> token;

  RemoteSearch(String server) {
    int colon = server.lastIndexOf(':');
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new InvalidInputException(
          "--server = " + server + ": must be HOST:PORT of `automoe serve` (port 1-65535)");
    }
    this.server = server;
    this.system =
        ActorSystem.create(
            Behaviors.empty(),
            "client",
            ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    this.client =
        SearchServiceClient.create(
            GrpcClientSettings.connectToServiceAt(server.substring(0, colon), port, system)
                .withTls(false)
                .withDeadline(CALL_TIMEOUT),
            system);
    String t = System.getenv("AUTOMOE_SERVICE_TOKEN");
    this.token = t == null || t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  private <Q, R> SingleResponseRequestBuilder<Q, R> authed(SingleResponseRequestBuilder<Q, R> rpc) {
    return token.isPresent() ? rpc.addHeader("authorization", "Bearer " + token.get()) : rpc;
  }

  private <T> T await(Supplier<CompletionStage<T>> call) {
    try {
      return call.get().toCompletableFuture().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (TimeoutException e) {
      throw new InvalidInputException(
          server + " did not answer in " + CALL_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private InvalidInputException refused(Throwable e) {
    if (e instanceof StatusRuntimeException s) {
      return new InvalidInputException(
          server
              + " refused: "
              + s.getStatus().getCode()
              + Optional.ofNullable(s.getStatus().getDescription()).map(d -> ": " + d).orElse(""));
    }
    return new InvalidInputException("cannot reach " + server + ": " + e.getMessage());
  }

  /** Creates the search and prints its progress until it ends; returns how it ended. */
  SearchInfo run(CreateSearchRequest request) {
    SearchInfo created = await(() -> authed(client.createSearch()).invoke(request));
    System.err.println("search " + created.getId() + " created on " + server);
    SearchInfo[] ended = {created};
    try {
      var watch = client.watchSearch();
      (token.isPresent() ? watch.addHeader("authorization", "Bearer " + token.get()) : watch)
          .invoke(WatchSearchRequest.newBuilder().setSearchId(created.getId()).build())
          .runWith(
              Sink.foreach(
                  (SearchUpdate u) -> {
                    switch (u.getUpdateCase()) {
                      case PROGRESS -> System.err.println(line(u.getProgress()));
                      case ENDED -> ended[0] = u.getEnded();
                      default -> {}
                    }
                  }),
              system)
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching", e);
    }
    return ended[0];
  }

  /** Asks the server to end search {@code id}; returns it as it then stands. */
  SearchInfo stop(String id) {
    return await(
        () ->
            authed(client.stopSearch())
                .invoke(StopSearchRequest.newBuilder().setSearchId(id).build()));
  }

  static String line(SearchStatusProto s) {
    return String.format(
        Locale.ROOT,
        "%s: %d evaluated, %d in flight, %d rejected, %d failed; best %.4f (#%d); %.1f s",
        s.getState().name().replace("SEARCH_STATE_", "").toLowerCase(Locale.ROOT),
        s.getEvaluated(),
        s.getInFlight(),
        s.getRejected(),
        s.getFailed(),
        s.getBestValidationLoss(),
        s.getBestCandidateId(),
        s.getElapsedSeconds());
  }

  static boolean failed(SearchInfo s) {
    return s.getStatus().getState() == SearchStateProto.SEARCH_STATE_FAILED;
  }

  @Override
  public void close() {
    client.close();
    system.terminate();
  }
}
