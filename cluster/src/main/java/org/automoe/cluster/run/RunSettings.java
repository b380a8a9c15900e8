package org.automoe.cluster.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;

/**
 * Settings of {@code automoe run}, read once from {@code automoe.run} (application.conf in the jar,
 * overlaid by {@code --config FILE}).
 *
 * @param profile a packaged profile's name or a profile file (see {@link Profile})
 * @param dir folder that holds run directories
 * @param seed root seed of every draw of a run
 * @param surveySamples architectures drawn by the survey stage
 * @param corpus corpus folder to use, or empty for the bundled en-de corpus
 * @param supernetSteps supernet updates, or 0 for the profile's default
 * @param latencySamples architectures measured by the latency stage, or 0 for the profile's
 * @param predictorSteps latency predictor updates, or 0 for the recipe's
 * @param latencyRuns timed runs per measured architecture (HAT: 20)
 * @param searchBudget evaluations of the search stage, or 0 for the profile's
 * @param searchMaxLatencyMs latency limit of the search, or 0 for the median of the measured
 *     dataset
 * @param retrainSteps updates of each finalist's standalone training, or 0 for the profile's
 */
public record RunSettings(
    String profile,
    Path dir,
    long seed,
    int surveySamples,
    String corpus,
    int supernetSteps,
    int latencySamples,
    int predictorSteps,
    int latencyRuns,
    int searchBudget,
    double searchMaxLatencyMs,
    int retrainSteps) {
  public RunSettings {
    if (profile == null || profile.isBlank()) {
      throw new InvalidInputException("automoe.run.profile: must name a profile");
    }
    if (supernetSteps < 0) {
      throw new InvalidInputException(
          "automoe.run.supernet-steps: must not be negative, but was " + supernetSteps);
    }
    if (latencyRuns < 1) {
      throw new InvalidInputException(
          "automoe.run.latency-runs: must be at least 1, but was " + latencyRuns);
    }
    if (latencySamples < 0 || predictorSteps < 0) {
      throw new InvalidInputException(
          "automoe.run.latency-samples and predictor-steps must not be negative");
    }
    if (searchBudget < 0 || searchMaxLatencyMs < 0 || retrainSteps < 0) {
      throw new InvalidInputException(
          "automoe.run.search-budget, search-max-latency-ms and retrain-steps must not be"
              + " negative");
    }
    if (surveySamples < 1) {
      throw new InvalidInputException(
          "automoe.run.survey-samples: must be at least 1, but was " + surveySamples);
    }
  }

  /** These settings with another profile and seed (the command line's). */
  public RunSettings with(String profile, long seed) {
    return new RunSettings(
        profile,
        dir,
        seed,
        surveySamples,
        corpus,
        supernetSteps,
        latencySamples,
        predictorSteps,
        latencyRuns,
        searchBudget,
        searchMaxLatencyMs,
        retrainSteps);
  }

  /** The packaged defaults, overlaid by {@code file} when given. */
  public static Config load(Path file) {
    Config defaults = ConfigFactory.load();
    if (file == null) {
      return defaults;
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such config file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile()).withFallback(defaults).resolve();
    } catch (ConfigException e) {
      throw new InvalidInputException(file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static RunSettings from(Config config) {
    try {
      Config c = config.getConfig("automoe.run");
      return new RunSettings(
          c.getString("profile"),
          Path.of(c.getString("dir")),
          c.getLong("seed"),
          c.getInt("survey-samples"),
          c.getString("corpus"),
          c.getInt("supernet-steps"),
          c.getInt("latency-samples"),
          c.getInt("predictor-steps"),
          c.getInt("latency-runs"),
          c.getInt("search-budget"),
          c.getDouble("search-max-latency-ms"),
          c.getInt("retrain-steps"));
    } catch (ConfigException e) {
      throw new InvalidInputException(e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
