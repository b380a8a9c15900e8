package org.automoe.cluster.service;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;

/**
 * What the service knows of a search beyond its job ({@code service.conf} beside its {@code
 * search.conf}): the request that created it, a name for people, and when.
 *
 * @param requestId the client's id of the CreateSearch call (idempotency key)
 * @param displayName a name for people
 * @param createdEpochMs when it was created
 */
record ServiceRecord(String requestId, String displayName, long createdEpochMs) {
  static final String FILE = "service.conf";

  /** Request ids: 1 to 128 characters of letters, digits, '.', '_' and '-'. */
  static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  static Optional<ServiceRecord> read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Config c = ConfigFactory.parseFile(file.toFile());
      return Optional.of(
          new ServiceRecord(
              c.getString("request-id"), c.getString("display-name"), c.getLong("created-ms")));
    } catch (ConfigException e) {
      throw new InvalidInputException(
          file + ": " + e.getMessage().lines().findFirst().orElse(e.getMessage()));
    }
  }

  /** Writes {@code folder/service.conf} atomically. */
  void write(Path folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("request-id", requestId);
    m.put("display-name", displayName);
    m.put("created-ms", createdEpochMs);
    String text =
        "# The search service's record of this search.\n"
            + ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    TextFiles.writeAtomically(folder.resolve(FILE), text);
  }
}
