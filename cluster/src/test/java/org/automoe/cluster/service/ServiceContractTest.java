package org.automoe.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.Map;
import java.util.TreeMap;
import org.automoe.proto.SearchService;
import org.automoe.proto.SearchServicePowerApi;
import org.automoe.proto.SearchServiceProto;
import org.automoe.proto.health.Health;
import org.automoe.proto.health.HealthProto;
import org.junit.jupiter.api.Test;

/**
 * The service's RPC names and streaming kinds are a contract with clients in other languages: they
 * are checked here against the generated descriptors, so a rename or a changed stream breaks the
 * build, not a client.
 */
class ServiceContractTest {
  /** Each RPC of {@code service}, with "stream" when the server streams its answer. */
  private static Map<String, String> rpcs(ServiceDescriptor service) {
    Map<String, String> out = new TreeMap<>();
    for (MethodDescriptor m : service.getMethods()) {
      assertFalse(m.isClientStreaming(), m.getFullName() + " takes one request");
      out.put(m.getName(), m.isServerStreaming() ? "stream" : "unary");
    }
    return out;
  }

  @Test
  void theSearchServiceHasTheRpcsOfItsContract() {
    ServiceDescriptor service =
        SearchServiceProto.getDescriptor().findServiceByName("SearchService");
    assertEquals("automoe.v1.SearchService", service.getFullName());
    assertEquals(
        new TreeMap<>(
            Map.ofEntries(
                Map.entry("CreateSearch", "unary"),
                Map.entry("GetSearch", "unary"),
                Map.entry("ListSearches", "unary"),
                Map.entry("StopSearch", "unary"),
                Map.entry("ResumeSearch", "unary"),
                Map.entry("GetFront", "unary"),
                Map.entry("ListEvaluated", "unary"),
                Map.entry("ExportArchitecture", "unary"),
                Map.entry("WatchSearch", "stream"),
                Map.entry("AskCandidates", "unary"),
                Map.entry("TellResults", "unary"))),
        rpcs(service));
    // Pekko gRPC generated the service for it, with the power API (request metadata) used for
    // bearer tokens.
    assertEquals("automoe.v1.SearchService", SearchService.name);
    assertEquals(
        SearchService.class.getMethods().length,
        SearchServicePowerApi.class.getMethods().length,
        "every RPC also takes the request's metadata");
  }

  @Test
  void theHealthServiceIsTheStandardOne() {
    ServiceDescriptor health = HealthProto.getDescriptor().findServiceByName("Health");
    assertEquals("grpc.health.v1.Health", health.getFullName());
    assertEquals(Map.of("Check", "unary", "Watch", "stream"), rpcs(health));
    assertEquals("grpc.health.v1.Health", Health.name);
  }
}
