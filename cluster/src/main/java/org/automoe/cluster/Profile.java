package org.automoe.cluster;

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

  static SearchSpace space(String profile) {
    return switch (profile) {
      case "demo" -> BuiltInSpaces.tiny();
      case "small" -> BuiltInSpaces.small();
      default -> throw new IllegalArgumentException(profile);
    };
  }
}
