package org.automoe.core;

/**
 * Bad input from a user: a file, a value or an option that cannot be used as given.
 *
 * <p>The message is one line that names the source, the key and the problem, so that command line
 * tools can print it as it is instead of a stack trace.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same problem, prefixed with the file or source it came from. */
  public InvalidInputException in(String source) {
    return new InvalidInputException(source + ": " + getMessage(), this);
  }
}
