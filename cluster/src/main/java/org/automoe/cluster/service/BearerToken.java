package org.automoe.cluster.service;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.javadsl.Metadata;

/**
 * The service's optional bearer token: every call carries {@code authorization: Bearer TOKEN}, or
 * is refused with UNAUTHENTICATED. Compared in constant time, so timing says nothing of it.
 */
final class BearerToken {
  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> expected;

  BearerToken(Optional<String> token) {
    this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws UNAUTHENTICATED unless the call carries the token (or none is required). */
  void check(Metadata metadata) {
    if (expected.isEmpty()) {
      return;
    }
    Optional<String> header = metadata.getText("authorization");
    if (header.isEmpty() || !header.get().startsWith(PREFIX)) {
      throw new GrpcServiceException(
          Status.UNAUTHENTICATED.withDescription(
              "this server needs a bearer token: send the header authorization: Bearer TOKEN"));
    }
    byte[] given = header.get().substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected.get(), given)) {
      throw new GrpcServiceException(Status.UNAUTHENTICATED.withDescription("wrong bearer token"));
    }
  }
}
