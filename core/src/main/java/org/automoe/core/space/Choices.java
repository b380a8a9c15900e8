package org.automoe.core.space;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.automoe.core.InvalidInputException;

/** Validation helpers for the choice lists of a search space. */
final class Choices {
  /** The most values one choice list may hold (a range such as "1..64" included). */
  static final int MAX_CHOICES = 64;

  private Choices() {}

  /** A sorted, duplicate-free copy; rejects an empty list or a value failing {@code valid}. */
  static List<Integer> sorted(String key, List<Integer> values, IntPredicate valid, String rule) {
    if (values == null || values.isEmpty()) {
      throw new InvalidInputException(key + ": needs at least one choice");
    }
    if (values.size() > MAX_CHOICES) {
      throw new InvalidInputException(
          key + ": " + values.size() + " choices; a list holds at most " + MAX_CHOICES);
    }
    TreeSet<Integer> set = new TreeSet<>();
    for (Integer v : values) {
      if (v == null || !valid.test(v)) {
        throw new InvalidInputException(key + ": " + v + " is not allowed (" + rule + ")");
      }
      if (!set.add(v)) {
        throw new InvalidInputException(key + ": " + v + " is listed twice");
      }
    }
    return List.copyOf(new ArrayList<>(set));
  }

  /** Choices in {@code [1, max]}. */
  static List<Integer> upTo(String key, List<Integer> values, int max) {
    return sorted(key, values, v -> v >= 1 && v <= max, "must be in [1, " + max + "]");
  }
}
