package org.automoe.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run directory. Files are written to a temporary sibling and moved into place, so an interrupted
 * run never leaves a half-written file where a finished one is expected.
 */
final class RunDirectory {
  private final Path root;

  RunDirectory(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new org.automoe.core.InvalidInputException(
          root + ": cannot create run directory (" + e.getMessage() + ")");
    }
  }

  Path root() {
    return root;
  }

  Path write(String name, String content) {
    Path target = root.resolve(name);
    Path tmp = root.resolve(name + ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
