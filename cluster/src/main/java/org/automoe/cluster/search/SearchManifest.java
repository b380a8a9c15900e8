package org.automoe.cluster.search;

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
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;

/**
 * The options a search was started with, kept in its folder ({@code search.conf}, HOCON) so that
 * {@code automoe search --out DIR} resumes it with exactly these: a journal is only replayed into
 * the job that wrote it.
 *
 * @param id the search's id in its journal (unique per search, so searches may share PostgreSQL)
 * @param supernet the supernet folder searched, absolute
 * @param predictor the latency predictor, absolute, if any
 * @param mode async or generational
 * @param budget evaluations of an async search, if bounded
 * @param iterations generations of a generational search
 * @param population population, if not the paper's
 * @param seed root seed
 * @param maxLatencyMs limit on predicted latency, if any
 * @param maxGflops limit on GFLOPs, if any
 * @param maxMillionParams limit on parameters in millions, if any
 */
public record SearchManifest(
    String id,
    Path supernet,
    Optional<Path> predictor,
    String mode,
    OptionalInt budget,
    OptionalInt iterations,
    OptionalInt population,
    long seed,
    OptionalDouble maxLatencyMs,
    OptionalDouble maxGflops,
    OptionalDouble maxMillionParams) {
  static final String FILE = "search.conf";

  /** A new search's id: unique, so that searches may share one PostgreSQL journal. */
  public static String newId() {
    return "search-" + UUID.randomUUID();
  }

  /** The manifest of the search in {@code folder}; empty when the folder holds none. */
  public static Optional<SearchManifest> read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Config c = ConfigFactory.parseFile(file.toFile()).resolve();
      return Optional.of(
          new SearchManifest(
              c.getString("id"),
              Path.of(c.getString("supernet")),
              c.hasPath("predictor")
                  ? Optional.of(Path.of(c.getString("predictor")))
                  : Optional.empty(),
              c.getString("mode"),
              optInt(c, "budget"),
              optInt(c, "iterations"),
              optInt(c, "population"),
              c.getLong("seed"),
              optDouble(c, "max-latency-ms"),
              optDouble(c, "max-gflops"),
              optDouble(c, "max-million-params")));
    } catch (ConfigException e) {
      throw new InvalidInputException(
          file + " is not a search manifest: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Writes {@code folder/search.conf} atomically. */
  public void write(Path folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("supernet", supernet.toString());
    predictor.ifPresent(p -> m.put("predictor", p.toString()));
    m.put("mode", mode);
    budget.ifPresent(v -> m.put("budget", v));
    iterations.ifPresent(v -> m.put("iterations", v));
    population.ifPresent(v -> m.put("population", v));
    m.put("seed", seed);
    maxLatencyMs.ifPresent(v -> m.put("max-latency-ms", v));
    maxGflops.ifPresent(v -> m.put("max-gflops", v));
    maxMillionParams.ifPresent(v -> m.put("max-million-params", v));
    String text =
        "# The search of this folder: `automoe search --out DIR` resumes it with these options.\n"
            + ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    TextFiles.writeAtomically(folder.resolve(FILE), text);
  }

  private static OptionalInt optInt(Config c, String key) {
    return c.hasPath(key) ? OptionalInt.of(c.getInt(key)) : OptionalInt.empty();
  }

  private static OptionalDouble optDouble(Config c, String key) {
    return c.hasPath(key) ? OptionalDouble.of(c.getDouble(key)) : OptionalDouble.empty();
  }
}
