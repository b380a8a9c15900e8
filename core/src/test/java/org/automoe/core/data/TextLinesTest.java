package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TextLinesTest {
  private static TextLines.Lines lines(byte[] bytes) {
    return TextLines.split(Path.of("f.txt"), bytes);
  }

  @Test
  void splitsOnEveryNewlineConventionLikePython() {
    byte[] text = "a\nb\r\nc\rd\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("a", "b", "c", "d"), lines(text).lines());
    assertEquals(List.of("a", "", "b"), lines("a\n\nb".getBytes(StandardCharsets.UTF_8)).lines());
    assertEquals(List.of(), lines(new byte[0]).lines());
  }

  @Test
  void marksInvalidUtf8LinesByNumber() {
    byte[] good = "Grüße\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
    byte[] all = new byte[good.length * 2 + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    System.arraycopy(good, 0, all, good.length + bad.length, good.length);
    TextLines.Lines l = lines(all);
    assertEquals(3, l.lines().size());
    assertNull(l.lines().get(1));
    assertEquals(List.of(2), l.invalidUtf8());
    InvalidInputException e = assertThrows(InvalidInputException.class, l::requireValid);
    assertEquals("f.txt: line 2 is not valid UTF-8", e.getMessage());
    assertEquals(Arrays.asList("Grüße", null, "Grüße"), l.lines());
  }
}
