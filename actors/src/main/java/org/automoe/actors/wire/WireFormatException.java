package org.automoe.actors.wire;

/** A wire message that parsed but does not describe a valid domain value. */
public final class WireFormatException extends IllegalArgumentException {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
