package org.automoe.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * A GNU gettext {@code .mo} catalogue: msgid (English in LibreOffice) to msgstr. Contexts ({@code
 * ctxt\u0004id}) are stripped and only the singular form of plural entries is kept.
 */
public final class MoFile {
  private static final int MAGIC = 0x950412de;

  /** One translated message. */
  public record Entry(String msgid, String msgstr) {}

  private MoFile() {}

  public static List<Entry> parse(byte[] bytes, String name) {
    if (bytes.length < 28) {
      throw new InvalidInputException(name + ": too short to be a .mo file");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      b.order(ByteOrder.BIG_ENDIAN);
      if (b.getInt(0) != MAGIC) {
        throw new InvalidInputException(name + ": not a .mo file (bad magic number)");
      }
    }
    int count = b.getInt(8);
    int originals = b.getInt(12);
    int translations = b.getInt(16);
    List<Entry> out = new ArrayList<>(Math.max(0, count));
    try {
      for (int i = 0; i < count; i++) {
        String id = string(b, bytes, originals + 8 * i);
        String str = string(b, bytes, translations + 8 * i);
        int ctx = id.indexOf('\u0004');
        if (ctx >= 0) {
          id = id.substring(ctx + 1);
        }
        out.add(new Entry(firstForm(id), firstForm(str)));
      }
    } catch (IndexOutOfBoundsException e) {
      throw new InvalidInputException(name + ": truncated .mo file");
    }
    return out;
  }

  private static String string(ByteBuffer b, byte[] bytes, int tableOffset) {
    int length = b.getInt(tableOffset);
    int offset = b.getInt(tableOffset + 4);
    if (length < 0 || offset < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException();
    }
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  private static String firstForm(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }
}
