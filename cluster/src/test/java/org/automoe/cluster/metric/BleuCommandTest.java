package org.automoe.cluster.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.JsonShape;
import org.automoe.cluster.space.CostCommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BleuCommandTest {
  @Test
  void scoresSacreBleusReadmeExampleWithTwoReferences(@TempDir Path dir) throws IOException {
    Path hyp =
        write(
            dir,
            "hyp.txt",
            "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
    Path r1 =
        write(
            dir,
            "r1.txt",
            "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
    Path r2 =
        write(
            dir,
            "r2.txt",
            "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n");
    Cli.Result r =
        Cli.run(
            "bleu",
            "--hyp",
            hyp.toString(),
            "--ref",
            r1.toString(),
            "--ref",
            r2.toString(),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "{score:float,counts:[int],totals:[int],precisions:[float],sysLen:int,refLen:int,bp:float,"
            + "signature:string}",
        JsonShape.of(r.out()));
    assertTrue(r.out().startsWith("{\"score\":48.5308270099298"), r.out());
    assertTrue(r.out().contains("\"counts\":[14,7,5,3],\"totals\":[17,14,11,8]"), r.out());
    assertTrue(
        r.out()
            .contains(
                "\"signature\":\"nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0\""));
    Cli.Result text =
        Cli.run("bleu", "--hyp", hyp.toString(), "--ref", r1.toString(), "--ref", r2.toString());
    assertTrue(
        text.out()
            .startsWith(
                "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"),
        text.out());
  }

  @Test
  void misalignedOrInvalidFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
    Path hyp = write(dir, "hyp.txt", "a\nb\n");
    Path ref = write(dir, "ref.txt", "a\n");
    CostCommandTest.assertOneLineError(
        Cli.run("bleu", "--hyp", hyp.toString(), "--ref", ref.toString()),
        ref + ": has 1 lines, but " + hyp + " has 2");
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'a', '\n', (byte) 0xff, '\n'});
    CostCommandTest.assertOneLineError(
        Cli.run("bleu", "--hyp", bad.toString(), "--ref", hyp.toString()),
        bad + ": line 2 is not valid UTF-8");
    CostCommandTest.assertOneLineError(
        Cli.run("bleu", "--hyp", hyp.toString(), "--ref", hyp.toString(), "--tokenize", "intl"),
        "tokenize: 'intl' is not one of [13a, none]");
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
