package org.automoe.cluster;

import java.util.List;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;

/** What {@code automoe run --profile} means: which space the pipeline runs on. */
final class Profile {
  static final List<String> NAMES = List.of("demo", "small");

  private Profile() {}

  static SearchSpace space(String profile) {
    return switch (profile) {
      case "demo" -> BuiltInSpaces.tiny();
      case "small" -> BuiltInSpaces.small();
      default -> throw new IllegalArgumentException(profile);
    };
  }
}
