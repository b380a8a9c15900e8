package org.automoe.cluster.search;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.automoe.core.InvalidInputException;
import org.automoe.core.search.SearchState;

/**
 * The {@code automoe.search} settings, read and checked before anything starts: a value out of its
 * bounds or of the wrong type is a one-line error naming the key. The bounds are documented in
 * {@code conf/application.conf} and the README.
 *
 * @param evaluators evaluator actors per node, in [1, 64]
 * @param prefetch candidates an evaluator keeps in hand, in [1, 64]
 * @param lease how long an evaluator may hold a candidate, 1 s to 7 days
 * @param maxAttempts lease handouts per candidate before it counts as failed, in [1, 100]
 * @param validSentences validation sentences of an evaluation, in [1, 100000]
 * @param tournament async mode: individuals drawn per tournament, in [1, 1000]
 * @param progressEvery time between progress lines, 100 ms to 1 h
 * @param finalists best architectures measured after the search, in [0, 100]
 * @param finalistRuns timed runs per finalist, in [1, 1000]
 */
public record SearchSettings(
    int evaluators,
    int prefetch,
    Duration lease,
    int maxAttempts,
    int validSentences,
    int tournament,
    Duration progressEvery,
    int finalists,
    int finalistRuns) {
  private static final String PREFIX = "automoe.search.";

  /** Candidates one pull may take: bounds what a coordinator hands out at a time. */
  private static final int MAX_LEASES_PER_PULL = 16;

  public static SearchSettings from(Config config) {
    return new SearchSettings(
        count(config, "evaluators", 1, 64),
        count(config, "prefetch", 1, 64),
        duration(config, "lease", Duration.ofSeconds(1), Duration.ofDays(7), "1s and 7d"),
        count(config, "max-attempts", 1, 100),
        count(config, "valid-sentences", 1, 100_000),
        count(config, "tournament", 1, 1000),
        duration(
            config, "progress-every", Duration.ofMillis(100), Duration.ofHours(1), "100ms and 1h"),
        count(config, "finalists", 0, 100),
        count(config, "finalist-runs", 1, 1000));
  }

  /** The search state's settings these imply. */
  public SearchState.Settings state() {
    return new SearchState.Settings(lease.toMillis(), maxAttempts, MAX_LEASES_PER_PULL, tournament);
  }

  private static int count(Config config, String key, int min, int max) {
    int v;
    try {
      v = config.getInt(PREFIX + key);
    } catch (ConfigException e) {
      throw bad(key, e);
    }
    if (v < min || v > max) {
      throw new InvalidInputException(
          PREFIX + key + " = " + v + ": must be in [" + min + ", " + max + "]");
    }
    return v;
  }

  private static Duration duration(
      Config config, String key, Duration min, Duration max, String bounds) {
    Duration v;
    try {
      v = config.getDuration(PREFIX + key);
    } catch (ConfigException e) {
      throw bad(key, e);
    }
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new InvalidInputException(
          PREFIX
              + key
              + " = "
              + config.getValue(PREFIX + key).render()
              + ": must be between "
              + bounds);
    }
    return v;
  }

  /** Typesafe Config names the origin (file and line) and the key; its first line is enough. */
  private static InvalidInputException bad(String key, ConfigException e) {
    String first = e.getMessage().lines().findFirst().orElse(PREFIX + key);
    return new InvalidInputException(first);
  }
}
