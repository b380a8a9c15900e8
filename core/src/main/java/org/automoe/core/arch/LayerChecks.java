package org.automoe.core.arch;

import java.util.List;
import org.automoe.core.InvalidInputException;

/** Checks shared by encoder and decoder layers. */
final class LayerChecks {
  private LayerChecks() {}

  static List<Integer> widths(List<Integer> expertWidths) {
    if (expertWidths == null || expertWidths.isEmpty()) {
      throw new InvalidInputException("a layer needs at least one expert");
    }
    for (Integer w : expertWidths) {
      if (w == null || w <= 0) {
        throw new InvalidInputException("expert widths must be positive, but one was " + w);
      }
    }
    return List.copyOf(expertWidths);
  }
}
