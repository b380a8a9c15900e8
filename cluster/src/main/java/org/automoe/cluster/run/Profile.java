package org.automoe.cluster.run;

import java.util.List;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** What {@code automoe run --profile} means: the space and the sizes the pipeline runs with. */
final class Profile {
  static final List<String> NAMES = List.of("demo", "small");

  private Profile() {}

  /** BPE vocabulary of the profile: small for the toy demo, the usual CPU-scale size otherwise. */
  static int bpeVocab(String profile) {
    return profile.equals("demo") ? 2000 : 8000;
  }

  /** Supernet updates of the profile: about a minute for demo, about 30 minutes for small. */
  static int supernetSteps(String profile) {
    return profile.equals("demo") ? 300 : 2700;
  }

  /** Peak learning rate: both spaces are small enough for 1e-3 with 10 % warm-up. */
  static float learningRate(String profile) {
    return 1e-3f;
  }

  /** Architectures measured by the latency stage (the dataset size for small). */
  static int latencySamples(String profile) {
    return profile.equals("demo") ? 60 : 1000;
  }

  /** Evaluations of the search stage: a few minutes of the profile's evaluators. */
  static int searchBudget(String profile) {
    return profile.equals("demo") ? 150 : 600;
  }

  /** Updates of each finalist's standalone training: about a minute (demo), ten (small). */
  static int retrainSteps(String profile) {
    return profile.equals("demo") ? 150 : 600;
  }

  /** Test sentences translated by the run's evaluation (all of them for small). */
  static Integer testSentences(String profile) {
    return profile.equals("demo") ? 200 : null;
  }

  static SearchSpace space(String profile) {
    return switch (profile) {
      case "demo" -> BuiltInSpaces.tiny();
      case "small" -> BuiltInSpaces.small();
      default -> throw new IllegalArgumentException(profile);
    };
  }
}
