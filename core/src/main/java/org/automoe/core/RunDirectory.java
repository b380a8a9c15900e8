package org.automoe.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory whose files are replaced atomically: a run, a model or a corpus folder. Files are
 * written to a temporary sibling and moved into place, so an interrupted run never leaves a
 * half-written file where a finished one is expected.
 */
public final class RunDirectory {
  private final Path root;

  public RunDirectory(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new InvalidInputException(
          root + ": cannot create run directory (" + e.getMessage() + ")");
    }
  }

  public Path root() {
    return root;
  }

  public Path write(String name, String content) {
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
