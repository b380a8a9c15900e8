package org.automoe.cluster.service;

import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Source;
import org.automoe.proto.SearchService;
import org.automoe.proto.health.Health;
import org.automoe.proto.health.HealthCheckRequest;
import org.automoe.proto.health.HealthCheckResponse;

/**
 * The standard health service: SERVING for the server ("") and for the search service while it is
 * bound; NOT_FOUND (Check) or SERVICE_UNKNOWN (Watch) for anything else. Needs no token, so load
 * balancers and probes can ask.
 */
final class HealthService implements Health {
  private static HealthCheckResponse answer(HealthCheckResponse.ServingStatus status) {
    return HealthCheckResponse.newBuilder().setStatus(status).build();
  }

  private static boolean known(String service) {
    return service.isEmpty() || service.equals(SearchService.name);
  }

  @Override
  public CompletionStage<HealthCheckResponse> check(HealthCheckRequest in) {
    if (!known(in.getService())) {
      return CompletableFuture.failedFuture(
          new GrpcServiceException(
              Status.NOT_FOUND.withDescription("no service '" + in.getService() + "' here")));
    }
    return CompletableFuture.completedFuture(answer(HealthCheckResponse.ServingStatus.SERVING));
  }

  @Override
  public Source<HealthCheckResponse, NotUsed> watch(HealthCheckRequest in) {
    HealthCheckResponse.ServingStatus status =
        known(in.getService())
            ? HealthCheckResponse.ServingStatus.SERVING
            : HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN;
    // Serving until the server stops, which ends the stream.
    return Source.single(answer(status)).concat(Source.never());
  }
}
