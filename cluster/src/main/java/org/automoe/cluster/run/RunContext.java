package org.automoe.cluster.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.automoe.core.RunDirectory;

/**
 * What every stage of one run sees: the run directory, the settings, the profile and the whole
 * configuration. Settings that are 0 fall back to the profile's value.
 */
public record RunContext(RunDirectory dir, RunSettings settings, Profile profile, Config config) {
  public Path root() {
    return dir.root();
  }

  public long seed() {
    return settings.seed();
  }

  public int supernetSteps() {
    return orProfile(settings.supernetSteps(), profile.supernetSteps());
  }

  public int latencySamples() {
    return orProfile(settings.latencySamples(), profile.latencySamples());
  }

  public int searchBudget() {
    return orProfile(settings.searchBudget(), profile.searchBudget());
  }

  public int retrainSteps() {
    return orProfile(settings.retrainSteps(), profile.retrainSteps());
  }

  private static int orProfile(int setting, int profileValue) {
    return setting > 0 ? setting : profileValue;
  }
}
