package org.automoe.cluster.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.JsonShape;
import org.automoe.cluster.space.CostCommandTest;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @Test
  void buildsACorpusWithManifestFromAnUnpackedTree(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("unpacked");
    Path en = Files.createDirectories(root.resolve("usr/share/libreoffice/help/en-US/text"));
    Path de = Files.createDirectories(root.resolve("usr/share/libreoffice/help/de/text"));
    for (int f = 0; f < 120; f++) {
      Files.writeString(
          en.resolve(f + ".html"), "<p id=\"par_id1\">This is file number " + f + ".</p>");
      Files.writeString(
          de.resolve(f + ".html"), "<p id=\"par_id1\">Das ist Datei Nummer " + f + ".</p>");
    }
    Path ding = Files.createDirectories(root.resolve("usr/share/trans")).resolve("de-en");
    Files.writeString(
        ding, "# Version :: test\nHaus {n} | Das Haus ist alt. :: house | The house is old.\n");
    Path doc = Files.createDirectories(root.resolve("usr/share/doc/trans-de-en"));
    try (var out =
        new GZIPOutputStream(Files.newOutputStream(doc.resolve("changelog.Debian.gz")))) {
      out.write("ding (1.9-6) unstable; urgency=medium\n".getBytes());
    }
    Path corpus = dir.resolve("corpus");
    Cli.Result r =
        Cli.run("data", "build-corpus", "--from", root.toString(), "--out", corpus.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("help     120 extracted,    120 kept"), r.out());
    Corpus c = CorpusFiles.read(corpus);
    assertEquals(121, c.size());
    String manifest = Files.readString(corpus.resolve("manifest.json"));
    assertTrue(
        manifest.contains("\"trans-de-en\":{\"version\":\"1.9-6\",\"licence\":\"GPL-2+\"}"),
        manifest);
    assertTrue(manifest.contains("\"libreoffice-help-de\":{\"version\":\"unknown\""), manifest);
    String pkg = "{version:string,licence:string}";
    String source =
        "{extracted:int,kept:int,droppedLength:int,droppedUntranslated:int,droppedDuplicate:int}";
    assertEquals(
        "{languages:string,format:string,packages:{libreoffice-help-de:"
            + pkg
            + ",libreoffice-help-en-us:"
            + pkg
            + ",libreoffice-l10n-de:"
            + pkg
            + ",trans-de-en:"
            + pkg
            + "},sources:{help:"
            + source
            + ",ding:"
            + source
            + "},counts:{train:int,valid:int,test:int},seed:int,split:string,filters:string,"
            + "buildCommand:string,version:string}",
        JsonShape.of(manifest));
    CostCommandTest.assertOneLineError(
        Cli.run(
            "data",
            "build-corpus",
            "--from",
            dir.resolve("nothing").toString(),
            "--out",
            corpus.toString()),
        "no such folder");
  }

  @Test
  void importsATsvFileReportingBadLines(@TempDir Path dir) throws IOException {
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      tsv.append("sentence ").append(i).append("\tSatz ").append(i).append('\n');
    }
    tsv.append("no tab here\n\tonly target\n");
    Path f = Files.writeString(dir.resolve("my.tsv"), tsv);
    Cli.Result r =
        Cli.run("data", "import", "--tsv", f.toString(), "--out", dir.resolve("c").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "2002 lines: 2000 kept, 2 skipped (1 empty side, 1 wrong column count, 0 invalid UTF-8)"),
        r.out());
    assertEquals(2000, CorpusFiles.read(dir.resolve("c")).size());
    String manifest = Files.readString(dir.resolve("c/manifest.json"));
    assertEquals(
        "{input:string,lines:int,kept:int,skippedEmptySide:int,skippedWrongColumns:int,"
            + "skippedInvalidUtf8:int,train:int,valid:int,test:int,seed:int}",
        JsonShape.of(manifest));
    assertTrue(
        manifest.startsWith("{\"input\":\"" + f + "\",\"lines\":2002,\"kept\":2000,"), manifest);
    CostCommandTest.assertOneLineError(
        Cli.run(
            "data",
            "import",
            "--tsv",
            f.toString(),
            "--src",
            f.toString(),
            "--out",
            dir.toString()),
        "give either --tsv FILE, or --src FILE and --tgt FILE");
  }

  @Test
  void runUsesAConfiguredCorpusFolder(@TempDir Path dir) throws IOException {
    Path corpus = Cli.corpus(dir, 3000);
    Path conf =
        Files.writeString(
            dir.resolve("r.conf"),
            "automoe.run { corpus = \""
                + corpus
                + "\", supernet-steps = 6, latency-samples = 12, predictor-steps = 20, latency-runs = 2, search-budget = 12, retrain-steps = 4 }\nautomoe.cluster.port = 0\n");
    Cli.Result r =
        Cli.run("run", "--config", conf.toString(), "--run", dir.resolve("run").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.logged("corpus: done: " + corpus), String.join("\n", r.log()));
    assertEquals(3000, CorpusFiles.read(dir.resolve("run/corpus")).size());
  }
}
