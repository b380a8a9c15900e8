package org.automoe.cluster.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.grpc.javadsl.ServerReflection;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.automoe.core.InvalidInputException;
import org.automoe.proto.SearchService;
import org.automoe.proto.SearchServicePowerApiHandlerFactory;
import org.automoe.proto.health.Health;
import org.automoe.proto.health.HealthHandlerFactory;

/**
 * Binds the search service, the health service and server reflection (so grpcurl and other generic
 * tools need no .proto files) on one HTTP/2 port, with TLS when the settings give a certificate.
 */
final class GrpcServer {
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private GrpcServer() {}

  @SuppressWarnings("unchecked")
  static ServerBinding bind(
      ClassicActorSystemProvider system, ServiceSettings settings, SearchServiceImpl search) {
    Function<HttpRequest, CompletionStage<HttpResponse>> handler =
        ServiceHandler.concatOrNotFound(
            SearchServicePowerApiHandlerFactory.create(search, system),
            HealthHandlerFactory.create(new HealthService(), system),
            ServerReflection.create(
                List.of(SearchService.description, Health.description), system));
    ServerBuilder server = Http.get(system).newServerAt(settings.host(), settings.port());
    if (settings.tlsCert().isPresent()) {
      server =
          server.enableHttps(
              ConnectionContext.httpsServer(
                  Tls.serverContext(settings.tlsCert().get(), settings.tlsKey().get())));
    }
    try {
      return server
          .bind(handler)
          .toCompletableFuture()
          .get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidInputException(
          "cannot serve on " + settings.host() + ":" + settings.port() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }
}
