package org.automoe.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * Reads a text file as lines the way Python's text mode does (universal newlines: \n, \r\n and \r
 * end a line; no empty last line after a final newline), decoding each line as strict UTF-8 so a
 * bad line can be reported by number instead of being silently replaced.
 */
public final class TextLines {
  /** The lines, with null in place of each line that is not valid UTF-8. */
  public record Lines(Path file, List<String> lines, List<Integer> invalidUtf8) {
    /** The lines, failing on the first invalid one (for inputs where every line counts). */
    public List<String> requireValid() {
      if (!invalidUtf8.isEmpty()) {
        throw new InvalidInputException(
            file
                + ": line "
                + invalidUtf8.get(0)
                + " is not valid UTF-8"
                + (invalidUtf8.size() > 1 ? " (and " + (invalidUtf8.size() - 1) + " more)" : ""));
      }
      return lines;
    }
  }

  private TextLines() {}

  public static Lines read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e + ")");
    }
    return split(file, bytes);
  }

  static Lines split(Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<String> lines = new ArrayList<>();
    List<Integer> invalid = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < bytes.length) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        add(decoder, bytes, start, i, lines, invalid);
        i += (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < bytes.length) {
      add(decoder, bytes, start, bytes.length, lines, invalid);
    }
    return new Lines(file, lines, invalid);
  }

  private static void add(
      CharsetDecoder decoder,
      byte[] bytes,
      int from,
      int to,
      List<String> lines,
      List<Integer> invalid) {
    try {
      lines.add(decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString());
    } catch (CharacterCodingException e) {
      lines.add(null);
      invalid.add(lines.size());
    }
  }
}
