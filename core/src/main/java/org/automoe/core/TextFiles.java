package org.automoe.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads user text files, turning every failure into a one-line {@link InvalidInputException}, and
 * writes small text files atomically.
 */
public final class TextFiles {
  /** Larger inputs are not architecture or space files; refuse before reading them whole. */
  private static final long MAX_BYTES = 16L << 20;

  private TextFiles() {}

  /** The file as UTF-8 text; {@code what} names the expected kind in errors ("a space file"). */
  public static String read(Path file, String what) {
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(file + ": is a folder, expected " + what);
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidInputException(
            file + ": is " + Files.size(file) + " bytes, too large for " + what);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file + ": not a UTF-8 text file, expected " + what);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e + ")");
    }
  }

  /**
   * Writes {@code text} to {@code file} atomically (a temporary file beside it, then a rename), so
   * a crash leaves the old file or the new one, never half of one; creates its folder.
   */
  public static void writeAtomically(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
