package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorsTest {
  private static final String EN =
      """
      <html><body>
      <h1 id="hd_id1" dir="auto">Load/Save options</h1>
      <p id="par_id2" class="paragraph"><span class="avis">Specifies general <span class="emph">Load</span>/Save settings.</span></p>
      <p id="par_id3">Click <a href="x.html">OK</a>.<br/>Then close&nbsp;the dialog &amp; go on.</p>
      <p id="par_id4">Only in English, no partner.</p>
      <p id="par_id5">Repeated id one.</p>
      <p id="par_id5">Repeated id two.</p>
      <p id="par_id6">Same in both languages here.</p>
      </body></html>
      """;
  private static final String DE =
      """
      <html><body>
      <h1 id="hd_id1" dir="auto">Optionen Laden/Speichern</h1>
      <p id="par_id2" class="paragraph"><span class="avis">Hier legen Sie <span class="emph">Laden</span>/Speichern fest.</span></p>
      <p id="par_id3">Klicken Sie auf <a href="x.html">OK</a>.<br/>Dann den Dialog schlie&#223;en &amp; weiter.</p>
      <p id="par_id5">Wiederholt eins.</p>
      <p id="par_id6">Same in both languages here.</p>
      </body></html>
      """;

  @Test
  void pairsHelpParagraphsByFileAndId(@TempDir Path dir) throws IOException {
    Path en = Files.createDirectories(dir.resolve("en-US/text/shared"));
    Path de = Files.createDirectories(dir.resolve("de/text/shared"));
    Files.writeString(en.resolve("a.html"), EN);
    Files.writeString(de.resolve("a.html"), DE);
    Files.writeString(en.resolve("only-en.html"), EN);
    List<ParallelPair> pairs =
        LibreOfficeHelpExtractor.extract(dir.resolve("en-US"), dir.resolve("de"));
    assertEquals(
        List.of(
            new ParallelPair(
                "Specifies general Load/Save settings.",
                "Hier legen Sie Laden/Speichern fest.",
                "help:text/shared/a.html"),
            new ParallelPair(
                "Click OK. Then close the dialog & go on.",
                "Klicken Sie auf OK. Dann den Dialog schließen & weiter.",
                "help:text/shared/a.html"),
            new ParallelPair(
                "Same in both languages here.",
                "Same in both languages here.",
                "help:text/shared/a.html")),
        pairs,
        "two-word headings, ids without partner, repeated ids and files without partner are skipped");
  }

  @Test
  void keepsOnlySentenceLikeDingSubEntries() {
    List<String> lines =
        List.of(
            "# Version :: devel",
            "Abendessen {n} | Das Abendessen hat mir geschmeckt. | Wollen wir essen? :: supper | I enjoyed the dinner. | Shall we eat?",
            "Abart {f} (von etw.) | Es gibt sie in den unterschiedlichsten Varianten. :: variation (of sth.) | They come in all shapes and sizes.",
            "Haus {n} | Häuser {pl} :: house | houses",
            "ungleich | a | b :: unequal | a",
            "Er kam [ugs.] spät nach Hause. :: He came home late [coll.].");
    List<ParallelPair> pairs = DingExtractor.extract(lines);
    assertEquals(
        List.of(
            new ParallelPair(
                "I enjoyed the dinner.", "Das Abendessen hat mir geschmeckt.", "ding:2"),
            new ParallelPair("Shall we eat?", "Wollen wir essen?", "ding:2"),
            new ParallelPair(
                "They come in all shapes and sizes.",
                "Es gibt sie in den unterschiedlichsten Varianten.",
                "ding:3"),
            new ParallelPair("He came home late.", "Er kam spät nach Hause.", "ding:6")),
        pairs);
    assertNull(DingExtractor.sentence("Eat now!"), "two words only");
    assertNull(DingExtractor.sentence("to have dinner; to dine out"), "synonym list");
  }

  @Test
  void readsMoFilesWithContextsAndPluralsAndDropsAccelerators() {
    byte[] mo =
        mo(
            new String[] {
              "", "~Open File", "menu\u0004~Save", "%1 file\u0000%1 files", "OK", "1234"
            },
            new String[] {
              "header", "Datei ö~ffnen", "~Speichern", "%1 Datei\u0000%1 Dateien", "OK", "1234"
            });
    List<MoFile.Entry> entries = MoFile.parse(mo, "t.mo");
    assertEquals(new MoFile.Entry("menu\u0004~Save".substring(5), "~Speichern"), entries.get(2));
    assertEquals(new MoFile.Entry("%1 file", "%1 Datei"), entries.get(3));
    List<ParallelPair> pairs = LibreOfficeUiExtractor.extract("t.mo", entries);
    assertEquals(
        List.of(
            new ParallelPair("Open File", "Datei öffnen", "ui:t.mo:0"),
            new ParallelPair("Save", "Speichern", "ui:t.mo:0"),
            new ParallelPair("%1 file", "%1 Datei", "ui:t.mo:0")),
        pairs,
        "header, untranslated and letterless entries are skipped");
  }

  @Test
  void rejectsFilesThatAreNotMoFiles() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> MoFile.parse(new byte[40], "x.mo"));
    assertEquals("x.mo: not a .mo file (bad magic number)", e.getMessage());
    byte[] truncated = Arrays.copyOf(mo(new String[] {"a b"}, new String[] {"c d"}), 30);
    assertThrows(InvalidInputException.class, () -> MoFile.parse(truncated, "t.mo"));
  }

  @Test
  void buildsFromAnUnpackedPackageTree(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve(DebianCorpus.HELP_EN).resolve("text"));
    Files.createDirectories(root.resolve(DebianCorpus.HELP_DE).resolve("text"));
    Files.writeString(root.resolve(DebianCorpus.HELP_EN).resolve("text/a.html"), EN);
    Files.writeString(root.resolve(DebianCorpus.HELP_DE).resolve("text/a.html"), DE);
    Map<String, List<ParallelPair>> sources = DebianCorpus.extract(root);
    assertEquals(List.of("help"), List.copyOf(sources.keySet()), "missing sources are absent");
    assertThrows(InvalidInputException.class, () -> DebianCorpus.extract(root.resolve("empty")));
  }

  /** A little-endian .mo file holding the given messages. */
  static byte[] mo(String[] ids, String[] strs) {
    int n = ids.length;
    int headerSize = 28;
    int tables = headerSize + 16 * n;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int[][] idRefs = new int[n][2];
    int[][] strRefs = new int[n][2];
    for (int i = 0; i < n; i++) {
      idRefs[i] = put(data, ids[i], tables);
    }
    for (int i = 0; i < n; i++) {
      strRefs[i] = put(data, strs[i], tables);
    }
    ByteBuffer b = ByteBuffer.allocate(tables + data.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x950412de)
        .putInt(0)
        .putInt(n)
        .putInt(headerSize)
        .putInt(headerSize + 8 * n)
        .putInt(0)
        .putInt(0);
    for (int[] r : idRefs) {
      b.putInt(r[0]).putInt(r[1]);
    }
    for (int[] r : strRefs) {
      b.putInt(r[0]).putInt(r[1]);
    }
    b.put(data.toByteArray());
    return b.array();
  }

  private static int[] put(ByteArrayOutputStream data, String s, int base) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int offset = base + data.size();
    data.writeBytes(bytes);
    data.write(0);
    return new int[] {bytes.length, offset};
  }
}
