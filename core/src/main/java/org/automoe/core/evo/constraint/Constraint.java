package org.automoe.core.evo.constraint;

import java.util.Optional;

/**
 * A hard limit checked before evaluation; candidates that break it are redrawn and never reach an
 * evaluator.
 */
@FunctionalInterface
public interface Constraint {
  /** Why {@code a} breaks the limit, or empty when it meets it. */
  Optional<String> violation(Assessment a);
}
