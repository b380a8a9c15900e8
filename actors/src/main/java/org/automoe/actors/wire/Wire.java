package org.automoe.actors.wire;

import java.util.function.Supplier;
import org.automoe.core.InvalidInputException;

/** Checks shared by the mappers. */
final class Wire {
  private Wire() {}

  /** Requires a sub-message to be present. */
  static void require(boolean present, String message, String field) {
    if (!present) {
      throw new WireFormatException(message + "." + field + " is missing");
    }
  }

  /** Builds a domain value, turning its validation error into a wire error naming the message. */
  static <T> T build(String message, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidInputException | IllegalArgumentException e) {
      if (e instanceof WireFormatException w) {
        throw w;
      }
      throw new WireFormatException(message + ": " + e.getMessage(), e);
    }
  }
}
