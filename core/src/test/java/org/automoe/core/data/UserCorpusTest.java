package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCorpusTest {
  @Test
  void countsBadTsvLinesAndKeepsTheRest(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.tsv");
    byte[] bad = {(byte) 0xff, '\t', 'x', '\n'};
    Files.write(
        f,
        concat(
            "Hello world.\tHallo Welt.\n\tleer\nthree\tcolumns\there\n".getBytes(),
            bad,
            "Good  day\tGuten\u00a0Tag\n".getBytes()));
    UserCorpus.Read r = UserCorpus.tsv(f);
    assertEquals(new UserCorpus.Report(5, 2, 1, 1, 1), r.report());
    assertEquals(
        List.of("Hello world.", "Good day"), r.pairs().stream().map(ParallelPair::source).toList());
    assertEquals("Guten Tag", r.pairs().get(1).target(), "whitespace collapsed");
  }

  @Test
  void readsAlignedFiles(@TempDir Path dir) throws IOException {
    Path en = Files.writeString(dir.resolve("a.en"), "one two\n\nthree\n");
    Path de = Files.writeString(dir.resolve("a.de"), "eins zwei\nleer\ndrei\n");
    UserCorpus.Read r = UserCorpus.aligned(en, de);
    assertEquals(new UserCorpus.Report(3, 2, 1, 0, 0), r.report());
    Path shorter = Files.writeString(dir.resolve("b.de"), "eins\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> UserCorpus.aligned(en, shorter));
    assertEquals(
        shorter
            + ": has 1 lines, but "
            + en
            + " has 3; aligned files need one line per sentence on both sides",
        e.getMessage());
  }

  @Test
  void rejectsFilesThatAreNotCorpora(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("x.csv"), "a,b\nc,d\n");
    assertEquals(
        csv + ": not a corpus: no line has exactly two tab-separated columns (2 lines)",
        assertThrows(InvalidInputException.class, () -> UserCorpus.tsv(csv)).getMessage());
    Path binary = Files.write(dir.resolve("x.bin"), new byte[] {(byte) 0xfe, (byte) 0xff, 0, 1});
    assertEquals(
        binary + ": not a corpus: no line is valid UTF-8 text (1 lines)",
        assertThrows(InvalidInputException.class, () -> UserCorpus.tsv(binary)).getMessage());
    Path empty = Files.writeString(dir.resolve("e.tsv"), "");
    assertEquals(
        empty + ": not a corpus: it is empty",
        assertThrows(InvalidInputException.class, () -> UserCorpus.tsv(empty)).getMessage());
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
