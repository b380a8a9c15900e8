package org.automoe.cluster.service;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.automoe.core.InvalidInputException;

/**
 * How the service serves ({@code automoe.service}), read and checked before anything starts.
 *
 * @param host address to bind (loopback by default)
 * @param port port to bind (0: any free one)
 * @param token bearer token every call must carry, when set
 * @param tlsCert PEM certificate chain, when serving TLS
 * @param tlsKey PEM PKCS#8 private key of that certificate
 * @param maxSearches running searches at most; more are refused with RESOURCE_EXHAUSTED
 */
public record ServiceSettings(
    String host,
    int port,
    Optional<String> token,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    int maxSearches) {
  /** Most searches one server runs at once. */
  public static final int MAX_SEARCHES = 64;

  private static final String PREFIX = "automoe.service.";

  public ServiceSettings {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException(PREFIX + "port = " + port + ": must be in [0, 65535]");
    }
    if (maxSearches < 1 || maxSearches > MAX_SEARCHES) {
      throw new InvalidInputException(
          PREFIX + "max-searches = " + maxSearches + ": must be in [1, " + MAX_SEARCHES + "]");
    }
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new InvalidInputException(
          PREFIX + "tls: give both cert and key (PEM files), or neither");
    }
    tlsCert.ifPresent(p -> requireFile(p, "tls.cert"));
    tlsKey.ifPresent(p -> requireFile(p, "tls.key"));
    if (token.isPresent() && token.get().length() < 16) {
      throw new InvalidInputException(
          PREFIX + "token: at least 16 characters (AUTOMOE_SERVICE_TOKEN), or none");
    }
  }

  private static void requireFile(Path p, String key) {
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(PREFIX + key + " = " + p + ": no such file");
    }
  }

  /** The settings of {@code config}, with {@code host} and {@code port} when given. */
  public static ServiceSettings from(Config config, Optional<String> host, Optional<Integer> port) {
    try {
      String token = config.getString(PREFIX + "token");
      String cert = config.getString(PREFIX + "tls.cert");
      String key = config.getString(PREFIX + "tls.key");
      return new ServiceSettings(
          host.orElse(config.getString(PREFIX + "host")),
          port.orElse(config.getInt(PREFIX + "port")),
          token.isEmpty() ? Optional.empty() : Optional.of(token),
          cert.isEmpty() ? Optional.empty() : Optional.of(Path.of(cert)),
          key.isEmpty() ? Optional.empty() : Optional.of(Path.of(key)),
          config.getInt(PREFIX + "max-searches"));
    } catch (ConfigException e) {
      throw new InvalidInputException(e.getMessage().lines().findFirst().orElse(e.getMessage()));
    }
  }

  /** True when {@code host} is a loopback address: only this machine can reach the service. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidInputException(PREFIX + "host = " + host + ": unknown host");
    }
  }
}
